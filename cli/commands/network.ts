import { readFileSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { Command, Option, InvalidArgumentError } from "commander";
import { getAddress, isAddress } from "ethers";
import { ToolError } from "../errors";
import { allowlistCommand } from "../network/allowlistCommand";
import { generateNetwork, isBesuHost, MAX_VALIDATORS, MIN_VALIDATORS, needsDns, type NetworkOptions } from "../network/generateNetwork";
import { writeNetworkFiles } from "../network/writeNetworkFiles";

function parseInteger(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
    return Number(value);
  };
}

function parseList(value: string): string[] {
  return value.split(",").map((item) => item.trim()).filter((item) => item !== "");
}

function parseAccounts(value: string): string[] {
  return parseList(value).map((account) => {
    if (!isAddress(account)) throw new InvalidArgumentError(`--accounts: "${account}" is not an address`);
    return getAddress(account);
  });
}

/** Each validator's host as the others reach it: an IPv4 address or a host name (what an enode URL may hold). */
function parseHosts(value: string): string[] {
  return parseList(value).map((host) => {
    if (!isBesuHost(host)) {
      throw new InvalidArgumentError(`"${host}" is neither an IPv4 address nor a host name / 「${host}」既非 IPv4 位址，亦非主機名稱`);
    }
    return host;
  });
}

/** Resolves host names once, now: Besu then needs no DNS option. A name that does not resolve stops the command. */
async function resolveHost(host: string): Promise<string> {
  try {
    return (await lookup(host, { family: 4 })).address;
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    throw new ToolError("HOST_UNRESOLVED", { params: { host, reason }, cause: error });
  }
}

/** `enode://<128 hex>@host:port` or a bare 0x public key: the node public key of a university keeping its own key. */
function parseEnodes(value: string): string[] {
  return parseList(value).map((item) => {
    const id = /^enode:\/\/([0-9a-fA-F]{128})@/.exec(item)?.[1] ?? /^0x([0-9a-fA-F]{128})$/.exec(item)?.[1];
    if (id === undefined) throw new InvalidArgumentError(`"${item}" is not an enode URL or a 0x node public key / 「${item}」不是 enode URL 或 0x 節點公鑰`);
    return `0x${id}`;
  });
}

/** Besu's key.pub files (0x + 128 hex digits), one per university that generated its node key itself. */
function parseNodeKeyFiles(value: string): string[] {
  return parseList(value).map((file) => parseEnodes(readFileSync(file, "utf8").trim())[0] as string);
}

function initCommand(): Command {
  return new Command("init")
    .description("Generate the files of a Hyperledger Besu QBFT network, one validator per university (see docs/NETWORK.md)")
    .requiredOption("--validators <n>", `number of validators, ${MIN_VALIDATORS} to ${MAX_VALIDATORS}`, parseInteger("--validators"))
    .requiredOption("--out <dir>", "new or empty directory to write the network files to")
    .option("--chain-id <id>", "chain id of the network", parseInteger("--chain-id"), 1_337_001)
    .option("--block-period <s>", "QBFT blockperiodseconds: seconds between blocks", parseInteger("--block-period"), 2)
    .option("--epoch <blocks>", "QBFT epochlength: blocks after which pending validator votes are discarded", parseInteger("--epoch"), 30_000)
    .option("--request-timeout <s>", "QBFT requesttimeoutseconds: round timeout, longer than the block period", parseInteger("--request-timeout"), 10)
    .option(
      "--empty-block-period <s>",
      "QBFT emptyblockperiodseconds: with nothing to include, one block per this many seconds (at least the block period)",
      parseInteger("--empty-block-period"),
      60,
    )
    .option("--hosts <h1,h2,...>", "host or IP of each validator as the others reach it (default: all 127.0.0.1); host names turn on Besu's DNS options", parseHosts)
    .option("--resolve-hosts", "resolve host names to IP addresses now, so Besu needs no DNS option", false)
    .option("--deployer <address>", "the account that will run `credanchor deploy`: allowlisted and funded", parseAccounts)
    .option("--enodes <list>", "enode URLs (or 0x public keys) of validators whose universities keep their own node keys", parseEnodes)
    .option("--node-keys <files>", "key.pub files of validators whose universities keep their own node keys", parseNodeKeyFiles)
    .option(
      "--accounts <addresses>",
      "consortium accounts allowed to send transactions and funded in genesis: governance members and university keys (default: the validator addresses)",
      parseAccounts,
    )
    .addOption(new Option("--p2p-port <port>", "P2P port; validators sharing a host get consecutive ports").argParser(parseInteger("--p2p-port")).default(30303))
    .addOption(new Option("--rpc-port <port>", "JSON-RPC HTTP port; validators sharing a host get consecutive ports").argParser(parseInteger("--rpc-port")).default(8545))
    .addOption(new Option("--metrics-port <port>", "Prometheus metrics port (loopback); consecutive per host").argParser(parseInteger("--metrics-port")).default(9545))
    .option("--json", "print a JSON summary (never any private key) on stdout", false)
    .action(async (own: {
      validators: number;
      out: string;
      chainId: number;
      blockPeriod: number;
      emptyBlockPeriod: number;
      epoch: number;
      requestTimeout: number;
      hosts?: string[];
      resolveHosts: boolean;
      accounts?: string[];
      deployer?: string[];
      enodes?: string[];
      nodeKeys?: string[];
      p2pPort: number;
      rpcPort: number;
      metricsPort: number;
      json: boolean;
    }) => {
      const named = own.hosts ?? Array.from({ length: Math.max(own.validators, 0) }, () => "127.0.0.1");
      // Resolved here, once: Besu then needs no DNS option, but a host's new address means regenerating the files.
      const hosts = own.resolveHosts ? await Promise.all(named.map(resolveHost)) : named;
      const options: NetworkOptions = {
        validators: own.validators,
        chainId: own.chainId,
        blockPeriodSeconds: own.blockPeriod,
        emptyBlockPeriodSeconds: own.emptyBlockPeriod,
        epochLength: own.epoch,
        requestTimeoutSeconds: own.requestTimeout,
        hosts,
        accounts: own.accounts ?? [],
        ...(own.deployer === undefined ? {} : { deployer: own.deployer[0] as string }),
        publicKeys: [...(own.enodes ?? []), ...(own.nodeKeys ?? [])],
        p2pPortBase: own.p2pPort,
        rpcPortBase: own.rpcPort,
        metricsPortBase: own.metricsPort,
      };
      let network;
      try {
        network = generateNetwork(options);
      } catch (error) {
        throw new ToolError("NETWORK_INVALID", { params: { reason: error instanceof Error ? error.message : String(error) }, cause: error });
      }
      if (own.accounts === undefined) {
        process.stderr.write("No --accounts given: the validator addresses are the allowlisted, funded accounts.\n");
      }
      if (needsDns(hosts)) process.stderr.write("Host names in --hosts: each config.toml turns on Besu's DNS options (Xdns-enabled, Xdns-update-enabled).\n");
      const dir = writeNetworkFiles(own.out, network.files);
      const summary = {
        dir,
        chainId: own.chainId,
        validators: network.nodes.map(({ name, address, enode, rpcPort }) => ({ name, address, enode, rpcPort })),
      };
      if (own.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        process.stdout.write(
          `QBFT network for chain ${own.chainId} written to ${dir}\n${summary.validators
            .map((v) => `  ${v.name}  ${v.address}  rpc :${v.rpcPort}`)
            .join("\n")}\nNode keys are in validator-<i>/key (mode 0600). Next steps: docs/NETWORK.md\n`,
        );
      }
    });
}

export function networkCommand(): Command {
  const command = new Command("network").description("Operate the consortium's Hyperledger Besu QBFT network");
  command.addCommand(initCommand().exitOverride());
  command.addCommand(allowlistCommand().exitOverride());
  return command;
}
