import { expect } from "chai";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Wallet, type JsonRpcPayload, type JsonRpcProvider } from "ethers";
import { createCachedChainReader } from "../../../core/src/chain/cachedChainReader";
import { createChainReader } from "../../../core/src/chain/createChainReader";
import type { ChainReader } from "../../../core/src/chain/ChainReader";
import { createChainWriter } from "../../../core/src/chain/createChainWriter";
import { createJsonRpcClient } from "../../../core/src/chain/createJsonRpcClient";
import { createRpcChainReader } from "../../../core/src/chain/createRpcChainReader";
import type { FetchJson } from "../../../core/src/chain/JsonRpcClient";
import { createProvider } from "../../../core/src/chain/createProvider";
import { DEV_PRIVATE_KEYS } from "../../../core/src/chain/devAccounts";
import type { RegistryCall } from "../../../core/src/chain/RegistryCall";
import { contentId } from "../../../core/src/contentId";
import type { ChainError } from "../../../core/src/errors";
import type { Credential } from "../../../core/src/Credential";
import { digestCredential } from "../../../core/src/digestCredential";
import { issueBatch } from "../../../core/src/issueBatch";
import { createVerifyCache, verifyCredential } from "../../../core/src/verifyCredential";
import type { VerifierDeployment } from "../../../core/src/verify/deploymentOfCredential";
import { RECORD } from "../helpers/records";
import { deployContracts, startDeployedChain, type DeployedChain } from "./helpers/deployedChain";

const store = { kind: "directory" as const, put: async (bytes: Uint8Array) => contentId(bytes), healthy: async () => true };

/** A provider that lists the JSON-RPC methods it sends. */
function countingProvider(url: string): { provider: JsonRpcProvider; methods: string[] } {
  const provider = createProvider(url, 31337);
  const methods: string[] = [];
  const send = provider._send.bind(provider);
  provider._send = (payload: JsonRpcPayload | JsonRpcPayload[]) => {
    for (const request of [payload].flat()) methods.push(request.method);
    return send(payload);
  };
  return { provider, methods };
}

/** The page's reader (`fetch`, no ethers provider), listing the JSON-RPC methods it sends. */
function countingRpcReader(url: string, deployment: Parameters<typeof createRpcChainReader>[1]) {
  const methods: string[] = [];
  const counting: FetchJson = (target, init) => {
    methods.push((JSON.parse(init.body) as { method: string }).method);
    return fetch(target, init);
  };
  return { reader: createRpcChainReader(createJsonRpcClient(url, { fetch: counting }), deployment), methods };
}

describe("CredentialLens: reports with and without the lens", function () {
  // Starts a Hardhat node and issues six batches on two deployments.
  this.timeout(180_000);
  let node: DeployedChain;
  let old: DeployedChain["deployment"];
  let credentials: Record<string, Credential>;
  let now: Date;

  async function governance(deployment: DeployedChain["deployment"], call: RegistryCall): Promise<void> {
    const council = createChainWriter(node.admin, deployment);
    const { proposalId } = await council.propose(call);
    await (await council.execute(proposalId)).wait();
  }

  async function issue(deployment: DeployedChain["deployment"], university: Wallet, name: string, count: number) {
    const issuer = { id: university.address, chainId: 31337, nameEn: name, nameZh: `${name}（中）`, domain: "uni.example.edu" };
    const records = Array.from({ length: count }, (_, i) => ({ ...RECORD, studentId: `S${i}`, nameEn: `Graduate ${i}` }));
    const issued = await issueBatch(records, { issuer, anchor: deployment.anchor, signer: university, writer: createChainWriter(university, deployment), store });
    const block = await node.provider.getBlock(issued.blockNumber);
    return { credentials: issued.batch.credentials, root: issued.batch.root, anchoredAt: block!.timestamp, writer: createChainWriter(university, deployment) };
  }

  before(async () => {
    node = await startDeployedChain();
    old = await deployContracts(node.admin);
    const [harbour, peak, bay] = [1, 2, 3].map((i) => new Wallet(DEV_PRIVATE_KEYS[i] as string, node.provider)) as [Wallet, Wallet, Wallet];
    for (const [university, name] of [[harbour, "Harbour"], [peak, "Peak"], [bay, "Bay"]] as const) {
      await governance(node.deployment, { function: "accredit", args: [university.address, name, `${name}（中）`, "uni.example.edu"] });
    }
    await governance(old, { function: "accredit", args: [harbour.address, "Harbour", "Harbour（中）", "uni.example.edu"] });
    // A gap after accreditation, so that changes can be back-dated before an anchoring without predating it.
    await node.provider.send("evm_increaseTime", [600]);

    const first = await issue(node.deployment, harbour, "Harbour", 3);
    const revokedLeaf = digestCredential(first.credentials[1] as Credential).leaf;
    await (await first.writer.revokeCredential(harbour.address, first.root, revokedLeaf, (first.credentials[1] as Credential).proof.merkleProof, 1, "issued in error")).wait();
    const supersededLeaf = digestCredential(first.credentials[2] as Credential).leaf;
    await (await first.writer.revokeCredential(harbour.address, first.root, supersededLeaf, (first.credentials[2] as Credential).proof.merkleProof, 2, "urn:uuid:replacement")).wait();
    const withdrawn = await issue(node.deployment, harbour, "Harbour", 2);
    await (await withdrawn.writer.revokeBatch(harbour.address, withdrawn.root, 5, "withdrawn")).wait();
    const suspended = await issue(node.deployment, peak, "Peak", 2);
    await governance(node.deployment, { function: "suspend", args: [peak.address, suspended.anchoredAt - 60] });
    const retired = await issue(node.deployment, bay, "Bay", 2);
    await governance(node.deployment, { function: "retireSigningKey", args: [bay.address, retired.anchoredAt - 60] });
    const earlier = await issue(old, harbour, "Harbour", 2);

    credentials = {
      valid: first.credentials[0] as Credential,
      revoked: first.credentials[1] as Credential,
      superseded: first.credentials[2] as Credential,
      batchRevoked: withdrawn.credentials[0] as Credential,
      suspendedIssuer: suspended.credentials[0] as Credential,
      retiredKey: retired.credentials[1] as Credential,
      historyDeployment: earlier.credentials[0] as Credential,
    };
    now = new Date((await node.provider.getBlock("latest"))!.timestamp * 1000 + 3_600_000);
  });
  after(async () => node?.stop());

  const verifierDeployment = (history: boolean): VerifierDeployment => ({
    chainId: 31337,
    anchor: node.deployment.anchor,
    registry: node.deployment.registry,
    history: history ? [{ anchor: old.anchor, registry: old.registry }] : [],
  });

  /**
   * Without the lens: each credential on its own, every read a request (the CLI before the lens). With it: as
   * `credanchor verify` now reads, one cached reader and one VerifyCache for the run, side by side or one by one.
   */
  async function reportsOf(withLens: boolean, deployment: VerifierDeployment, sideBySide = false, transport: "ethers" | "fetch" = "ethers") {
    const contracts = withLens ? node.deployment : { anchor: node.deployment.anchor, registry: node.deployment.registry };
    const counting = transport === "ethers" ? countingProvider(node.chain.url) : undefined;
    const { reader: inner, methods } =
      counting === undefined ? countingRpcReader(node.chain.url, contracts) : { reader: createChainReader(counting.provider, contracts), methods: counting.methods };
    const reader = withLens ? createCachedChainReader(inner) : inner;
    const cache = withLens ? createVerifyCache() : undefined;
    const verify = (credential: Credential) => verifyCredential(JSON.stringify(credential), { reader, deployment, now: () => now, ...(cache ? { cache } : {}) });
    try {
      const reports = [];
      if (sideBySide) reports.push(...(await Promise.all(Object.values(credentials).map(verify))));
      else for (const credential of Object.values(credentials)) reports.push(await verify(credential));
      return { reports, calls: methods.filter((method) => method === "eth_call").length };
    } finally {
      counting?.provider.destroy();
    }
  }

  it("gives deep-equal reports: valid, revoked, superseded, batch revoked, suspended issuer, retired key, history deployment", async () => {
    const without = await reportsOf(false, verifierDeployment(true));
    const withLens = await reportsOf(true, verifierDeployment(true), true);
    // Byte-identical, as the CLI prints them.
    expect(withLens.reports.map((report) => JSON.stringify(report))).to.deep.equal(without.reports.map((report) => JSON.stringify(report)));
    const codes = without.reports.map((report) => report.checks.filter((check) => check.status !== "VALID").map((check) => check.code));
    expect(codes).to.deep.equal([
      [],
      ["STATUS_REVOKED"],
      ["STATUS_SUPERSEDED"],
      ["STATUS_BATCH_REVOKED"],
      ["ISSUER_NOT_ACCREDITED"],
      ["ISSUER_KEY_NOT_AUTHORISED"],
      [],
    ]);
  });

  it("gives deep-equal reports for a credential of contracts the verifier does not list (ANCHOR_WRONG_CONTRACT)", async () => {
    const without = await reportsOf(false, verifierDeployment(false));
    const withLens = await reportsOf(true, verifierDeployment(false));
    expect(withLens.reports).to.deep.equal(without.reports);
    expect(withLens.reports.at(-1)?.checks.find((check) => check.check === "ANCHOR")?.code).to.equal("ANCHOR_WRONG_CONTRACT");
  });

  it("makes one eth_call per credential with the lens, where each read was a call of its own before", async () => {
    const without = await reportsOf(false, verifierDeployment(true));
    const withLens = await reportsOf(true, verifierDeployment(true));
    expect(withLens.calls).to.equal(Object.keys(credentials).length);
    expect(without.calls).to.be.greaterThan(4 * Object.keys(credentials).length);
  });

  it("lets credentials of one batch verified side by side share a request", async () => {
    const sideBySide = await reportsOf(true, verifierDeployment(true), true);
    const batches = new Set(Object.values(credentials).map((credential) => credential.proof.merkleRoot)).size;
    expect(sideBySide.calls).to.be.at.least(batches).and.below(Object.keys(credentials).length);
  });

  it("gives the same reports and the same requests through the page's fetch reader, with and without the lens", async () => {
    const ethersLens = await reportsOf(true, verifierDeployment(true));
    const fetchLens = await reportsOf(true, verifierDeployment(true), false, "fetch");
    expect(fetchLens.reports.map((report) => JSON.stringify(report))).to.deep.equal(ethersLens.reports.map((report) => JSON.stringify(report)));
    expect(fetchLens.calls).to.equal(ethersLens.calls);
    const ethersSingle = await reportsOf(false, verifierDeployment(true));
    const fetchSingle = await reportsOf(false, verifierDeployment(true), false, "fetch");
    expect(fetchSingle.reports.map((report) => JSON.stringify(report))).to.deep.equal(ethersSingle.reports.map((report) => JSON.stringify(report)));
    expect(fetchSingle.calls).to.equal(ethersSingle.calls);
    const wrongContract = await reportsOf(true, verifierDeployment(false), false, "fetch");
    expect(wrongContract.reports).to.deep.equal((await reportsOf(true, verifierDeployment(false))).reports);
  });

  it("answers and fails as the ethers reader does: no such batch or issuer, no contract, a closed port, an HTTP error, a timeout", async () => {
    const server = createServer((request, response) => {
      // A node behind a proxy that fails (500) or never answers (timeout).
      if (request.url === "/500") response.writeHead(500).end("upstream down");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const block = (await node.provider.getBlock("latest"))!.number;
    const stranger = Wallet.createRandom().address;
    const outcome = async (read: Promise<unknown>) => read.then((value) => ({ value }), (error: unknown) => ({ code: (error as ChainError).code }));
    const readsOf = (reader: ChainReader) => [
      outcome(reader.batch(stranger, `0x${"ab".repeat(32)}`, block)),
      outcome(reader.issuer(stranger, block)),
      outcome(reader.statusAt(stranger, 1, block)),
      outcome(reader.forContracts!({ anchor: stranger, registry: stranger }).batch(stranger, `0x${"ab".repeat(32)}`, block)),
    ];
    const pairs: [string, string][] = [[node.chain.url, node.chain.url], [`http://127.0.0.1:${closedPort}`, "closed"], [`http://127.0.0.1:${port}/500`, "500"], [`http://127.0.0.1:${port}/hang`, "hang"]];
    try {
      const results: Record<string, unknown> = {};
      for (const [url, name] of pairs) {
        const provider = createProvider(url, 31337, { timeoutMs: 500 });
        const viaEthers = await Promise.all(readsOf(createChainReader(provider, node.deployment)));
        provider.destroy();
        const viaFetch = await Promise.all(readsOf(createRpcChainReader(createJsonRpcClient(url, { fetch, timeoutMs: 500 }), node.deployment)));
        expect(viaFetch, name).to.deep.equal(viaEthers);
        results[name] = viaFetch;
      }
      expect(results[node.chain.url]).to.deep.equal([{ value: null }, { value: null }, { value: 0 }, { code: "CHAIN_READ_FAILED" }]);
      for (const name of ["closed", "500", "hang"]) expect(results[name], name).to.deep.equal(Array(4).fill({ code: "CHAIN_UNREACHABLE" }));
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
