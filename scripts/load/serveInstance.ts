/**
 * One issuer-service instance of a load run, in a process of its own so that two instances use both cores as two
 * deployed instances would. Started by startInstance with its settings as JSON in LOAD_INSTANCE; prints one JSON
 * line (`url`, `apiKeys`) once it listens and stops cleanly on SIGTERM.
 */
import { startIssuerService, type StartOptions } from "../../issuer-service/server";

async function main(): Promise<void> {
  const options = JSON.parse(process.env.LOAD_INSTANCE ?? "{}") as StartOptions;
  const service = await startIssuerService(options);
  process.stdout.write(`${JSON.stringify({ url: service.url, apiKeys: service.apiKeys })}\n`);
  process.once("SIGTERM", () => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`load instance failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
