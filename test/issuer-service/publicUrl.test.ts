import { expect } from "chai";
import { createConfig } from "../../issuer-service/config";

describe("issuer service config: the public URL links are built on", () => {
  it("keeps one form with or without a trailing slash, with a path, and derives http://host:port when unset", () => {
    expect(createConfig({ publicUrl: "https://credanchor.example/" }).publicUrl).to.equal("https://credanchor.example");
    expect(createConfig({ publicUrl: "https://credanchor.example:8443/issuer//" }).publicUrl).to.equal("https://credanchor.example:8443/issuer");
    expect(createConfig({ port: 3100 }).publicUrl).to.equal("http://127.0.0.1:3100");
    expect(createConfig({ host: "::1", port: 3100 }).publicUrl).to.equal("http://[::1]:3100");
  });

  it("refuses what is not an http(s) origin with an optional path: another scheme, a query, a fragment, credentials", () => {
    for (const publicUrl of ["ftp://credanchor.example", "https://credanchor.example/?next=x", "https://credanchor.example/#x", "https://user:pw@credanchor.example", "credanchor.example"]) {
      expect(() => createConfig({ publicUrl }), publicUrl).to.throw(/publicUrl/);
    }
  });
});
