import { expect } from "chai";
import { deflateRawSync } from "node:zlib";
import { zipSync } from "fflate";
import { inflateCapped } from "../../core/src/inflateCapped";
import { readCredentialLinkValue } from "../../core/src/share/credentialLink";
import { unzipCredentialFiles, ZIP_LIMITS } from "../../core/src/unzipCredentialFiles";
import { rawZip } from "../lib/rawZip";

const MIB = 1024 * 1024;

describe("hard limits before work: ZIP entries and #c= links (issue 16 bombs)", function () {
  this.timeout(60_000);
  /** 150 MiB of zeros, raw DEFLATE: about 150 KB. */
  let bomb: Buffer;
  /**
   * The bomb's first 64 KB (inflating to about 64 MiB) followed by bytes that are not DEFLATE at all. Whoever inflates
   * this past the first few MiB hits the garbage and fails; a reader that stops at its cap never gets there — which is
   * how these tests show bounded work without timing anything.
   */
  let tripwire: Buffer;

  before(() => {
    bomb = deflateRawSync(Buffer.alloc(150 * MIB));
    tripwire = Buffer.concat([bomb.subarray(0, 64 * 1024), Buffer.alloc(64 * 1024, 0xff)]);
  });

  it("inflateCapped stops at its cap: undefined, never the whole output and never the data past it", () => {
    expect(inflateCapped(bomb, MIB)).to.equal(undefined);
    expect(inflateCapped(tripwire, MIB)).to.equal(undefined);
    expect(() => inflateCapped(tripwire, 1024 * MIB)).to.throw();
    const text = Buffer.from('{"name":"陳大文"}');
    expect(Buffer.from(inflateCapped(deflateRawSync(text), MIB) as Uint8Array).equals(text)).to.equal(true);
    expect(inflateCapped(deflateRawSync(Buffer.alloc(MIB)), MIB)?.length).to.equal(MIB);
    expect(inflateCapped(deflateRawSync(Buffer.alloc(MIB + 1)), MIB)).to.equal(undefined);
  });

  it("reads the .json entries of an ordinary ZIP, leaving out folders, resource forks and other files", () => {
    const zip = zipSync({
      "batch/a.json": Buffer.from('{"a":1}'),
      "batch/b.json": [Buffer.from('{"b":2}'), { level: 0 }],
      "batch/readme.txt": Buffer.from("hi"),
      "__MACOSX/batch/._a.json": Buffer.from("x"),
    });
    const unzipped = unzipCredentialFiles(zip);
    expect(unzipped?.files.map((file) => [file.name, Buffer.from(file.bytes).toString()])).to.deep.equal([
      ["batch/a.json", '{"a":1}'],
      ["batch/b.json", '{"b":2}'],
    ]);
    expect(unzipped?.refused).to.deep.equal([]);
  });

  it("refuses a 1.5 MB ZIP of ten 150 MB entries on their declared size, inflating nothing", () => {
    const zip = rawZip(Array.from({ length: 10 }, (_, i) => ({ name: `c${i}.json`, data: tripwire, method: 8, declaredSize: 150 * MIB })));
    expect(zip.length).to.be.below(1.5 * MIB);
    // The tripwire data would make any inflation fail and the archive read as damaged (null).
    const unzipped = unzipCredentialFiles(zip);
    expect(unzipped?.files).to.deep.equal([]);
    expect(unzipped?.refused).to.deep.equal(Array.from({ length: 10 }, (_, i) => ({ name: `c${i}.json`, reason: "tooLarge" })));
  });

  it("cuts off entries whose declared size lies, by a running count, and caps the archive's total", () => {
    const lying = rawZip([
      { name: "ok.json", data: deflateRawSync(Buffer.from('{"ok":true}')), method: 8, declaredSize: 11 },
      ...Array.from({ length: 10 }, (_, i) => ({ name: `liar${i}.json`, data: tripwire, method: 8 as const, declaredSize: 1000 })),
    ]);
    const unzipped = unzipCredentialFiles(lying);
    expect(unzipped?.files.map((file) => file.name)).to.deep.equal(["ok.json"]);
    expect(unzipped?.refused.map((entry) => entry.reason)).to.deep.equal(Array(10).fill("tooLarge"));

    const entry = deflateRawSync(Buffer.alloc(600 * 1024, 0x20));
    const many = rawZip(Array.from({ length: 5 }, (_, i) => ({ name: `big${i}.json`, data: entry, method: 8, declaredSize: 1000 })));
    const capped = unzipCredentialFiles(many, { ...ZIP_LIMITS, maxTotalBytes: 2 * MIB });
    expect(capped?.files).to.have.length(3);
    expect(capped?.refused.map((refused) => refused.reason)).to.deep.equal(["totalTooLarge", "totalTooLarge"]);
  });

  it("null for what is no ZIP or is cut short", () => {
    expect(unzipCredentialFiles(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).to.equal(null);
    const zip = zipSync({ "a.json": Buffer.from('{"a":1}') });
    expect(unzipCredentialFiles(zip.subarray(0, zip.length - 30))).to.equal(null);
  });

  it("refuses a 272 KB #c= link that inflates to 200 MiB, after about 1 MiB of work", () => {
    const link = deflateRawSync(Buffer.alloc(200 * MIB, 0x20)).toString("base64url");
    expect(link.length).to.be.below(300 * 1024);
    expect(readCredentialLinkValue("c", link)).to.deep.equal({ problem: "tooLarge" });
    expect(readCredentialLinkValue("c", tripwire.toString("base64url"))).to.deep.equal({ problem: "tooLarge" });
  });
});
