// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ICredentialAnchor} from "./interfaces/ICredentialAnchor.sol";
import {ICredentialLens} from "./interfaces/ICredentialLens.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";

/**
 * @title CredentialLens
 * @notice One-call read of what verification needs about a batch and its credentials.
 * @dev See {ICredentialLens}. Stateless; never sent a transaction.
 */
contract CredentialLens is ICredentialLens {
    /// @inheritdoc ICredentialLens
    function batchState(
        ICredentialAnchor anchor,
        IIssuerRegistry registry,
        address issuerId,
        bytes32 root,
        bytes32[] calldata leaves
    ) external view returns (BatchState memory state, ICredentialAnchor.Revocation[] memory revocations) {
        revocations = new ICredentialAnchor.Revocation[](leaves.length);
        for (uint256 i = 0; i < leaves.length; ++i) {
            revocations[i] = anchor.credentialRevocation(issuerId, root, leaves[i]);
        }
        // `batch` reverts for a missing batch; asking first keeps "not anchored" an answer rather than a failure.
        state.anchored = anchor.isAnchored(issuerId, root);
        if (!state.anchored) return (state, revocations);
        state.batch = anchor.batch(issuerId, root);
        state.revocation = anchor.batchRevocation(issuerId, root);
        _readIssuer(registry, state);
        state.signerAuthorised = registry.isAuthorisedAt(state.batch.issuerId, state.batch.signer, state.batch.anchoredAt);
        state.statusAtAnchoring = registry.statusAt(state.batch.issuerId, state.batch.anchoredAt);
    }

    /// @dev The profile of the batch's issuer, or `issuerRegistered == false` when the registry has none.
    function _readIssuer(IIssuerRegistry registry, BatchState memory state) private view {
        try registry.issuer(state.batch.issuerId) returns (IIssuerRegistry.Issuer memory profile) {
            state.issuerRegistered = true;
            state.issuer = profile;
        } catch (bytes memory reason) {
            if (bytes4(reason) != IIssuerRegistry.IssuerRegistryIssuerMissing.selector) {
                revert CredentialLensRegistryFailed(address(registry), reason);
            }
        }
    }
}
