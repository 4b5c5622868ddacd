// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ICredentialAnchor} from "./interfaces/ICredentialAnchor.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";

/**
 * @title CredentialAnchor
 * @notice Anchors EIP-712-signed Merkle roots of credential batches and records revocations.
 * @dev See {ICredentialAnchor}. Which keys may act for which issuer is decided by the {IIssuerRegistry}.
 */
contract CredentialAnchor is ICredentialAnchor, EIP712 {
    /// @inheritdoc ICredentialAnchor
    uint256 public constant MAX_BATCH_SIZE = 262_144;

    /// @inheritdoc ICredentialAnchor
    uint256 public constant MAX_REASON_LENGTH = 256;

    uint256 private constant _MAX_CID_LENGTH = 128;

    bytes32 private constant _BATCH_TYPEHASH = keccak256("Batch(address issuer,bytes32 root,uint256 count)");

    IIssuerRegistry private immutable _registry;

    // Keyed by issuer first: a root is unique only within its issuer's namespace (see {ICredentialAnchor}).
    mapping(address issuerId => mapping(bytes32 root => Batch)) private _batches;
    mapping(address issuerId => mapping(bytes32 root => Revocation)) private _batchRevocations;
    mapping(address issuerId => mapping(bytes32 root => mapping(bytes32 leaf => Revocation))) private _credentialRevocations;

    /**
     * @notice Creates the anchor bound to an issuer registry.
     * @param issuerRegistry The registry deciding which keys are authorised for which issuer.
     */
    constructor(IIssuerRegistry issuerRegistry) EIP712("CredAnchor", "2") {
        _registry = issuerRegistry;
    }

    /// @inheritdoc ICredentialAnchor
    function anchorBatch(bytes32 root, uint32 count, string calldata manifestCid, bytes calldata signature) external {
        if (root == bytes32(0)) revert CredentialAnchorZeroRoot();
        if (count == 0 || count > MAX_BATCH_SIZE) revert CredentialAnchorInvalidCount(count, MAX_BATCH_SIZE);
        uint256 cidLength = bytes(manifestCid).length;
        if (cidLength == 0 || cidLength > _MAX_CID_LENGTH) revert CredentialAnchorInvalidCid();

        address issuerId = _registry.signingKey(msg.sender).issuerId;
        if (!_registry.isAuthorisedAt(issuerId, msg.sender, uint64(block.timestamp)))
            revert CredentialAnchorUnauthorisedKey(msg.sender);
        Batch storage record = _batches[issuerId][root];
        if (record.anchoredAt != 0) revert CredentialAnchorRootExists(issuerId, root);

        // tryRecover (not recover) so that a malformed signature yields the same error as a foreign one.
        // It rejects high-s and invalid v (ErrorCode != NoError => recovered == address(0)).
        (address recovered, , ) = ECDSA.tryRecoverCalldata(_batchDigest(issuerId, root, count), signature);
        if (recovered != msg.sender) revert CredentialAnchorInvalidSignature(recovered, msg.sender);

        record.issuerId = issuerId;
        record.signer = msg.sender;
        record.anchoredAt = uint64(block.timestamp);
        record.blockNumber = uint64(block.number);
        record.count = count;
        record.manifestCid = manifestCid;
        emit BatchAnchored(issuerId, root, msg.sender, count, manifestCid);
    }

    /// @inheritdoc ICredentialAnchor
    function revokeCredential(
        address issuerId,
        bytes32 root,
        bytes32 leaf,
        bytes32[] calldata proof,
        RevocationReason reasonCode,
        string calldata reason
    ) external {
        _checkRevoker(issuerId, root);
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert CredentialAnchorNotInBatch(root, leaf);
        Revocation storage revocation = _credentialRevocations[issuerId][root][leaf];
        if (revocation.revokedAt != 0) revert CredentialAnchorAlreadyRevoked(issuerId, root, leaf);
        _record(revocation, reasonCode, reason);
        emit CredentialRevoked(issuerId, root, leaf, reasonCode, reason, msg.sender);
    }

    /// @inheritdoc ICredentialAnchor
    function revokeBatch(address issuerId, bytes32 root, RevocationReason reasonCode, string calldata reason) external {
        _checkRevoker(issuerId, root);
        Revocation storage revocation = _batchRevocations[issuerId][root];
        if (revocation.revokedAt != 0) revert CredentialAnchorAlreadyRevoked(issuerId, root, bytes32(0));
        _record(revocation, reasonCode, reason);
        emit BatchRevoked(issuerId, root, reasonCode, reason, msg.sender);
    }

    /// @inheritdoc ICredentialAnchor
    function batch(address issuerId, bytes32 root) external view returns (Batch memory) {
        Batch storage record = _batches[issuerId][root];
        if (record.anchoredAt == 0) revert CredentialAnchorBatchMissing(issuerId, root);
        return record;
    }

    /// @inheritdoc ICredentialAnchor
    function isAnchored(address issuerId, bytes32 root) external view returns (bool) {
        return _batches[issuerId][root].anchoredAt != 0;
    }

    /// @inheritdoc ICredentialAnchor
    function credentialRevocation(address issuerId, bytes32 root, bytes32 leaf) external view returns (Revocation memory) {
        return _credentialRevocations[issuerId][root][leaf];
    }

    /// @inheritdoc ICredentialAnchor
    function batchRevocation(address issuerId, bytes32 root) external view returns (Revocation memory) {
        return _batchRevocations[issuerId][root];
    }

    /// @inheritdoc ICredentialAnchor
    function verifyInclusion(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external pure returns (bool) {
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @inheritdoc ICredentialAnchor
    function batchDigest(address issuerId, bytes32 root, uint256 count) external view returns (bytes32) {
        return _batchDigest(issuerId, root, count);
    }

    /// @inheritdoc ICredentialAnchor
    function registry() external view returns (IIssuerRegistry) {
        return _registry;
    }

    function _batchDigest(address issuerId, bytes32 root, uint256 count) internal view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(_BATCH_TYPEHASH, issuerId, root, count)));
    }

    /// @dev Reverts unless the batch exists and the caller is a key of its issuer authorised now, or governance.
    function _checkRevoker(address issuerId, bytes32 root) internal view {
        if (_batches[issuerId][root].anchoredAt == 0) revert CredentialAnchorBatchMissing(issuerId, root);
        if (msg.sender == address(_registry)) return;
        if (!_registry.isAuthorisedAt(issuerId, msg.sender, uint64(block.timestamp)))
            revert CredentialAnchorNotIssuer(msg.sender, issuerId);
    }

    function _record(Revocation storage revocation, RevocationReason reasonCode, string calldata reason) internal {
        uint256 length = bytes(reason).length;
        if (length > MAX_REASON_LENGTH) revert CredentialAnchorReasonTooLong(length, MAX_REASON_LENGTH);
        revocation.revokedAt = uint64(block.timestamp);
        revocation.reasonCode = reasonCode;
        revocation.revokedBy = msg.sender;
        revocation.reason = reason;
    }
}
