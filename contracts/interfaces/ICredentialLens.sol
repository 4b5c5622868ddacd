// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ICredentialAnchor} from "./ICredentialAnchor.sol";
import {IIssuerRegistry} from "./IIssuerRegistry.sol";

/**
 * @title ICredentialLens
 * @notice Read-only view over a deployment: in one `eth_call` at one block, everything a verifier's ANCHOR, ISSUER
 * and STATUS checks read about a batch and some of its credentials (docs/SPEC.md §8), instead of one call per read.
 *
 * The lens holds no state and trusts nothing of its own: it asks the anchor and registry it is given, so one lens
 * serves the current deployment and every earlier one listed in the deployment file's `history`. Its answers are
 * exactly those of the contracts' own getters at the same block.
 */
interface ICredentialLens {
    /// @notice What the checks read about one batch `(issuerId, root)`.
    /// @param anchored False when the anchor holds no such batch; every other field is then zeroed.
    /// @param batch The anchor's record of the batch (`ICredentialAnchor.batch`).
    /// @param revocation The revocation of the whole batch (`ICredentialAnchor.batchRevocation`; zeroed if none).
    /// @param issuerRegistered False when the registry has no profile for `batch.issuerId`.
    /// @param issuer The registry's profile of `batch.issuerId` (`IIssuerRegistry.issuer`).
    /// @param signerAuthorised `IIssuerRegistry.isAuthorisedAt(batch.issuerId, batch.signer, batch.anchoredAt)`.
    /// @param statusAtAnchoring `IIssuerRegistry.statusAt(batch.issuerId, batch.anchoredAt)`.
    struct BatchState {
        bool anchored;
        ICredentialAnchor.Batch batch;
        ICredentialAnchor.Revocation revocation;
        bool issuerRegistered;
        IIssuerRegistry.Issuer issuer;
        bool signerAuthorised;
        IIssuerRegistry.AccreditationStatus statusAtAnchoring;
    }

    /// @notice The registry answered the profile read with something other than "no such issuer": it is not a
    /// registry this lens can read, and no answer is better than a wrong one.
    error CredentialLensRegistryFailed(address registry, bytes reason);

    /// @notice The batch `(issuerId, root)` as `anchor` and `registry` record it, and the revocation of each of
    /// `leaves` in that batch (zeroed where none), in the order given.
    /// @param anchor The CredentialAnchor holding the batch.
    /// @param registry The IssuerRegistry of that deployment (the one the verifier trusts, not asked of the anchor).
    /// @param issuerId The issuer the batch is anchored under (each issuer has its own namespace of roots).
    /// @param root The batch's Merkle root.
    /// @param leaves Leaves whose credential revocations are wanted; may be empty.
    function batchState(
        ICredentialAnchor anchor,
        IIssuerRegistry registry,
        address issuerId,
        bytes32 root,
        bytes32[] calldata leaves
    ) external view returns (BatchState memory state, ICredentialAnchor.Revocation[] memory revocations);
}
