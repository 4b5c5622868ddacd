import { expect } from "chai";
import { checkWebhookTarget, isInternalAddress } from "../../issuer-service/requests/checkWebhookTarget";

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
});
