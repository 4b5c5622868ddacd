import { Command, InvalidArgumentError } from "commander";
import { createChainReader, type DeploymentReader } from "@credanchor/core/chain";
import { connect, deploymentPath, loadDeployment } from "../chain";
import { RefusalError } from "../errors";
import { isAnnounced, readAnnouncedKeys, type AnnouncedKeys } from "../monitor/announcedKeys";
import { watchEvents, type WatchedEvent } from "../monitor/watchEvents";
import { describeProposal } from "../network/describeProposal";
import { readGlobalOptions, withOptions } from "../options";

function parseCount(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
    return Number(value);
  };
}

interface MonitorOptions {
  since: number;
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
  const issuerOfRoot = new Map<string, string>();
  return async (event: WatchedEvent): Promise<{ issuerId?: string; university?: string }> => {
    let issuerId = event.args.issuerId;
    if (issuerId === undefined && event.args.root !== undefined) {
      issuerId = issuerOfRoot.get(event.args.root);
      if (issuerId === undefined) {
        issuerId = await reader.batch(event.args.root).then((batch) => batch?.issuerId, () => undefined);
        if (issuerId !== undefined) issuerOfRoot.set(event.args.root, issuerId);
      }
    }
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
  const args = Object.entries(event.args)
    .filter(([key]) => key !== "data")
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  const action = line.action ? ` action=${String(line.action)}` : "";
  return `${event.reorged ? "REORGED " : ""}#${event.blockNumber} ${event.time} ${who} ${event.event} ${args}${action}`;
}

export function monitorCommand(): Command {
  return withOptions(new Command("monitor"), "chain", "output")
    .description(
      "Transparency monitor: print every registry and anchor event (anchors, revocations, accreditation, keys, proposals) per university, with block number and time; flag anchors by keys a university has not announced",
    )
    .requiredOption("--since <block>", "first block to report (e.g. the deployment's blockNumber)", parseCount("--since"))
    .option("--follow", "keep watching new blocks; survives RPC outages (retry with backoff) and reorganisations", false)
    .option("--until-block <block>", "stop after this block", parseCount("--until-block"))
    .option("--max-events <n>", "stop after printing n events", parseCount("--max-events"))
    .option("--announced <file>", "JSON {issuerId: [key, …]} of the keys each university published; an anchor by any other key prints an ALERT")
    .option("--fail-on-alert", "exit with code 1 at the first ALERT", false)
    .option("--poll-interval <ms>", "with --follow, how often to ask for new blocks", parseCount("--poll-interval"), 2000)
    .addHelpText(
      "after",
      '\nWith --json, stdout has one JSON object per line: events {"event", "blockNumber", "time", "issuerId", "university", "args", …, "reorged"?: true}\nand alerts {"alert": "UNANNOUNCED_KEY", …}. A reorganised event is printed again with "reorged": true.',
    )
    .action(async (own: MonitorOptions, command: Command) => {
      const options = readGlobalOptions(command);
      const announced: AnnouncedKeys | undefined = own.announced === undefined ? undefined : readAnnouncedKeys(own.announced);
      const { provider, chainId } = await connect(options.rpc);
      const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
      const resolveUniversity = universityResolver(createChainReader(provider, deployment));
      const print = (line: string) => process.stdout.write(`${line}\n`);
      let count = 0;
      try {
        for await (const event of watchEvents({
          rpcUrl: options.rpc,
          chainId,
          contracts: { registry: deployment.registry, anchor: deployment.anchor },
          since: own.since,
          follow: own.follow,
          ...(own.untilBlock === undefined ? {} : { untilBlock: own.untilBlock }),
          pollIntervalMs: own.pollInterval,
          log: (message) => process.stderr.write(`${message}\n`),
        })) {
          const who = await resolveUniversity(event);
          const action =
            event.event === "ProposalCreated" && event.args.target && event.args.data
              ? describeProposal(deployment, event.args.target, event.args.data).summary
              : undefined;
          const line = { ...event, ...who, ...(action === undefined ? {} : { action }) };
          print(options.json ? JSON.stringify(line) : textLine(line, event));
          if (announced && event.event === "BatchAnchored" && !event.reorged && !isAnnounced(announced, event.args.issuerId as string, event.args.signer as string)) {
            const alert = {
              alert: "UNANNOUNCED_KEY",
              blockNumber: event.blockNumber,
              time: event.time,
              issuerId: event.args.issuerId,
              university: who.university,
              signer: event.args.signer,
              root: event.args.root,
              transactionHash: event.transactionHash,
            };
            print(
              options.json
                ? JSON.stringify(alert)
                : `ALERT #${event.blockNumber} ${event.time} ${who.university ?? ""} (${String(event.args.issuerId)}) anchored batch ${String(event.args.root)} with key ${String(event.args.signer)}, which it has not announced`,
            );
            if (own.failOnAlert) {
              throw new RefusalError("UNANNOUNCED_KEY", { params: { root: String(event.args.root), signer: String(event.args.signer) } });
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
