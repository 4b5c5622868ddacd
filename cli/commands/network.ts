import { Command, Option, InvalidArgumentError } from "commander";
import { getAddress, isAddress } from "ethers";
import { ToolError } from "../errors";
import { generateNetwork, MAX_VALIDATORS, MIN_VALIDATORS, type NetworkOptions } from "../network/generateNetwork";
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

function initCommand(): Command {
  return new Command("init")
    .description("Generate the files of a Hyperledger Besu QBFT network, one validator per university (see docs/NETWORK.md)")
    .requiredOption("--validators <n>", `number of validators, ${MIN_VALIDATORS} to ${MAX_VALIDATORS}`, parseInteger("--validators"))
    .requiredOption("--out <dir>", "new or empty directory to write the network files to")
    .option("--chain-id <id>", "chain id of the network", parseInteger("--chain-id"), 1_337_001)
    .option("--block-period <s>", "QBFT blockperiodseconds: seconds between blocks", parseInteger("--block-period"), 2)
    .option("--epoch <blocks>", "QBFT epochlength: blocks after which pending validator votes are discarded", parseInteger("--epoch"), 30_000)
    .option("--request-timeout <s>", "QBFT requesttimeoutseconds: round timeout, longer than the block period", parseInteger("--request-timeout"), 10)
    .option("--hosts <h1,h2,...>", "host or IP of each validator as the others reach it (default: all 127.0.0.1)", parseList)
    .option(
      "--accounts <addresses>",
      "consortium accounts allowed to send transactions and funded in genesis: governance members and university keys (default: the validator addresses)",
      parseAccounts,
    )
    .addOption(new Option("--p2p-port <port>", "P2P port; validators sharing a host get consecutive ports").argParser(parseInteger("--p2p-port")).default(30303))
    .addOption(new Option("--rpc-port <port>", "JSON-RPC HTTP port; validators sharing a host get consecutive ports").argParser(parseInteger("--rpc-port")).default(8545))
    .option("--json", "print a JSON summary (never any private key) on stdout", false)
    .action((own: {
      validators: number;
      out: string;
      chainId: number;
      blockPeriod: number;
      epoch: number;
      requestTimeout: number;
      hosts?: string[];
      accounts?: string[];
      p2pPort: number;
      rpcPort: number;
      json: boolean;
    }) => {
      const options: NetworkOptions = {
        validators: own.validators,
        chainId: own.chainId,
        blockPeriodSeconds: own.blockPeriod,
        epochLength: own.epoch,
        requestTimeoutSeconds: own.requestTimeout,
        hosts: own.hosts ?? Array.from({ length: Math.max(own.validators, 0) }, () => "127.0.0.1"),
        accounts: own.accounts ?? [],
        p2pPortBase: own.p2pPort,
        rpcPortBase: own.rpcPort,
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
  return command;
}
