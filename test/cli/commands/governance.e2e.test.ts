/**
 * Council governance end to end: the real `credanchor` binary against a Hardhat node, a 2-of-3 council of dev
 * accounts 0 and 6 and a member whose key lives in an encrypted keystore made by `credanchor key new`.
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract, JsonRpcProvider, Wallet, isKeystoreJson } from "ethers";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { issuerRegistryAbi } from "../../../core/src/generated/abis";
import { freePort, startLocalChain, type LocalChain } from "../../../scripts/lib/localChain";
import { runCli } from "../../../scripts/lib/runCli";

const PASSPHRASE = "correct horse battery staple";
const address = (devAccount: number) => new Wallet(DEV_PRIVATE_KEYS[devAccount] as string).address;

describe("credanchor governance and keystores end to end", function () {
  this.timeout(180_000);

  let chain: LocalChain;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let keystore: string;
  let memberC: string;
  let registry: Contract;
  let provider: JsonRpcProvider;
  const cli = (...args: string[]) => runCli(args, env);
  const asA = (...args: string[]) => cli(...args, "--dev-account", "0");
  const asB = (...args: string[]) => cli(...args, "--dev-account", "6");
  const asC = (...args: string[]) => runCli([...args, "--key-file", keystore], { ...env, CREDANCHOR_KEY_PASSPHRASE: PASSPHRASE });
  const university = address(1);

  async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
    return provider.send(method, params);
  }

  before(async () => {
    chain = await startLocalChain(await freePort());
    provider = new JsonRpcProvider(chain.url, undefined, { staticNetwork: true });
    dir = mkdtempSync(join(tmpdir(), "credanchor-governance-"));
    env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: join(dir, "deployment.json"), CREDANCHOR_KEY_PASSPHRASE: "" };
    keystore = join(dir, "member-c.json");
    const created = await runCli(["key", "new", "--out", keystore, "--json"], { ...env, CREDANCHOR_KEY_PASSPHRASE: PASSPHRASE });
    expect(created.code, created.stderr).to.equal(0);
    memberC = (JSON.parse(created.stdout) as { address: string }).address;
    await rpc("hardhat_setBalance", [memberC, "0x56bc75e2d63100000"]);
    const deployed = await cli("deploy", "--members", [address(0), address(6), memberC].join(","), "--threshold", "2");
    expect(deployed.code, deployed.stderr).to.equal(0);
    const deployment = JSON.parse(readFileSync(join(dir, "deployment.json"), "utf8")) as { registry: string };
    registry = new Contract(deployment.registry, issuerRegistryAbi, provider);
  });

  after(async () => {
    provider?.destroy();
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("key new", () => {
    it("writes an encrypted keystore with mode 0600 and prints only the address", () => {
      expect(statSync(keystore).mode & 0o777).to.equal(0o600);
      const json = readFileSync(keystore, "utf8");
      expect(isKeystoreJson(json)).to.equal(true);
      const wallet = Wallet.fromEncryptedJsonSync(json, PASSPHRASE);
      expect(wallet.address).to.equal(memberC);
      expect(json).not.to.contain(wallet.privateKey.slice(2));
    });

    it("refuses to run without a passphrase when no one is at a terminal", async () => {
      const result = await cli("key", "new", "--out", join(dir, "other.json"));
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain("CREDANCHOR_KEY_PASSPHRASE");
    });

    it("rejects a wrong passphrase clearly, without echoing it", async () => {
      const result = await runCli(["governance", "approve", "1", "--key-file", keystore], { ...env, CREDANCHOR_KEY_PASSPHRASE: "not the passphrase" });
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain(`Wrong passphrase for keystore ${keystore}`);
      expect(result.stderr + result.stdout).not.to.contain("not the passphrase");
    });
  });

  describe("a proposal's life", () => {
    it("is not executed while below the threshold", async () => {
      const result = await asA("governance", "propose", "accredit", university, "--name-en", "Harbour University", "--name-zh", "海港大學");
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.contain("Proposal 1 created").and.to.contain("1 of 2 approvals");
      expect(await registry.getFunction("issuerIds")()).to.deep.equal([]);
    });

    it("is listed with its decoded action, approvals/threshold and expiry", async () => {
      const result = await cli("governance", "list", "--json");
      expect(result.code, result.stderr).to.equal(0);
      const [row] = JSON.parse(result.stdout) as Record<string, unknown>[];
      expect(row).to.deep.include({ proposalId: "1", status: "pending", action: "accredit", approvals: 1, threshold: 2 });
      expect(row?.args).to.deep.include({ issuerKey: university, nameZh: "海港大學" });
      expect(Date.parse(row?.expiresAt as string) - Date.parse(row?.createdAt as string)).to.equal(7 * 86400 * 1000);
    });

    it("rejects a second vote by the same member with a clear message", async () => {
      const result = await asA("governance", "approve", "1");
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain(`${address(0)} has already approved proposal 1`);
    });

    it("cannot be executed before the threshold", async () => {
      const result = await asA("governance", "execute", "1");
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain("Proposal 1 has 1 of the 2 approvals");
    });

    it("executes once a member signing with a keystore approves", async () => {
      const approved = await asC("governance", "approve", "1");
      expect(approved.code, approved.stderr).to.equal(0);
      expect(approved.stdout).to.contain("2 of 2");
      const executed = await asB("governance", "execute", "1");
      expect(executed.code, executed.stderr).to.equal(0);
      expect(executed.stdout).to.contain("Proposal 1 executed: accredit");
      expect(await registry.getFunction("issuerIds")()).to.deep.equal([university]);
    });

    it("refuses at proposal time a call that would fail at execution, and creates no proposal", async () => {
      const before = Number(await registry.getFunction("proposalCount")());
      const result = await asA("governance", "propose", "accredit", university, "--name-en", "Harbour University", "--name-zh", "海港大學");
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain("IssuerRegistryIssuerExists").and.to.contain(university);
      expect(Number(await registry.getFunction("proposalCount")())).to.equal(before);
    });
  });

  describe("membership and expiry", () => {
    it("stops counting a removed member's approval", async () => {
      expect((await asA("governance", "propose", "suspend", university)).code).to.equal(0); // #2, A
      expect((await asB("governance", "approve", "2")).code).to.equal(0); // #2 has A and B
      expect((await asA("governance", "propose", "remove-member", address(6))).code).to.equal(0); // #3
      expect((await asC("governance", "approve", "3")).code).to.equal(0);
      const removed = await asA("governance", "execute", "3");
      expect(removed.code, removed.stderr).to.equal(0);
      expect(Number(await registry.getFunction("approvalCount")(2))).to.equal(1);
      const result = await asA("governance", "execute", "2");
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain("Proposal 2 has 1 of the 2 approvals");
    });

    it("cannot execute an expired proposal, even fully approved", async () => {
      expect((await asA("governance", "propose", "set-threshold", "1")).code).to.equal(0); // #4
      expect((await asC("governance", "approve", "4")).code).to.equal(0);
      await rpc("evm_increaseTime", [8 * 86400]);
      await rpc("evm_mine");
      const result = await asA("governance", "execute", "4");
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/Proposal 4 expired on \d+ \w+ \d{4}, \d\d:\d\d UTC \(\d{4}-\d\d-\d\dT/);
      expect(Number(await registry.getFunction("threshold")())).to.equal(2);
      const pending = await cli("governance", "list", "--json");
      expect(JSON.parse(pending.stdout)).to.deep.equal([]);
      const all = JSON.parse((await cli("governance", "list", "--all", "--json")).stdout) as { proposalId: string; status: string }[];
      expect(all.map((p) => [p.proposalId, p.status])).to.deep.equal([
        ["4", "expired"],
        ["3", "executed"],
        ["2", "expired"],
        ["1", "executed"],
      ]);
    });
  });

  describe("deploy on any EVM JSON-RPC", () => {
    it("writes deployments/<chainId>.json in the working directory and, with --force, keeps earlier deployments as history", async () => {
      const cwd = mkdtempSync(join(tmpdir(), "credanchor-deploy-"));
      try {
        const keyFile = join(cwd, "deployer.key");
        writeFileSync(keyFile, `${DEV_PRIVATE_KEYS[0]}\n`, { mode: 0o600 });
        const deployEnv = { CREDANCHOR_RPC: chain.url };
        for (const extra of [[], ["--force"]]) {
          const result = await runCli(["deploy", "--key-file", keyFile, "--members", `${address(0)},${address(6)}`, "--threshold", "2", ...extra], deployEnv, cwd);
          expect(result.code, result.stderr).to.equal(0);
        }
        const file = JSON.parse(readFileSync(join(cwd, "deployments", "31337.json"), "utf8")) as { chainId: number; history: unknown[] };
        expect(file.chainId).to.equal(31337);
        expect(file.history).to.have.length(1);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  });

  describe("key rotation by the registrar", () => {
    it("replaces the university's key from the old key, without a vote", async () => {
      const next = Wallet.createRandom().address;
      const result = await cli("key", "rotate", next, "--dev-account", "1");
      expect(result.code, result.stderr).to.equal(0);
      expect(await registry.getFunction("signingKeysOf")(university)).to.deep.equal([university, next]);
      const again = await cli("key", "rotate", Wallet.createRandom().address, "--dev-account", "1");
      expect(again.code).to.equal(2);
      expect(again.stderr).to.contain("IssuerRegistryKeyNotAuthorised");
    });
  });
});
