import { expect } from "chai";
import { ethers } from "hardhat";
import type { BaseContract, BytesLike, ContractRunner, ContractTransactionResponse, Signer } from "ethers";

/** Contracts are deployed untyped (no typechain): methods are reached through the index signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Deployed = Omit<BaseContract, "connect"> & { connect(runner: ContractRunner | null): Deployed } & Record<string, any>;

export const DAY = 24 * 60 * 60;
export const PROPOSAL_LIFETIME = 7 * DAY;

export enum Status {
  None,
  Accredited,
  Suspended,
  Deaccredited,
}

export enum Reason {
  Unspecified,
  IssuedInError,
  Superseded,
  AcademicMisconduct,
  KeyCompromise,
  Withdrawn,
}

export const NAME_EN = "University of Example";
export const NAME_ZH = "示例大学";
export const DOMAIN = "example.edu";

export async function deployRegistry(members: string[], threshold: number): Promise<Deployed> {
  return (await ethers.deployContract("IssuerRegistry", [members, threshold])) as unknown as Deployed;
}

/** Calldata of a registry function, for proposals. */
export function encode(contract: Deployed, fn: string, args: unknown[]): string {
  return contract.interface.encodeFunctionData(fn, args);
}

/**
 * Runs a proposal through the council: `council[0]` proposes, the others approve, `council[0]` executes.
 * Resolves to the execute transaction (or rejects with its revert).
 */
export async function govern(
  registry: Deployed,
  council: Signer[],
  data: BytesLike,
  target?: string,
): Promise<ContractTransactionResponse> {
  const [proposer, ...approvers] = council;
  if (!proposer) throw new Error("empty council");
  await registry.connect(proposer).propose(target ?? (await registry.getAddress()), data);
  const id: bigint = await registry.proposalCount();
  for (const approver of approvers) await registry.connect(approver).approve(id);
  return registry.connect(proposer).execute(id);
}

/** The dev-chain setup: a single admin with threshold 1. */
export async function devRegistryFixture() {
  const [admin, issuerA, issuerB, keyA2, keyA3, outsider, ...rest] = await ethers.getSigners();
  const registry = await deployRegistry([admin!.address], 1);
  const gov = (fn: string, args: unknown[]) => govern(registry, [admin!], encode(registry, fn, args));
  return { registry, admin: admin!, issuerA: issuerA!, issuerB: issuerB!, keyA2: keyA2!, keyA3: keyA3!, outsider: outsider!, rest, gov };
}

/** Dev registry with two accredited issuers, A and B. */
export async function accreditedFixture() {
  const base = await devRegistryFixture();
  await base.gov("accredit", [base.issuerA.address, NAME_EN, NAME_ZH, DOMAIN]);
  const accreditedAt = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  await base.gov("accredit", [base.issuerB.address, "Second University", "第二大学", "second.edu"]);
  return { ...base, accreditedAt };
}

export async function latestTimestamp(): Promise<bigint> {
  return BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
}

/** A string of `n` ASCII bytes. */
export function bytesString(n: number): string {
  return "x".repeat(n);
}

/**
 * Asserts that executing the next proposal fails with IssuerRegistryProposalFailed wrapping `errorName(args)` of
 * `errorSource` (the registry itself or another target).
 */
export async function expectProposalFailure(
  run: () => Promise<unknown>,
  registry: Deployed,
  errorSource: Deployed,
  errorName: string,
  args: unknown[],
): Promise<void> {
  const id: bigint = (await registry.proposalCount()) + 1n;
  const returnData = errorSource.interface.encodeErrorResult(errorName, args);
  await expect(run()).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalFailed").withArgs(id, returnData);
}

export const CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
export const BATCH_TYPES = {
  Batch: [
    { name: "issuer", type: "address" },
    { name: "root", type: "bytes32" },
    { name: "count", type: "uint256" },
  ],
};

export function leaves(n: number, salt = "credential"): string[] {
  return Array.from({ length: n }, (_, i) => ethers.keccak256(ethers.toUtf8Bytes(`${salt}-${i}`)));
}

/** The issuer key's EIP-712 signature of a batch, as `credanchor issue` makes it. */
export async function signBatch(
  signer: Signer,
  anchor: Deployed,
  value: { issuer: string; root: string; count: number | bigint },
  domainOverride: { chainId?: bigint; verifyingContract?: string } = {},
): Promise<string> {
  const { chainId } = await ethers.provider.getNetwork();
  const domain = {
    name: "CredAnchor",
    version: "2",
    chainId: domainOverride.chainId ?? chainId,
    verifyingContract: domainOverride.verifyingContract ?? (await anchor.getAddress()),
  };
  return signer.signTypedData(domain, BATCH_TYPES, value);
}
