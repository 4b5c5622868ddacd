import { Command, InvalidArgumentError } from "commander";
import { createChainReader, type DeploymentReader } from "@credanchor/core/chain";
import { connect, deploymentPath, loadDeployment } from "../chain";
import { RefusalError, UsageError } from "../errors";
import { translateTo } from "../i18n/translate";
import { alertsOf, type Alert } from "../monitor/alertsOf";
import { readAnnouncedKeys, type AnnouncedKeys } from "../monitor/announcedKeys";
import { cursorFile } from "../monitor/cursorFile";
import { readableArgs } from "../monitor/readableArgs";
import { watchEvents, type ChainRewind, type WatchedEvent } from "../monitor/watchEvents";
import { describeProposal } from "../network/describeProposal";
import { readGlobalOptions, withOptions } from "../options";

function parseCount(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
    return Number(value);
  };
}

/** A block number, or `deployment` for the deployment file's first block. */
function parseSince(value: string): number | "deployment" {
  return value === "deployment" ? value : parseCount("--since")(value);
}

interface MonitorOptions {
  since?: number | "deployment";
  cursor?: string;
  follow: boolean;
  untilBlock?: number;
  maxEvents?: number;
  announced?: string;
  failOnAlert: boolean;
  pollInterval: number;
}

/** Names which university an event concerns, looking each up once; the monitor keeps going if a lookup fails. */
function universityResolver(reader: DeploymentReader) {
  const names = new Map<string, string>();
  return async (event: WatchedEvent): Promise<{ issuerId?: string; university?: string }> => {
    // Every anchor event names its issuer (the anchor keys batches by issuer), as do the registry's issuer events.
    const issuerId = event.args.issuerId;
    if (issuerId === undefined) return {};
    if (!names.has(issuerId)) {
      const name = await reader.issuer(issuerId).then((issuer) => issuer?.nameEn, () => undefined);
      if (name === undefined) return { issuerId };
      names.set(issuerId, name);
    }
    return { issuerId, university: names.get(issuerId) as string };
  };
}

function textLine(line: Record<string, unknown>, event: WatchedEvent): string {
  const who = line.university ? `${String(line.university)} (${String(line.issuerId)})` : line.issuerId ? String(line.issuerId) : "-";
  const readable = readableArgs(event.event, event.args);
  const args = Object.entries(event.args)
    .filter(([key]) => key !== "data")
    .map(([key, value]) => `${key}=${readable[key] ?? value}`)
    .join(" ");
  const action = line.action ? ` action=${String(line.action)}` : "";
  return `${event.reorged ? "REORGED " : ""}#${event.blockNumber} ${event.time} ${who} ${event.event} ${args}${action}`;
}

export function monitorCommand(): Command {
  return withOptions(new Command("monitor"), "chain", "output")
    .description(
      "Transparency monitor: print every registry and anchor event (anchors, revocations, accreditation, keys, proposals) per university, with block number and time; flag anchors by keys a university has not announced",
    )
    .option("--since <block>", "first block to report: a number, or `deployment` (the deployment file's first block)", parseSince)
    .option("--cursor <file>", "resume from and save progress to this file (created on first use); --since is then only for the first run")
    .option("--follow", "keep watching new blocks; survives RPC outages (retry with backoff) and reorganisations", false)
    .option("--until-block <block>", "stop after this block", parseCount("--until-block"))
    .option("--max-events <n>", "stop after printing n events", parseCount("--max-events"))
    .option(
      "--announced <file>",
      "JSON {issuerId: [key, …]} of the keys each university published; an anchor by, or the addition of, any other key prints an ALERT",
    )
    .option("--fail-on-alert", "exit with code 1 at the first ALERT", false)
    .option("--poll-interval <ms>", "with --follow, how often to ask for new blocks", parseCount("--poll-interval"), 2000)
    .addHelpText(
      "after",
      '\nWith --json, stdout has one JSON object per line: events {"event", "blockNumber", "time", "issuerId", "university", "args", "readable", …, "reorged"?: true}\nand alerts {"alert": "UNANNOUNCED_KEY" | "BACKDATED_CHANGE" | "FINALITY_BREAK", "message", …}. A reorganised event is printed again with "reorged": true.',
    )
    .action(async (own: MonitorOptions, command: Command) => {
      const options = readGlobalOptions(command);
      const announced: AnnouncedKeys | undefined = own.announced === undefined ? undefined : readAnnouncedKeys(own.announced);
      const { provider, chainId } = await connect(options.rpc);
      const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
      const cursor = own.cursor === undefined ? undefined : cursorFile(own.cursor, { chainId, registry: deployment.registry, anchor: deployment.anchor });
      const resume = cursor?.load();
      if (resume === undefined && own.since === undefined) throw new UsageError("SINCE_MISSING");
      const since = own.since === "deployment" ? deployment.blockNumber : (own.since ?? 0);
      const resolveUniversity = universityResolver(createChainReader(provider, deployment));
      const print = (line: string) => process.stdout.write(`${line}\n`);
      const lang = options.lang;
      const raise = (alert: Alert["alert"] | "FINALITY_BREAK", blockNumber: number, text: string, facts: Record<string, unknown>) => {
        print(options.json ? JSON.stringify({ alert, blockNumber, message: text, ...facts }) : `ALERT #${blockNumber} ${alert} ${text}`);
      };
      let count = 0;
      try {
        for await (const item of watchEvents({
          rpcUrl: options.rpc,
          chainId,
          contracts: { registry: deployment.registry, anchor: deployment.anchor },
          since,
          follow: own.follow,
          ...(own.untilBlock === undefined ? {} : { untilBlock: own.untilBlock }),
          pollIntervalMs: own.pollInterval,
          log: (message) => process.stderr.write(`${message}\n`),
          ...(resume === undefined ? {} : { resume }),
          ...(cursor === undefined ? {} : { onProgress: (state) => cursor.save(state) }),
        })) {
          if ("rewind" in item) {
            // QBFT finalises every block at once: blocks the monitor reported going away is never routine there.
            const rewind: ChainRewind = item;
            const detail = rewind.forkFound
              ? translateTo(lang, "alert.FORK_FOUND", { forkBlock: rewind.fromBlock - 1 })
              : translateTo(lang, "alert.FORK_UNKNOWN");
            raise("FINALITY_BREAK", rewind.fromBlock, translateTo(lang, "alert.FINALITY_BREAK", { detail, fromBlock: rewind.fromBlock }), {
              fromBlock: rewind.fromBlock,
              forkFound: rewind.forkFound,
            });
            if (own.failOnAlert) throw new RefusalError("MONITOR_ALERT", { params: { alert: "FINALITY_BREAK", block: rewind.fromBlock } });
            continue;
          }
          const event = item;
          const who = await resolveUniversity(event);
          const action =
            event.event === "ProposalCreated" && event.args.target && event.args.data
              ? describeProposal(deployment, event.args.target, event.args.data).summary
              : undefined;
          const line = { ...event, readable: readableArgs(event.event, event.args), ...who, ...(action === undefined ? {} : { action }) };
          print(options.json ? JSON.stringify(line) : textLine(line, event));
          for (const alert of alertsOf(event, who.university ?? "", announced)) {
            raise(alert.alert, event.blockNumber, translateTo(lang, alert.message, alert.facts), {
              time: event.time,
              issuerId: event.args.issuerId,
              university: who.university,
              ...(event.args.signer === undefined ? {} : { signer: event.args.signer }),
              ...(event.args.key === undefined ? {} : { key: event.args.key }),
              ...(event.args.root === undefined ? {} : { root: event.args.root }),
              transactionHash: event.transactionHash,
            });
            if (own.failOnAlert) {
              throw alert.message === "alert.UNANNOUNCED_KEY_ANCHOR"
                ? new RefusalError("UNANNOUNCED_KEY", { params: { root: String(event.args.root), signer: String(event.args.signer) } })
                : new RefusalError("MONITOR_ALERT", { params: { alert: alert.alert, block: event.blockNumber } });
            }
          }
          count += 1;
          if (own.maxEvents !== undefined && count >= own.maxEvents) break;
        }
      } finally {
        provider.destroy();
      }
    });
}
