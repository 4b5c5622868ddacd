// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";

/**
 * @title IssuerRegistry
 * @notice Consortium registry of accredited universities and their signing keys, governed by a k-of-n council.
 * @dev See {IIssuerRegistry}. Administrative functions are only reachable through an executed proposal
 * (`msg.sender == address(this)`). Status histories keep every record, sorted by effective time; a key window
 * can only shrink.
 */
contract IssuerRegistry is IIssuerRegistry {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @inheritdoc IIssuerRegistry
    uint64 public constant PROPOSAL_LIFETIME = 7 days;

    uint256 private constant _MAX_NAME_LENGTH = 128;
    uint256 private constant _MAX_DOMAIN_LENGTH = 253;

    EnumerableSet.AddressSet private _members;
    uint256 private _threshold;

    /// @dev Incremented on every addMember so that approvals given during an earlier membership never count again.
    mapping(address member => uint256 epoch) private _memberEpoch;
    uint256 private _epochCounter;

    Proposal[] private _proposals;
    /// @dev proposalId => member => membership epoch in which the member approved (0 = never).
    mapping(uint256 proposalId => mapping(address member => uint256 epoch)) private _approvals;

    address[] private _issuerIds;
    mapping(address issuerId => Issuer) private _issuers;
    mapping(address issuerId => AccreditationChange[]) private _history;
    /// @dev Earliest effective time of a de-accreditation, 0 if none: de-accreditation is for good, so it overrides
    /// every change dated after it, including suspensions recorded before it.
    mapping(address issuerId => uint64 effectiveFrom) private _deaccreditedFrom;
    mapping(address issuerId => address[]) private _keysOf;
    mapping(address key => SigningKey) private _keys;

    /// @dev Restricts a function to calls made by the registry itself, i.e. through an executed proposal.
    modifier onlyGovernance() {
        _checkGovernance();
        _;
    }

    /// @dev Restricts a function to current council members.
    modifier onlyMember() {
        _checkMember(msg.sender);
        _;
    }

    /**
     * @notice Creates the registry with its initial council.
     * @param initialMembers Council members; no zero address, no duplicates.
     * @param initialThreshold Approvals a proposal needs, 1 to `initialMembers.length`.
     */
    constructor(address[] memory initialMembers, uint256 initialThreshold) {
        uint256 length = initialMembers.length;
        for (uint256 i = 0; i < length; ++i) {
            _addMember(initialMembers[i]);
        }
        _setThreshold(initialThreshold);
    }

    // ---------------------------------------------------------------------------------------------------------
    // governance
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IIssuerRegistry
    function propose(address target, bytes calldata data) external onlyMember returns (uint256 proposalId) {
        if (target == address(0)) revert IssuerRegistryZeroAddress();
        uint64 now64 = uint64(block.timestamp);
        uint64 expiresAt = now64 + PROPOSAL_LIFETIME;
        _proposals.push(
            Proposal({
                proposer: msg.sender,
                target: target,
                createdAt: now64,
                expiresAt: expiresAt,
                executed: false,
                data: data
            })
        );
        proposalId = _proposals.length;
        emit ProposalCreated(proposalId, msg.sender, target, data, expiresAt);
        _approve(proposalId, msg.sender);
    }

    /// @inheritdoc IIssuerRegistry
    function approve(uint256 proposalId) external onlyMember {
        _checkOpen(proposalId);
        _approve(proposalId, msg.sender);
    }

    /// @inheritdoc IIssuerRegistry
    function execute(uint256 proposalId) external onlyMember returns (bytes memory result) {
        Proposal storage p = _checkOpen(proposalId);
        uint256 approvals = _approvalCount(proposalId);
        if (approvals < _threshold) revert IssuerRegistryThresholdNotMet(proposalId, approvals, _threshold);

        // Effects before the interaction: a re-entrant execute sees the proposal as executed. If the call fails
        // the whole transaction reverts, so the flag is rolled back and the proposal can be retried.
        p.executed = true;
        bool success;
        // solhint-disable-next-line avoid-low-level-calls
        (success, result) = p.target.call(p.data);
        if (!success) revert IssuerRegistryProposalFailed(proposalId, result);
        emit ProposalExecuted(proposalId, msg.sender);
    }

    /// @inheritdoc IIssuerRegistry
    function addMember(address member) external onlyGovernance {
        _addMember(member);
    }

    /// @inheritdoc IIssuerRegistry
    function removeMember(address member) external onlyGovernance {
        if (!_members.remove(member)) revert IssuerRegistryMemberMissing(member);
        uint256 count = _members.length();
        if (_threshold > count) revert IssuerRegistryInvalidThreshold(_threshold, count);
        delete _memberEpoch[member];
        emit MemberRemoved(member);
    }

    /// @inheritdoc IIssuerRegistry
    function setThreshold(uint256 newThreshold) external onlyGovernance {
        _setThreshold(newThreshold);
    }

    // ---------------------------------------------------------------------------------------------------------
    // issuers and keys
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IIssuerRegistry
    function accredit(
        address issuerKey,
        string calldata nameEn,
        string calldata nameZh,
        string calldata domain
    ) external onlyGovernance {
        if (issuerKey == address(0)) revert IssuerRegistryZeroAddress();
        if (_issuers[issuerKey].accreditedAt != 0) revert IssuerRegistryIssuerExists(issuerKey);
        _checkKeyFree(issuerKey);
        uint256 enLength = bytes(nameEn).length;
        uint256 zhLength = bytes(nameZh).length;
        if (
            enLength == 0 ||
            enLength > _MAX_NAME_LENGTH ||
            zhLength == 0 ||
            zhLength > _MAX_NAME_LENGTH ||
            bytes(domain).length > _MAX_DOMAIN_LENGTH
        ) revert IssuerRegistryInvalidName();

        uint64 now64 = uint64(block.timestamp);
        _issuers[issuerKey] = Issuer({nameEn: nameEn, nameZh: nameZh, domain: domain, accreditedAt: now64});
        _issuerIds.push(issuerKey);
        _history[issuerKey].push(
            AccreditationChange({status: AccreditationStatus.Accredited, effectiveFrom: now64, recordedAt: now64})
        );
        emit IssuerAccredited(issuerKey, nameEn, nameZh, domain, now64);
        _addKey(issuerKey, issuerKey, now64, 0);
    }

    /// @inheritdoc IIssuerRegistry
    function suspend(address issuerId, uint64 effectiveFrom) external onlyGovernance {
        _changeStatus(issuerId, AccreditationStatus.Suspended, effectiveFrom);
    }

    /// @inheritdoc IIssuerRegistry
    function reinstate(address issuerId, uint64 effectiveFrom) external onlyGovernance {
        _changeStatus(issuerId, AccreditationStatus.Accredited, effectiveFrom);
    }

    /// @inheritdoc IIssuerRegistry
    function deaccredit(address issuerId, uint64 effectiveFrom) external onlyGovernance {
        _changeStatus(issuerId, AccreditationStatus.Deaccredited, effectiveFrom);
    }

    /// @inheritdoc IIssuerRegistry
    function addSigningKey(address issuerId, address key, uint64 validFrom, uint64 validUntil) external onlyGovernance {
        if (_issuers[issuerId].accreditedAt == 0) revert IssuerRegistryIssuerMissing(issuerId);
        if (key == address(0)) revert IssuerRegistryZeroAddress();
        _checkKeyFree(key);
        if (validUntil != 0 && validUntil <= validFrom) revert IssuerRegistryInvalidWindow(validFrom, validUntil);
        _addKey(issuerId, key, validFrom, validUntil);
    }

    /// @inheritdoc IIssuerRegistry
    function retireSigningKey(address key, uint64 validUntil) external onlyGovernance {
        SigningKey storage record = _keys[key];
        if (record.issuerId == address(0)) revert IssuerRegistryKeyMissing(key);
        uint64 until = _orNow(validUntil);
        // The window can only shrink: no extension, and not below its start. until == validFrom is allowed and
        // leaves an empty window (a key compromised before it ever became valid).
        if (until < record.validFrom || (record.validUntil != 0 && until > record.validUntil))
            revert IssuerRegistryInvalidWindow(record.validFrom, until);
        _retireKey(record, key, until);
    }

    /// @inheritdoc IIssuerRegistry
    function rotateSigningKey(address newKey) external {
        SigningKey storage record = _keys[msg.sender];
        address issuerId = record.issuerId;
        uint64 now64 = uint64(block.timestamp);
        if (!_isAuthorisedAt(issuerId, msg.sender, now64)) revert IssuerRegistryKeyNotAuthorised(msg.sender);
        if (newKey == address(0)) revert IssuerRegistryZeroAddress();
        _checkKeyFree(newKey);
        _addKey(issuerId, newKey, now64, 0);
        _retireKey(record, msg.sender, now64);
    }

    // ---------------------------------------------------------------------------------------------------------
    // views
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IIssuerRegistry
    function isAuthorisedAt(address issuerId, address key, uint64 timestamp) external view returns (bool) {
        return _isAuthorisedAt(issuerId, key, timestamp);
    }

    /// @inheritdoc IIssuerRegistry
    function statusAt(address issuerId, uint64 timestamp) external view returns (AccreditationStatus) {
        return _statusAt(issuerId, timestamp);
    }

    /// @inheritdoc IIssuerRegistry
    function accreditationHistory(address issuerId) external view returns (AccreditationChange[] memory) {
        return _history[issuerId];
    }

    /// @inheritdoc IIssuerRegistry
    function issuer(address issuerId) external view returns (Issuer memory) {
        Issuer storage record = _issuers[issuerId];
        if (record.accreditedAt == 0) revert IssuerRegistryIssuerMissing(issuerId);
        return record;
    }

    /// @inheritdoc IIssuerRegistry
    function issuerIds() external view returns (address[] memory) {
        return _issuerIds;
    }

    /// @inheritdoc IIssuerRegistry
    function signingKey(address key) external view returns (SigningKey memory) {
        return _keys[key];
    }

    /// @inheritdoc IIssuerRegistry
    function signingKeysOf(address issuerId) external view returns (address[] memory) {
        return _keysOf[issuerId];
    }

    /// @inheritdoc IIssuerRegistry
    function isMember(address account) external view returns (bool) {
        return _members.contains(account);
    }

    /// @inheritdoc IIssuerRegistry
    function members() external view returns (address[] memory) {
        return _members.values();
    }

    /// @inheritdoc IIssuerRegistry
    function threshold() external view returns (uint256) {
        return _threshold;
    }

    /// @inheritdoc IIssuerRegistry
    function proposal(uint256 proposalId) external view returns (Proposal memory) {
        return _proposal(proposalId);
    }

    /// @inheritdoc IIssuerRegistry
    function proposalCount() external view returns (uint256) {
        return _proposals.length;
    }

    /// @inheritdoc IIssuerRegistry
    function approvalCount(uint256 proposalId) external view returns (uint256) {
        _proposal(proposalId);
        return _approvalCount(proposalId);
    }

    /// @inheritdoc IIssuerRegistry
    function hasApproved(uint256 proposalId, address member) external view returns (bool) {
        return _hasApproved(proposalId, member);
    }

    // ---------------------------------------------------------------------------------------------------------
    // internal
    // ---------------------------------------------------------------------------------------------------------

    function _checkGovernance() internal view {
        if (msg.sender != address(this)) revert IssuerRegistryOnlyGovernance(msg.sender);
    }

    function _checkMember(address account) internal view {
        if (!_members.contains(account)) revert IssuerRegistryNotMember(account);
    }

    function _checkKeyFree(address key) internal view {
        address owner = _keys[key].issuerId;
        if (owner != address(0)) revert IssuerRegistryKeyTaken(key, owner);
    }

    function _addMember(address member) internal {
        if (member == address(0)) revert IssuerRegistryZeroAddress();
        if (!_members.add(member)) revert IssuerRegistryMemberExists(member);
        _memberEpoch[member] = ++_epochCounter;
        emit MemberAdded(member);
    }

    function _setThreshold(uint256 newThreshold) internal {
        uint256 count = _members.length();
        if (newThreshold == 0 || newThreshold > count) revert IssuerRegistryInvalidThreshold(newThreshold, count);
        uint256 previous = _threshold;
        _threshold = newThreshold;
        emit ThresholdChanged(previous, newThreshold);
    }

    function _proposal(uint256 proposalId) internal view returns (Proposal storage) {
        if (proposalId == 0 || proposalId > _proposals.length) revert IssuerRegistryProposalMissing(proposalId);
        return _proposals[proposalId - 1];
    }

    /// @dev Returns the proposal if it exists, is not executed and has not expired; reverts otherwise.
    function _checkOpen(uint256 proposalId) internal view returns (Proposal storage p) {
        p = _proposal(proposalId);
        if (p.executed) revert IssuerRegistryProposalExecuted(proposalId);
        if (block.timestamp >= p.expiresAt) revert IssuerRegistryProposalExpired(proposalId, p.expiresAt);
    }

    function _approve(uint256 proposalId, address member) internal {
        if (_hasApproved(proposalId, member)) revert IssuerRegistryAlreadyApproved(proposalId, member);
        _approvals[proposalId][member] = _memberEpoch[member];
        emit ProposalApproved(proposalId, member, _approvalCount(proposalId));
    }

    /// @dev An approval counts only if it was given during the member's current membership.
    function _hasApproved(uint256 proposalId, address member) internal view returns (bool) {
        uint256 epoch = _memberEpoch[member];
        return epoch != 0 && _approvals[proposalId][member] == epoch;
    }

    /// @dev Iterates the council, whose size is small and bounded by governance.
    function _approvalCount(uint256 proposalId) internal view returns (uint256 count) {
        uint256 length = _members.length();
        for (uint256 i = 0; i < length; ++i) {
            if (_hasApproved(proposalId, _members.at(i))) ++count;
        }
    }

    /// @dev Time 0 stands for the block time of the executing transaction: "now" fixed at execution, not at
    /// proposal, so a batch anchored while the proposal waited for votes is judged as before the change.
    function _orNow(uint64 moment) internal view returns (uint64) {
        return moment == 0 ? uint64(block.timestamp) : moment;
    }

    function _changeStatus(address issuerId, AccreditationStatus to, uint64 effectiveFrom) internal {
        AccreditationChange[] storage history = _history[issuerId];
        uint256 length = history.length;
        if (length == 0) revert IssuerRegistryIssuerMissing(issuerId);
        uint64 at = _orNow(effectiveFrom);
        uint64 accreditedAt = history[0].effectiveFrom;
        if (at < accreditedAt) revert IssuerRegistryBeforeAccreditation(issuerId, at, accreditedAt);
        // A change is checked against the status it replaces at its own moment, so a back-dated change must make
        // sense where it is dated: suspend what was accredited then, reinstate what was suspended then.
        AccreditationStatus from = _statusAfter(issuerId, at);
        bool valid = (to == AccreditationStatus.Suspended && from == AccreditationStatus.Accredited) ||
            (to == AccreditationStatus.Accredited && from == AccreditationStatus.Suspended) ||
            (to == AccreditationStatus.Deaccredited && from != AccreditationStatus.Deaccredited);
        if (!valid) revert IssuerRegistryInvalidStatusChange(issuerId, from, to);

        // Insert in effective-time order after every change of the same time (the later record wins a tie).
        history.push(AccreditationChange({status: to, effectiveFrom: at, recordedAt: uint64(block.timestamp)}));
        uint256 i = length;
        while (history[i - 1].effectiveFrom > at) {
            history[i] = history[i - 1];
            --i;
        }
        if (i != length) history[i] = AccreditationChange({status: to, effectiveFrom: at, recordedAt: uint64(block.timestamp)});
        if (to == AccreditationStatus.Deaccredited) _deaccreditedFrom[issuerId] = at;
        emit IssuerStatusChanged(issuerId, to, at);
    }

    function _addKey(address issuerId, address key, uint64 validFrom, uint64 validUntil) internal {
        _keys[key] = SigningKey({issuerId: issuerId, validFrom: validFrom, validUntil: validUntil});
        _keysOf[issuerId].push(key);
        emit SigningKeyAdded(issuerId, key, validFrom, validUntil);
    }

    function _retireKey(SigningKey storage record, address key, uint64 validUntil) internal {
        record.validUntil = validUntil;
        emit SigningKeyRetired(record.issuerId, key, validUntil);
    }

    function _isAuthorisedAt(address issuerId, address key, uint64 timestamp) internal view returns (bool) {
        SigningKey storage record = _keys[key];
        return
            issuerId != address(0) &&
            record.issuerId == issuerId &&
            record.validFrom < timestamp &&
            (record.validUntil == 0 || timestamp <= record.validUntil) &&
            _statusAt(issuerId, timestamp) == AccreditationStatus.Accredited;
    }

    /// @dev The status at `timestamp`: set by the changes effective strictly before it (SPEC §8.2).
    function _statusAt(address issuerId, uint64 timestamp) internal view returns (AccreditationStatus) {
        return timestamp == 0 ? AccreditationStatus.None : _statusAfter(issuerId, timestamp - 1);
    }

    /// @dev The status set by the changes effective at or before `moment`: the last of them in history order
    /// (binary search; history is sorted by effectiveFrom, ties in recording order), unless a de-accreditation
    /// effective at or before `moment` ended accreditation for good.
    function _statusAfter(address issuerId, uint64 moment) internal view returns (AccreditationStatus) {
        uint64 deaccreditedFrom = _deaccreditedFrom[issuerId];
        if (deaccreditedFrom != 0 && deaccreditedFrom <= moment) return AccreditationStatus.Deaccredited;
        AccreditationChange[] storage history = _history[issuerId];
        uint256 low = 0;
        uint256 high = history.length;
        // Find the first index whose effectiveFrom > moment.
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (history[mid].effectiveFrom > moment) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low == 0 ? AccreditationStatus.None : history[low - 1].status;
    }
}
