import { isIP } from "node:net";
import { SigningKey, Wallet, computeAddress, getAddress, toBeHex } from "ethers";
import { encodeQbftExtraData } from "./qbftExtraData";

/** One university runs one validator; QBFT tolerates f faulty validators out of 3f + 1, so 4 is the useful minimum. */
export const MIN_VALIDATORS = 4;
/** Beyond 20 validators QBFT's message load grows without any consortium member to justify it. */
export const MAX_VALIDATORS = 20;

export interface NetworkOptions {
  validators: number;
  chainId: number;
  blockPeriodSeconds: number;
  epochLength: number;
  requestTimeoutSeconds: number;
  /**
   * QBFT emptyblockperiodseconds: with no transaction waiting, a block only every this many seconds (at least the
   * block period), instead of an empty block every block period (~15.8 M a year at 2 s).
   */
  emptyBlockPeriodSeconds: number;
  /** Host of each validator as the others reach it; the same host may appear several times (one machine). */
  hosts: string[];
  /**
   * Accounts allowed to send transactions (governance members, university keys), funded in the genesis alloc.
   * Empty: the validator addresses, so that a fresh network is usable before the consortium has its own keys.
   */
  accounts: string[];
  /** The account that will run `credanchor deploy`: allowlisted and funded like the consortium accounts. */
  deployer?: string;
  /**
   * Node public keys (0x + 128 hex digits, as Besu's key.pub) of universities that keep their own node key: those
   * validators get no key file from the generator. The rest are generated.
   */
  publicKeys?: string[];
  p2pPortBase: number;
  rpcPortBase: number;
  /** Prometheus metrics port base (validators on one host get consecutive ports). */
  metricsPortBase: number;
}

export interface ValidatorNode {
  name: string;
  address: string;
  /** Uncompressed secp256k1 public key without the 0x04 prefix, 128 hex digits: the enode id. */
  publicKey: string;
  /** Absent when the university supplied only its public key (it keeps the private key). */
  privateKey?: string;
  host: string;
  p2pPort: number;
  rpcPort: number;
  enode: string;
}

/** A file of the generated network, relative to the output directory. `secret` files get mode 0600. */
export interface NetworkFile {
  path: string;
  content: string;
  secret: boolean;
}

export interface GeneratedNetwork {
  nodes: ValidatorNode[];
  genesis: Record<string, unknown>;
  files: NetworkFile[];
}

/**
 * Balance of every consortium account. Gas is free (zero base fee, --min-gas-price=0), but ethers and most wallets
 * still offer a priority fee; a balance that can never run out keeps such transactions valid.
 */
const ACCOUNT_BALANCE = toBeHex(10n ** 27n);

export function validateNetworkOptions(options: NetworkOptions): void {
  const { validators } = options;
  if (!Number.isInteger(validators) || validators < MIN_VALIDATORS || validators > MAX_VALIDATORS) {
    throw new RangeError(
      `--validators must be an integer from ${MIN_VALIDATORS} to ${MAX_VALIDATORS} (one per university; QBFT needs at least 4 to tolerate one faulty validator), got ${validators}`,
    );
  }
  if (!Number.isSafeInteger(options.chainId) || options.chainId < 1) throw new RangeError(`--chain-id must be a positive integer`);
  if (!Number.isInteger(options.blockPeriodSeconds) || options.blockPeriodSeconds < 1) {
    throw new RangeError(`--block-period must be a whole number of seconds, at least 1`);
  }
  if (!Number.isInteger(options.epochLength) || options.epochLength < 1) throw new RangeError(`--epoch must be a positive number of blocks`);
  if (!Number.isInteger(options.requestTimeoutSeconds) || options.requestTimeoutSeconds <= options.blockPeriodSeconds) {
    throw new RangeError(`--request-timeout must be a whole number of seconds longer than the block period`);
  }
  if (options.hosts.length !== validators) {
    throw new RangeError(`--hosts must list one host per validator (${validators}), got ${options.hosts.length}`);
  }
  const badHost = options.hosts.find((host) => !isBesuHost(host));
  if (badHost !== undefined) throw new RangeError(`--hosts: "${badHost}" is neither an IPv4 address nor a host name`);
  if (!Number.isInteger(options.emptyBlockPeriodSeconds) || options.emptyBlockPeriodSeconds < options.blockPeriodSeconds) {
    throw new RangeError(`--empty-block-period must be a whole number of seconds, at least the block period`);
  }
  const supplied = options.publicKeys ?? [];
  if (supplied.length > validators) throw new RangeError(`--enodes/--node-keys give ${supplied.length} keys for ${validators} validators`);
  for (const key of supplied) {
    if (!/^0x[0-9a-fA-F]{128}$/.test(key)) throw new RangeError(`a node public key must be 0x + 128 hex digits (Besu's key.pub), got "${key}"`);
  }
}

/**
 * What Besu takes as the host of an enode URL: an IPv4 address, or (with its DNS options) a host name as RFC 1123
 * spells it — labels of letters, digits and inner hyphens, at most 63 characters each and 253 in all, the last not
 * all digits (so a mistyped address such as 10.0.0.300 is not taken for a name). IPv6 literals are refused: enode
 * URLs need them in brackets, which the files would then have to carry everywhere.
 */
export function isBesuHost(host: string): boolean {
  if (isIP(host) === 4) return true;
  if (isIP(host) === 6 || host.length > 253) return false;
  const labels = host.split(".");
  return labels.every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)) && !/^\d+$/.test(labels[labels.length - 1] as string);
}

/** Besu accepts host names in enode URLs only with its DNS options; IP literals need none. */
export function needsDns(hosts: readonly string[]): boolean {
  return hosts.some((host) => isIP(host) === 0);
}

function toml(value: string | number | boolean | string[]): string {
  if (Array.isArray(value)) return `[${value.map((item) => JSON.stringify(item)).join(",")}]`;
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function tomlLines(entries: [string, string | number | boolean | string[]][]): string {
  return `${entries.map(([key, value]) => `${key}=${toml(value)}`).join("\n")}\n`;
}

/**
 * Generates the files of a Besu QBFT network for the consortium: node keys, genesis, node and account allowlists,
 * static nodes and one besu config file per validator. `createKey` is injectable so tests can use fixed keys.
 */
export function generateNetwork(options: NetworkOptions, createKey: () => string = () => Wallet.createRandom().privateKey): GeneratedNetwork {
  validateNetworkOptions(options);
  const generatedKey = () => {
    const privateKey = createKey();
    return { privateKey, publicKey: SigningKey.computePublicKey(privateKey, false).slice(4), address: computeAddress(privateKey) };
  };
  const supplied = (options.publicKeys ?? []).map((key) => ({ publicKey: key.slice(2).toLowerCase(), address: computeAddress(`0x04${key.slice(2)}`) }));
  const keys: { publicKey: string; address: string; privateKey?: string }[] = [
    ...supplied,
    ...Array.from({ length: options.validators - supplied.length }, generatedKey),
  ];
  const rpcNodeKey = generatedKey();
  // Numbered in address order, the order of the extraData list, so validator-1 is the first validator everywhere
  // and the i-th entry of --hosts is validator-i.
  keys.sort((a, b) => a.address.toLowerCase().localeCompare(b.address.toLowerCase()));
  const seenHosts = new Map<string, number>();
  const nodes: ValidatorNode[] = keys.map((key, i) => {
    const host = options.hosts[i] as string;
    // Validators sharing a machine need distinct ports; on separate machines everyone uses the standard ones.
    const offset = seenHosts.get(host) ?? 0;
    seenHosts.set(host, offset + 1);
    const p2pPort = options.p2pPortBase + offset;
    return {
      ...key,
      name: `validator-${i + 1}`,
      host,
      p2pPort,
      rpcPort: options.rpcPortBase + offset,
      enode: `enode://${key.publicKey}@${host}:${p2pPort}`,
    };
  });

  const accounts = [
    ...new Set(
      [...(options.accounts.length > 0 ? options.accounts : nodes.map((node) => node.address)), ...(options.deployer === undefined ? [] : [options.deployer])].map(
        (account) => getAddress(account),
      ),
    ),
  ];
  const dns = needsDns(options.hosts);
  // The verifiers' read-only node runs beside validator-1 (its host), on the next free ports there.
  const rpcHost = nodes[0]?.host ?? "127.0.0.1";
  const rpcOffset = seenHosts.get(rpcHost) ?? 0;
  const rpcNode = {
    ...rpcNodeKey,
    name: "rpc-node",
    host: rpcHost,
    p2pPort: options.p2pPortBase + rpcOffset,
    rpcPort: options.rpcPortBase + rpcOffset,
    enode: `enode://${rpcNodeKey.publicKey}@${rpcHost}:${options.p2pPortBase + rpcOffset}`,
  };
  const genesis = {
    config: {
      chainId: options.chainId,
      berlinBlock: 0,
      londonBlock: 0,
      // The contracts are compiled for the Cancun EVM (hardhat.config.ts); Besu runs Shanghai and Cancun on QBFT.
      shanghaiTime: 0,
      cancunTime: 0,
      zeroBaseFee: true,
      qbft: {
        blockperiodseconds: options.blockPeriodSeconds,
        epochlength: options.epochLength,
        requesttimeoutseconds: options.requestTimeoutSeconds,
        emptyblockperiodseconds: options.emptyBlockPeriodSeconds,
      },
    },
    nonce: "0x0",
    timestamp: "0x0",
    gasLimit: "0x1fffffffffffff",
    difficulty: "0x1",
    // Besu's BFT mix hash constant ("Istanbul BFT" digest), required in every QBFT block header.
    mixHash: "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
    coinbase: "0x0000000000000000000000000000000000000000",
    extraData: encodeQbftExtraData(nodes.map((node) => node.address)),
    alloc: Object.fromEntries(accounts.map((account) => [account.slice(2).toLowerCase(), { balance: ACCOUNT_BALANCE }])),
  };

  const enodes = [...nodes.map((node) => node.enode), rpcNode.enode];
  // Options every node shares: peers, permissioning, free gas, DNS when hosts are names, metrics on loopback.
  const common = (node: { name: string; p2pPort: number }, metricsPort: number): [string, string | number | boolean | string[]][] => [
    ["identity", node.name],
    ["data-path", "data"],
    ["genesis-file", "../genesis.json"],
    ["node-private-key-file", "key"],
    ["p2p-host", "0.0.0.0"],
    ["p2p-port", node.p2pPort],
    ["discovery-enabled", false],
    ["static-nodes-file", "../static-nodes.json"],
    ...(dns
      ? ([
          ["Xdns-enabled", true],
          ["Xdns-update-enabled", true],
        ] as [string, boolean][])
      : []),
    ["min-gas-price", 0],
    ["permissions-nodes-config-file-enabled", true],
    ["permissions-nodes-config-file", "../permissions_config.toml"],
    ["permissions-accounts-config-file-enabled", true],
    ["permissions-accounts-config-file", "../permissions_config.toml"],
    ["metrics-enabled", true],
    ["metrics-host", "127.0.0.1"],
    ["metrics-port", metricsPort],
  ];
  const files: NetworkFile[] = [
    { path: "genesis.json", content: `${JSON.stringify(genesis, null, 2)}\n`, secret: false },
    { path: "static-nodes.json", content: `${JSON.stringify(enodes, null, 2)}\n`, secret: false },
    {
      path: "permissions_config.toml",
      content: tomlLines([
        ["nodes-allowlist", enodes],
        ["accounts-allowlist", accounts],
      ]),
      secret: false,
    },
    {
      path: "validators.json",
      content: `${JSON.stringify(
        nodes.map(({ name, address, publicKey, enode, host, p2pPort, rpcPort }) => ({ name, address, publicKey: `0x${publicKey}`, enode, host, p2pPort, rpcPort })),
        null,
        2,
      )}\n`,
      secret: false,
    },
  ];
  for (const node of nodes) {
    const offset = node.rpcPort - options.rpcPortBase;
    if (node.privateKey !== undefined) files.push({ path: `${node.name}/key`, content: node.privateKey, secret: true });
    files.push(
      { path: `${node.name}/key.pub`, content: `0x${node.publicKey}`, secret: false },
      { path: `${node.name}/address`, content: node.address, secret: false },
      {
        path: `${node.name}/config.toml`,
        // Paths are relative to the validator's own directory: run `besu --config-file=config.toml` from there.
        content: tomlLines([
          ...common(node, options.metricsPortBase + offset),
          ["rpc-http-enabled", true],
          ["rpc-http-host", "127.0.0.1"],
          ["rpc-http-port", node.rpcPort],
          // PERM lets an operator reload the allowlists after `credanchor network allowlist` (loopback only).
          ["rpc-http-api", ["ETH", "NET", "QBFT", "WEB3", "TXPOOL", "PERM"]],
          ["host-allowlist", ["localhost", "127.0.0.1"]],
        ]),
        secret: false,
      },
    );
  }
  files.push(
    { path: "rpc-node/key", content: rpcNode.privateKey, secret: true },
    { path: "rpc-node/key.pub", content: `0x${rpcNode.publicKey}`, secret: false },
    {
      path: "rpc-node/config.toml",
      // A non-validator node for verifiers: read-only APIs only, reachable from the TLS proxy in front of it.
      content: tomlLines([
        ...common(rpcNode, options.metricsPortBase + rpcOffset),
        ["rpc-http-enabled", true],
        ["rpc-http-host", "0.0.0.0"],
        ["rpc-http-port", rpcNode.rpcPort],
        ["rpc-http-api", ["ETH", "NET", "WEB3"]],
        ["rpc-http-cors-origins", ["*"]],
        ["host-allowlist", ["*"]],
      ]),
      secret: false,
    },
  );
  return { nodes, genesis, files };
}
