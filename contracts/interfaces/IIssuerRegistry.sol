// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/**
 * @title IIssuerRegistry
 * @notice Consortium registry of accredited universities and their signing keys.
 *
 * Governance is a k-of-n council of member accounts. Every administrative change is a proposal: an
 * arbitrary call (target, data) that any member may propose and that is executed once `threshold`
 * current members have approved it and it has not expired. Administrative functions of the registry
 * itself are `onlyGovernance`: they can only be reached through an executed proposal
 * (`msg.sender == address(this)`).
 *
 * An issuer is identified by the address of the key it was accredited with (`issuerId`). That id is
 * stable across key rotation. Every key belongs to at most one issuer, forever.
 *
 * History keeps every record, so "was key K authorised for issuer I at time T?" has an answer for any
 * past T: keys carry a validity window and accreditation carries a list of status changes with effective times.
 *
 * Time rule (docs/SPEC.md §8.2): a change dated at moment t governs the moments strictly after t; the moment t
 * itself keeps what held before. So a key is authorised at T when validFrom < T <= validUntil (validUntil 0:
 * open-ended), and statusAt(T) is set by the changes effective before T. A change "effective now" therefore never
 * touches a batch anchored in its own block or earlier. Time 0 given to suspend, reinstate, deaccredit or
 * retireSigningKey means "now", the block time of the execution, not of the proposal.
 */
interface IIssuerRegistry {
    /// @notice Accreditation status of an issuer from a given moment on.
    enum AccreditationStatus {
        None,
        Accredited,
        Suspended,
        Deaccredited
    }

    /// @notice A status change, governing the moments after `effectiveFrom` (unix seconds) until the next change
    /// in time; `recordedAt` is the block time it was executed at (earlier `effectiveFrom`: back-dated).
    struct AccreditationChange {
        AccreditationStatus status;
        uint64 effectiveFrom;
        uint64 recordedAt;
    }

    /// @notice Public profile of an issuer.
    struct Issuer {
        string nameEn;
        string nameZh;
        string domain;
        uint64 accreditedAt;
    }

    /// @notice A signing key of an issuer, authorised at moments T with validFrom < T <= validUntil
    /// (`validUntil == 0` means open-ended).
    struct SigningKey {
        address issuerId;
        uint64 validFrom;
        uint64 validUntil;
    }

    /// @notice A governance proposal: a call the registry makes once enough members approve it.
    struct Proposal {
        address proposer;
        address target;
        uint64 createdAt;
        uint64 expiresAt;
        bool executed;
        bytes data;
    }

    // ---- errors ----
    error IssuerRegistryNotMember(address account);
    error IssuerRegistryOnlyGovernance(address caller);
    error IssuerRegistryInvalidThreshold(uint256 threshold, uint256 memberCount);
    error IssuerRegistryMemberExists(address account);
    error IssuerRegistryMemberMissing(address account);
    error IssuerRegistryZeroAddress();
    error IssuerRegistryProposalMissing(uint256 proposalId);
    error IssuerRegistryProposalExpired(uint256 proposalId, uint64 expiresAt);
    error IssuerRegistryProposalExecuted(uint256 proposalId);
    error IssuerRegistryAlreadyApproved(uint256 proposalId, address member);
    error IssuerRegistryThresholdNotMet(uint256 proposalId, uint256 approvals, uint256 threshold);
    error IssuerRegistryProposalFailed(uint256 proposalId, bytes returnData);
    error IssuerRegistryIssuerExists(address issuerId);
    error IssuerRegistryIssuerMissing(address issuerId);
    error IssuerRegistryInvalidName();
    error IssuerRegistryKeyTaken(address key, address issuerId);
    error IssuerRegistryKeyMissing(address key);
    error IssuerRegistryInvalidWindow(uint64 validFrom, uint64 validUntil);
    error IssuerRegistryKeyNotAuthorised(address key);
    error IssuerRegistryBeforeAccreditation(address issuerId, uint64 effectiveFrom, uint64 accreditedAt);
    error IssuerRegistryInvalidStatusChange(address issuerId, AccreditationStatus from, AccreditationStatus to);

    // ---- events ----
    event MemberAdded(address indexed member);
    event MemberRemoved(address indexed member);
    event ThresholdChanged(uint256 previousThreshold, uint256 newThreshold);
    event ProposalCreated(uint256 indexed proposalId, address indexed proposer, address target, bytes data, uint64 expiresAt);
    event ProposalApproved(uint256 indexed proposalId, address indexed member, uint256 approvals);
    event ProposalExecuted(uint256 indexed proposalId, address indexed executor);
    event IssuerAccredited(address indexed issuerId, string nameEn, string nameZh, string domain, uint64 effectiveFrom);
    event IssuerStatusChanged(address indexed issuerId, AccreditationStatus status, uint64 effectiveFrom);
    event SigningKeyAdded(address indexed issuerId, address indexed key, uint64 validFrom, uint64 validUntil);
    event SigningKeyRetired(address indexed issuerId, address indexed key, uint64 validUntil);

    // ---- governance ----

    /// @notice Proposes that the registry calls `target` with `data`; counts as the proposer's approval.
    /// @return proposalId Sequential id, starting at 1.
    function propose(address target, bytes calldata data) external returns (uint256 proposalId);

    /// @notice Records the caller's approval of a pending, unexpired proposal.
    function approve(uint256 proposalId) external;

    /// @notice Executes a proposal approved by at least `threshold` current members. Any member may call it.
    function execute(uint256 proposalId) external returns (bytes memory result);

    /// @notice Adds a council member. Only through governance.
    function addMember(address member) external;

    /// @notice Removes a council member; their pending approvals stop counting. Only through governance.
    function removeMember(address member) external;

    /// @notice Changes how many approvals a proposal needs. Only through governance.
    function setThreshold(uint256 newThreshold) external;

    // ---- issuers and keys ----

    /// @notice Accredits a new issuer whose id is its first signing key, valid from now. Only through governance.
    function accredit(address issuerKey, string calldata nameEn, string calldata nameZh, string calldata domain) external;

    /// @notice Suspends an issuer after `effectiveFrom` (0: the execution's block time), which may lie before
    /// changes recorded earlier (back-dating) but not before accreditation; the issuer must be accredited at that
    /// moment. Only through governance.
    function suspend(address issuerId, uint64 effectiveFrom) external;

    /// @notice Lifts a suspension in force at `effectiveFrom` (0: the execution's block time). Only through governance.
    function reinstate(address issuerId, uint64 effectiveFrom) external;

    /// @notice Withdraws accreditation for good after `effectiveFrom` (0: the execution's block time): from then
    /// on the issuer is de-accredited whatever other change is dated later. Only through governance.
    function deaccredit(address issuerId, uint64 effectiveFrom) external;

    /// @notice Adds a signing key with a validity window to an issuer. Only through governance.
    function addSigningKey(address issuerId, address key, uint64 validFrom, uint64 validUntil) external;

    /// @notice Ends a key's validity at `validUntil` (0: the execution's block time), not later than its current
    /// end nor before its start; the key stays authorised at `validUntil` itself. Only through governance.
    function retireSigningKey(address key, uint64 validUntil) external;

    /// @notice Called by a currently authorised key of an issuer: the caller's key is valid up to now and `newKey`
    /// after now. This is how a registrar rotates its own key without a governance vote.
    function rotateSigningKey(address newKey) external;

    // ---- views ----

    /// @notice True if `key` belonged to `issuerId`, was inside its validity window and the issuer was accredited at `timestamp`.
    function isAuthorisedAt(address issuerId, address key, uint64 timestamp) external view returns (bool);

    /// @notice The accreditation status of an issuer at `timestamp`.
    function statusAt(address issuerId, uint64 timestamp) external view returns (AccreditationStatus);

    /// @notice The full accreditation history of an issuer in effective-time order (equal times: in recording order).
    function accreditationHistory(address issuerId) external view returns (AccreditationChange[] memory);

    /// @notice The profile of an issuer; reverts with IssuerRegistryIssuerMissing if unknown.
    function issuer(address issuerId) external view returns (Issuer memory);

    /// @notice All issuer ids in accreditation order.
    function issuerIds() external view returns (address[] memory);

    /// @notice The record of a signing key; `issuerId == address(0)` if the key is unknown.
    function signingKey(address key) external view returns (SigningKey memory);

    /// @notice All keys an issuer ever had, in the order they were added.
    function signingKeysOf(address issuerId) external view returns (address[] memory);

    function isMember(address account) external view returns (bool);
    function members() external view returns (address[] memory);
    function threshold() external view returns (uint256);
    function proposal(uint256 proposalId) external view returns (Proposal memory);
    function proposalCount() external view returns (uint256);
    /// @notice Approvals of a proposal that still count (given by current members).
    function approvalCount(uint256 proposalId) external view returns (uint256);
    function hasApproved(uint256 proposalId, address member) external view returns (bool);
    /// @notice How long a proposal stays open for approvals and execution, in seconds.
    function PROPOSAL_LIFETIME() external view returns (uint64);
}
