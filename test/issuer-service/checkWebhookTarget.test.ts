import { expect } from "chai";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { checkWebhookTarget, isInternalAddress, type ResolveHost } from "../../issuer-service/requests/checkWebhookTarget";
import { sendWebhook } from "../../issuer-service/requests/sendWebhook";

/** A receiver on 127.0.0.1 that counts every connection made to it and keeps each request's headers. */
async function startLoopbackReceiver() {
  const seen = { connections: 0, requests: [] as IncomingHttpHeaders[] };
  const server = createServer((req, res) => {
    seen.requests.push(req.headers);
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  server.on("connection", () => seen.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("checkWebhookTarget: webhooks never reach the service's own network", () => {
  it("judges internal addresses in IPv4 and IPv6, an IPv4-mapped address by its IPv4 address", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isInternalAddress(address), address).to.equal(true);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isInternalAddress(address), address).to.equal(false);
  });

  it("refuses an internal IP literal, a name resolving to one, and a name that does not resolve, with the host and address", async () => {
    for (const [url, code, address] of [
      ["http://169.254.169.254/latest/meta-data", "WEBHOOK_TARGET_INTERNAL", "169.254.169.254"],
      ["https://[::1]:8443/hook", "WEBHOOK_TARGET_INTERNAL", "::1"],
      ["http://localhost:9/hook", "WEBHOOK_TARGET_INTERNAL", undefined],
      ["https://no-such-host.invalid/hook", "WEBHOOK_HOST_UNRESOLVED", undefined],
    ] as const) {
      const refusal = await checkWebhookTarget(url).then(
        () => null,
        (error: { code: string; message: string }) => error,
      );
      expect(refusal, url).to.include({ code });
      if (address !== undefined) expect(refusal!.message, url).to.contain(address);
    }
  });

  it("lets a public IP literal through without a lookup", async () => {
    await checkWebhookTarget("https://93.184.216.34/hooks/credanchor");
  });

  it("connects to the address it checked: a name public at the check and 127.0.0.1 a moment later (DNS rebinding) never reaches 127.0.0.1", async () => {
    const receiver = await startLoopbackReceiver();
    const asked: string[] = [];
    // 192.0.2.1 (TEST-NET-1) counts as public and answers nothing here; every later answer is this host.
    const rebinding: ResolveHost = async (host) => {
      asked.push(host);
      return [{ address: asked.length === 1 ? "192.0.2.1" : "127.0.0.1", family: 4 }];
    };
    try {
      const outcome = await sendWebhook(`http://rebind.example:${receiver.port}/hooks`, {}, "{}", { allowInternal: false, timeoutMs: 2000, resolve: rebinding }).then(
        (status) => `answered ${status}`,
        (error: Error) => error.message,
      );
      expect(outcome).not.to.match(/^answered/);
      expect(asked, "resolved once, for the check").to.deep.equal(["rebind.example"]);
      expect(receiver.seen.connections, "connections to 127.0.0.1").to.equal(0);
    } finally {
      await receiver.close();
    }
  });

  it("sends to the checked address under the URL's own Host, and refuses a name resolving inward before connecting", async () => {
    const receiver = await startLoopbackReceiver();
    const toLoopback: ResolveHost = async () => [{ address: "127.0.0.1", family: 4 }];
    try {
      const status = await sendWebhook(`http://hooks.example:${receiver.port}/hooks`, { "x-test": "1" }, '{"ok":true}', { allowInternal: true, timeoutMs: 5000, resolve: toLoopback });
      expect(status).to.equal(204);
      expect(receiver.seen.requests.map((headers) => [headers.host, headers["content-length"], headers["x-test"]])).to.deep.equal([[`hooks.example:${receiver.port}`, "11", "1"]]);
      const refusal = await sendWebhook(`http://hooks.example:${receiver.port}/hooks`, {}, "{}", { allowInternal: false, timeoutMs: 5000, resolve: toLoopback }).catch((error: { code: string }) => error.code);
      expect(refusal).to.equal("WEBHOOK_TARGET_INTERNAL");
      expect(receiver.seen.connections).to.equal(1);
    } finally {
      await receiver.close();
    }
  });
});
