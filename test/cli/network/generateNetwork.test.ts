/**
 * The QBFT network generator, checked against Besu's documented formats: extraData as Besu's QbftExtraDataCodec
 * writes it (the docs' example byte for byte), genesis fields, TOML files parsed line by line, key files and modes.
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { SigningKey, computeAddress, getAddress } from "ethers";
import { networkCommand } from "../../../cli/commands/network";
import { ToolError } from "../../../cli/errors";
import { generateNetwork, type NetworkOptions } from "../../../cli/network/generateNetwork";
import { decodeQbftExtraData, encodeQbftExtraData } from "../../../cli/network/qbftExtraData";

/** The block-header-validator genesis of Besu's "Configure QBFT consensus" page. */
const BESU_DOC_VALIDATORS = [
  "0x64a702e6263b7297a96638cac6ae65e6541f4169",
  "0x3923390ad55e90c237593b3b0e401f3b08a03185",
  "0xaefdb9a738c9f433e5b6b212a6d62f6370c2f692",
  "0xc7eeb9a4e00ce683cf93039b212648e01c6c6b78",
];
const BESU_DOC_EXTRA_DATA =
  "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b7297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f6370c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0";

type TomlValue = string | number | boolean | string[];

/**
 * A deliberately small, strict parser for the TOML subset we write: `key=value` lines with a string, integer,
 * boolean or array of strings; anything else (tables, comments, duplicate keys, stray text) fails the test.
 */
function parseStrictToml(text: string): Record<string, TomlValue> {
  expect(text.endsWith("\n"), "ends with a newline").to.equal(true);
  const result: Record<string, TomlValue> = {};
  for (const line of text.slice(0, -1).split("\n")) {
    // Besu spells its experimental options with a leading capital X (Xdns-enabled).
    const match = /^(X?[a-z][a-z0-9-]*)=(.+)$/.exec(line);
    if (!match) throw new Error(`not a key=value line: ${line}`);
    const [, key, raw] = match as unknown as [string, string, string];
    if (key in result) throw new Error(`duplicate key ${key}`);
    let value: TomlValue;
    if (/^"([^"\\]|\\.)*"$/.test(raw)) value = JSON.parse(raw) as string;
    else if (/^-?\d+$/.test(raw)) value = Number(raw);
    else if (raw === "true" || raw === "false") value = raw === "true";
    else if (/^\[("([^"\\]|\\.)*"(,"([^"\\]|\\.)*")*)?\]$/.test(raw)) value = JSON.parse(raw) as string[];
    else throw new Error(`unsupported value for ${key}: ${raw}`);
    result[key] = value;
  }
  return result;
}

const OPTIONS: NetworkOptions = {
  validators: 4,
  chainId: 2026,
  blockPeriodSeconds: 2,
  epochLength: 30000,
  requestTimeoutSeconds: 10,
  hosts: ["127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1"],
  accounts: [],
  p2pPortBase: 30303,
  rpcPortBase: 8545,
  emptyBlockPeriodSeconds: 60,
  metricsPortBase: 9545,
};

/** Runs `network …` in-process as commander would, turning commander's usage errors into exceptions. */
async function runNetwork(args: string[]): Promise<void> {
  const program = new Command("credanchor").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const network = networkCommand().exitOverride();
  for (const sub of network.commands) sub.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  program.addCommand(network);
  // The command reports to stdout/stderr; keep the test output readable.
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = () => true;
  process.stderr.write = () => true;
  try {
    await program.parseAsync(["node", "credanchor", "network", ...args]);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

describe("network init: Besu QBFT network files", () => {
  describe("QBFT extraData", () => {
    it("encodes the validator list exactly as Besu's documented QBFT genesis", () => {
      expect(encodeQbftExtraData(BESU_DOC_VALIDATORS)).to.equal(BESU_DOC_EXTRA_DATA);
    });

    it("decodes back to vanity, validators, no vote, round 0 and no seals", () => {
      const decoded = decodeQbftExtraData(BESU_DOC_EXTRA_DATA);
      expect(decoded.vanity).to.equal(`0x${"00".repeat(32)}`);
      expect(decoded.validators).to.deep.equal(BESU_DOC_VALIDATORS.map((a) => getAddress(a)));
      expect(decoded.vote).to.deep.equal([]);
      expect(decoded.round).to.equal(0);
      expect(decoded.seals).to.deep.equal([]);
    });

    it("is not IBFT 2.0's layout, whose round is 4 bytes", () => {
      expect(encodeQbftExtraData(BESU_DOC_VALIDATORS).endsWith("c080c0")).to.equal(true);
      expect(encodeQbftExtraData(BESU_DOC_VALIDATORS)).not.to.contain("8400000000");
    });
  });

  describe("generated files", () => {
    let dir: string;
    let out: string;
    const accounts = ["0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x976EA74026E726554dB657fA54763abd0C3a0aa9"];

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "credanchor-network-"));
      out = join(dir, "net");
      await runNetwork(["init", "--validators", "4", "--out", out, "--chain-id", "2026", "--block-period", "3", "--epoch", "20000", "--accounts", accounts.join(",")]);
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    const read = (path: string) => readFileSync(join(out, path), "utf8");
    const genesis = () => JSON.parse(read("genesis.json")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const nodeAddresses = () => [1, 2, 3, 4].map((i) => read(`validator-${i}/address`));

    it("writes the genesis config: chain id, QBFT timing, zero base fee", () => {
      const { config } = genesis();
      expect(config.chainId).to.equal(2026);
      expect(config.qbft).to.deep.equal({ blockperiodseconds: 3, epochlength: 20000, requesttimeoutseconds: 10, emptyblockperiodseconds: 60 });
      expect(config.zeroBaseFee).to.equal(true);
      expect(config.londonBlock).to.equal(0);
      expect(genesis().mixHash).to.equal("0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365");
      expect(genesis().difficulty).to.equal("0x1");
    });

    it("puts the validators, in ascending address order, in extraData", () => {
      const decoded = decodeQbftExtraData(genesis().extraData as string);
      expect(decoded.validators).to.deep.equal(nodeAddresses());
      const sorted = [...nodeAddresses()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
      expect(decoded.validators).to.deep.equal(sorted);
      expect(decoded.round).to.equal(0);
      expect(decoded.seals).to.deep.equal([]);
    });

    it("funds exactly the consortium accounts in alloc", () => {
      expect(Object.keys(genesis().alloc).sort()).to.deep.equal(accounts.map((a) => a.slice(2).toLowerCase()).sort());
    });

    it("writes each node key as Besu does: 0x private key (mode 0600), 64-byte public key, address", () => {
      for (let i = 1; i <= 4; i++) {
        const key = read(`validator-${i}/key`);
        expect(key).to.match(/^0x[0-9a-f]{64}$/);
        expect(statSync(join(out, `validator-${i}/key`)).mode & 0o777).to.equal(0o600);
        const pub = read(`validator-${i}/key.pub`);
        expect(pub).to.match(/^0x[0-9a-f]{128}$/);
        expect(`0x04${pub.slice(2)}`).to.equal(SigningKey.computePublicKey(key, false));
        expect(read(`validator-${i}/address`)).to.equal(computeAddress(key));
      }
    });

    it("allowlists every validator's and the RPC node's enode and only the consortium accounts", () => {
      const toml = parseStrictToml(read("permissions_config.toml"));
      expect(Object.keys(toml).sort()).to.deep.equal(["accounts-allowlist", "nodes-allowlist"]);
      const enodes = [1, 2, 3, 4].map((i) => `enode://${read(`validator-${i}/key.pub`).slice(2)}@127.0.0.1:${30302 + i}`);
      enodes.push(`enode://${read("rpc-node/key.pub").slice(2)}@127.0.0.1:30307`);
      expect(toml["nodes-allowlist"]).to.deep.equal(enodes);
      expect(toml["accounts-allowlist"]).to.deep.equal(accounts);
      expect(JSON.parse(read("static-nodes.json"))).to.deep.equal(enodes);
    });

    it("writes a besu config.toml per validator with free gas, permissioning and QBFT RPC", () => {
      for (let i = 1; i <= 4; i++) {
        const toml = parseStrictToml(read(`validator-${i}/config.toml`));
        expect(toml).to.deep.include({
          "data-path": "data",
          "genesis-file": "../genesis.json",
          "node-private-key-file": "key",
          "p2p-port": 30302 + i,
          "rpc-http-port": 8544 + i,
          "min-gas-price": 0,
          "discovery-enabled": false,
          "static-nodes-file": "../static-nodes.json",
          "permissions-nodes-config-file-enabled": true,
          "permissions-accounts-config-file-enabled": true,
          "permissions-nodes-config-file": "../permissions_config.toml",
          "permissions-accounts-config-file": "../permissions_config.toml",
        });
        expect(toml["rpc-http-api"]).to.include.members(["ETH", "NET", "QBFT", "PERM"]);
        expect(toml).to.deep.include({ "metrics-enabled": true, "metrics-host": "127.0.0.1", "metrics-port": 9544 + i, "rpc-http-host": "127.0.0.1" });
        expect(toml).to.not.have.property("Xdns-enabled");
      }
    });

    it("writes a non-validator RPC node for verifiers: read-only APIs, CORS, its own key, not in extraData", () => {
      const toml = parseStrictToml(read("rpc-node/config.toml"));
      expect(toml["rpc-http-api"]).to.deep.equal(["ETH", "NET", "WEB3"]);
      expect(toml).to.deep.include({ "rpc-http-host": "0.0.0.0", "rpc-http-port": 8549, "rpc-http-cors-origins": ["*"], "metrics-enabled": true });
      expect(statSync(join(out, "rpc-node/key")).mode & 0o777).to.equal(0o600);
      const rpcAddress = computeAddress(read("rpc-node/key"));
      expect(decodeQbftExtraData(genesis().extraData as string).validators).to.not.include(rpcAddress);
    });

    it("never puts a private key in any shared file", () => {
      const keys = [1, 2, 3, 4].map((i) => read(`validator-${i}/key`).slice(2));
      for (const name of readdirSync(out).filter((n) => !n.startsWith("validator-") && n !== "rpc-node")) {
        for (const key of keys) expect(read(name)).not.to.contain(key);
      }
    });

    it("refuses to overwrite an existing network", async () => {
      let error: unknown;
      try {
        await runNetwork(["init", "--validators", "4", "--out", out]);
      } catch (e) {
        error = e;
      }
      expect(String(error)).to.contain("not empty");
    });
  });

  describe("bounds", () => {
    for (const n of [3, 21]) {
      it(`rejects ${n} validators with a clear error`, async () => {
        let error: unknown;
        try {
          await runNetwork(["init", "--validators", String(n), "--out", join(tmpdir(), `credanchor-never-${n}`)]);
        } catch (e) {
          error = e;
        }
        expect(error).to.be.instanceOf(ToolError);
        expect((error as ToolError).code).to.equal("NETWORK_INVALID");
        expect((error as ToolError).message).to.contain("--validators must be an integer from 4 to 20");
      });
    }

    it("accepts 4 and 20", () => {
      expect(generateNetwork(OPTIONS).nodes).to.have.length(4);
      expect(generateNetwork({ ...OPTIONS, validators: 20, hosts: Array.from({ length: 20 }, (_, i) => `10.0.0.${i + 1}`) }).nodes).to.have.length(20);
    });

    it("gives validators on separate hosts the standard ports", () => {
      const { nodes } = generateNetwork({ ...OPTIONS, hosts: ["a.example", "b.example", "c.example", "d.example"] });
      expect(nodes.map((n) => n.p2pPort)).to.deep.equal([30303, 30303, 30303, 30303]);
    });

    it("rejects an empty-block period shorter than the block period", () => {
      expect(() => generateNetwork({ ...OPTIONS, emptyBlockPeriodSeconds: 1 })).to.throw("--empty-block-period");
    });

    it("rejects a missing --validators as a usage error", async () => {
      let error: unknown;
      try {
        await runNetwork(["init", "--out", "x"]);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(CommanderError);
    });
  });

  describe("hosts, keys the universities keep, and the deployer", () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), "credanchor-network-more-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const configOf = (out: string, i: number) => parseStrictToml(readFileSync(join(out, `validator-${i}/config.toml`), "utf8"));

    /** Every node's config.toml: the validators' and the RPC node's. */
    const allConfigs = (out: string) => [...[1, 2, 3, 4].map((i) => configOf(out, i)), parseStrictToml(readFileSync(join(out, "rpc-node/config.toml"), "utf8"))];
    /**
     * The hosts of the enode URLs every node is given (static-nodes.json, and nodes-allowlist, which must list the
     * same), each checked against Besu's documented enode form `enode://<128 hex node id>@<host>:<port>`.
     */
    const enodeHosts = (out: string): string[] => {
      const enodes = JSON.parse(readFileSync(join(out, "static-nodes.json"), "utf8")) as string[];
      expect(parseStrictToml(readFileSync(join(out, "permissions_config.toml"), "utf8"))["nodes-allowlist"]).to.deep.equal(enodes);
      return enodes.map((enode) => {
        const match = /^enode:\/\/[0-9a-f]{128}@([^:@/?#\s[\]]+):(\d{1,5})$/.exec(enode);
        expect(match, enode).to.not.equal(null);
        expect(Number(match![2]), enode).to.be.within(1, 65535);
        return match![1]!;
      });
    };
    const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
    /** A host name as RFC 1123 writes it (Besu resolves such names only with Xdns-enabled). */
    const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

    it("turns on Besu's DNS options on every node when a host is a name, and writes the names into the enodes", async () => {
      const out = join(dir, "names");
      await runNetwork(["init", "--validators", "4", "--out", out, "--hosts", "besu.harbour.example.edu,10.0.0.2,10.0.0.3,10.0.0.4"]);
      // Besu's Xdns-update-enabled only works beside Xdns-enabled; every node dials the names, so every node has both.
      for (const config of allConfigs(out)) expect(config).to.deep.include({ "Xdns-enabled": true, "Xdns-update-enabled": true });
      const hosts = enodeHosts(out);
      expect(hosts).to.include("besu.harbour.example.edu");
      for (const host of hosts) expect(IPV4.test(host) || HOST_NAME.test(host), host).to.equal(true);
    });

    it("with --resolve-hosts writes IPv4 addresses only, and no node has a DNS option", async () => {
      const out = join(dir, "resolved");
      await runNetwork(["init", "--validators", "4", "--out", out, "--hosts", "localhost,localhost,localhost,localhost", "--resolve-hosts"]);
      for (const host of enodeHosts(out)) expect(host).to.equal("127.0.0.1");
      for (const config of allConfigs(out)) expect(Object.keys(config).filter((key) => key.startsWith("Xdns"))).to.deep.equal([]);
    });

    it("without names, IPv4 hosts give enodes Besu takes without any DNS option", async () => {
      const out = join(dir, "addresses");
      await runNetwork(["init", "--validators", "4", "--out", out, "--hosts", "10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4"]);
      for (const host of enodeHosts(out)) expect(IPV4.test(host), host).to.equal(true);
      for (const config of allConfigs(out)) expect(config).to.not.have.property("Xdns-enabled");
    });

    for (const bad of ["bad host!", "10.0.0.300", "::1", "-lead.example.edu", "besu_1.example.edu"]) {
      it(`refuses --hosts "${bad}": Besu could not dial it in an enode URL`, async () => {
        let error: unknown;
        try {
          await runNetwork(["init", "--validators", "4", "--out", join(dir, "never"), "--hosts", `${bad},10.0.0.2,10.0.0.3,10.0.0.4`]);
        } catch (e) {
          error = e;
        }
        expect(error).to.be.instanceOf(CommanderError);
        expect((error as CommanderError).message).to.contain("neither an IPv4 address nor a host name").and.to.contain("既非 IPv4 位址");
      });
    }

    it("stops with a clear error when --resolve-hosts cannot resolve a name, writing nothing", async () => {
      const out = join(dir, "unresolved");
      let error: unknown;
      try {
        // .invalid never resolves (RFC 2606).
        await runNetwork(["init", "--validators", "4", "--out", out, "--hosts", "besu.harbour.invalid,10.0.0.2,10.0.0.3,10.0.0.4", "--resolve-hosts"]);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(ToolError);
      expect((error as ToolError).code).to.equal("HOST_UNRESOLVED");
      expect((error as ToolError).message).to.contain("besu.harbour.invalid does not resolve");
      expect(() => readdirSync(out)).to.throw();
    });

    it("allowlists and funds the deployer beside the consortium accounts", async () => {
      const out = join(dir, "deployer");
      const deployer = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
      await runNetwork(["init", "--validators", "4", "--out", out, "--accounts", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--deployer", deployer]);
      const toml = parseStrictToml(readFileSync(join(out, "permissions_config.toml"), "utf8"));
      expect(toml["accounts-allowlist"]).to.include(deployer);
      expect(Object.keys((JSON.parse(readFileSync(join(out, "genesis.json"), "utf8")) as { alloc: object }).alloc)).to.include(deployer.slice(2).toLowerCase());
    });

    it("takes the node keys universities keep (--enodes, --node-keys): no private key written for them", async () => {
      const kept = [1, 2].map((n) => `0x${String(n).repeat(64)}`);
      const publicKeys = kept.map((key) => SigningKey.computePublicKey(key, false).slice(4));
      const pubFile = join(dir, "kowloon.key.pub");
      writeFileSync(pubFile, `0x${publicKeys[1]}\n`);
      const out = join(dir, "kept");
      await runNetwork(["init", "--validators", "4", "--out", out, "--enodes", `enode://${publicKeys[0]}@10.0.0.9:30303`, "--node-keys", pubFile]);
      const validators = decodeQbftExtraData((JSON.parse(readFileSync(join(out, "genesis.json"), "utf8")) as { extraData: string }).extraData).validators;
      for (const key of kept) expect(validators).to.include(computeAddress(key));
      const withoutKey = [1, 2, 3, 4].filter((i) => !readdirSync(join(out, `validator-${i}`)).includes("key"));
      expect(withoutKey).to.have.length(2);
      for (const i of withoutKey) expect(kept.map((key) => computeAddress(key))).to.include(readFileSync(join(out, `validator-${i}/address`), "utf8"));
    });
  });
});
