// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIssuerRegistry} from "./IIssuerRegistry.sol";

/**
 * @title ICredentialAnchor
 * @notice Anchors Merkle roots of credential batches and records revocations.
 *
 * The batch root is signed by the issuer key with EIP-712 typed data
 * `Batch(address issuer,bytes32 root,uint256 count)` under the domain
 * `{name: "CredAnchor", version: "2", chainId, verifyingContract: this}`. `anchorBatch` must be sent by that
 * same key while the registry lists it as authorised for its issuer, so the chain itself proves that the
 * signature was valid at anchoring time. Gas of `anchorBatch` does not depend on `count`.
 *
 * Version 2: every record is keyed by `(issuerId, root)`. Each issuer has its own namespace of roots, so a key of
 * another issuer that copies a root from a pending transaction creates a record under its own issuer only: it can
 * neither block the real issuer's anchoring nor be mistaken for it.
 */
interface ICredentialAnchor {
    /// @notice Why a credential or batch was revoked.
    enum RevocationReason {
        Unspecified,
        IssuedInError,
        Superseded,
        AcademicMisconduct,
        KeyCompromise,
        Withdrawn
    }

    /// @notice What the chain records about a batch.
    struct Batch {
        address issuerId;
        address signer;
        uint64 anchoredAt;
        uint64 blockNumber;
        uint32 count;
        string manifestCid;
    }

    /// @notice A revocation; `revokedAt == 0` means not revoked.
    struct Revocation {
        uint64 revokedAt;
        RevocationReason reasonCode;
        address revokedBy;
        string reason;
    }

    error CredentialAnchorZeroRoot();
    error CredentialAnchorInvalidCount(uint256 count, uint256 maximum);
    error CredentialAnchorRootExists(address issuerId, bytes32 root);
    error CredentialAnchorUnauthorisedKey(address key);
    error CredentialAnchorInvalidSignature(address recovered, address sender);
    error CredentialAnchorInvalidCid();
    error CredentialAnchorBatchMissing(address issuerId, bytes32 root);
    error CredentialAnchorNotIssuer(address caller, address issuerId);
    error CredentialAnchorNotInBatch(bytes32 root, bytes32 leaf);
    error CredentialAnchorAlreadyRevoked(address issuerId, bytes32 root, bytes32 leaf);
    error CredentialAnchorReasonTooLong(uint256 length, uint256 maximum);

    event BatchAnchored(address indexed issuerId, bytes32 indexed root, address indexed signer, uint32 count, string manifestCid);
    event CredentialRevoked(
        address indexed issuerId,
        bytes32 indexed root,
        bytes32 indexed leaf,
        RevocationReason reasonCode,
        string reason,
        address revokedBy
    );
    event BatchRevoked(address indexed issuerId, bytes32 indexed root, RevocationReason reasonCode, string reason, address revokedBy);

    /// @notice Anchors a batch root under the sender's issuer. The sender must be a key authorised for its issuer now,
    /// and `signature` its EIP-712 signature of `Batch(issuerId, root, count)`. Reverts with
    /// CredentialAnchorRootExists if that issuer already anchored `root`; another issuer's record of the same root
    /// does not matter.
    /// @param root Merkle root of the batch (sorted-pair keccak256, as OpenZeppelin MerkleProof).
    /// @param count Number of credentials in the batch, 1 to MAX_BATCH_SIZE.
    /// @param manifestCid Content identifier of the batch manifest (1 to 128 bytes).
    /// @param signature 65-byte ECDSA signature of the typed data; low-s enforced by OpenZeppelin ECDSA.
    function anchorBatch(bytes32 root, uint32 count, string calldata manifestCid, bytes calldata signature) external;

    /// @notice Revokes one credential of the batch `(issuerId, root)`. Only a key authorised for `issuerId` now or
    /// governance (the registry contract executing a proposal).
    /// @param issuerId The issuer whose batch holds the credential.
    /// @param proof Merkle proof that `leaf` belongs to `root`.
    function revokeCredential(
        address issuerId,
        bytes32 root,
        bytes32 leaf,
        bytes32[] calldata proof,
        RevocationReason reasonCode,
        string calldata reason
    ) external;

    /// @notice Revokes the whole batch `(issuerId, root)`. Same authorisation as revokeCredential.
    function revokeBatch(address issuerId, bytes32 root, RevocationReason reasonCode, string calldata reason) external;

    /// @notice The batch `issuerId` anchored under `root`; reverts with CredentialAnchorBatchMissing if none.
    function batch(address issuerId, bytes32 root) external view returns (Batch memory);

    /// @notice True if `issuerId` anchored `root`.
    function isAnchored(address issuerId, bytes32 root) external view returns (bool);

    /// @notice The revocation of one credential of the batch `(issuerId, root)` (zeroed if none).
    function credentialRevocation(address issuerId, bytes32 root, bytes32 leaf) external view returns (Revocation memory);

    /// @notice The revocation of the whole batch `(issuerId, root)` (zeroed if none).
    function batchRevocation(address issuerId, bytes32 root) external view returns (Revocation memory);

    /// @notice True if `proof` proves `leaf` is in the tree of `root` (OpenZeppelin MerkleProof, sorted pairs).
    function verifyInclusion(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external pure returns (bool);

    /// @notice EIP-712 digest the issuer key signs for a batch.
    function batchDigest(address issuerId, bytes32 root, uint256 count) external view returns (bytes32);

    /// @notice The registry that decides which keys are authorised.
    function registry() external view returns (IIssuerRegistry);

    /// @notice Largest accepted batch (2^18 = 262,144 credentials).
    function MAX_BATCH_SIZE() external view returns (uint256);

    /// @notice Longest accepted revocation reason, in bytes (256).
    function MAX_REASON_LENGTH() external view returns (uint256);
}
