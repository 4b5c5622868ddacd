import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildApp } from "../../issuer-service/app";
import { buildSpa } from "../../issuer-service/buildSpa";
import { launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { SCREENSHOTS } from "./checkNarrowAndShoot";
import { startChain, startService, type Chain, type Service } from "./harness";

export interface ConsoleBackend {
  chain: Chain;
  service: Service;
  /** The console's address, served by the real app. */
  url: string;
  browser: Chromium;
  stop(): Promise<void>;
}

/**
 * What a registrar-console browser test runs against: the console built fresh (so the test exercises its source as
 * it is now, not an older dist/), the real service on SQLite with its anchoring worker on a real local chain, served
 * on a free port, and Chromium.
 */
export async function startConsoleBackend(name: string): Promise<ConsoleBackend> {
  await buildSpa("console");
  const chain = await startChain();
  let service: Service | undefined;
  let server: Server | undefined;
  let browser: Chromium;
  try {
    service = await startService(chain, name);
    server = buildApp(service.config, service.ctx).listen(0, "127.0.0.1");
    await new Promise((resolve) => server!.once("listening", resolve));
    browser = await launchChromium();
  } catch (error) {
    // Whatever started is stopped, or the chain's node would outlive the suite.
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await service?.stop();
    await chain.stop();
    throw error;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    chain,
    service,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    async stop() {
      await browser.close();
      await new Promise((resolve) => server!.close(resolve));
      await service!.stop();
      await chain.stop();
    },
  };
}
