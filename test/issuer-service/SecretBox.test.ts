import { expect } from "chai";
import { SecretBox } from "../../issuer-service/secrets/SecretBox";

const KEY = "11".repeat(32);
const NEXT = Buffer.alloc(32, 7).toString("base64");

const refusal = (open: () => string) => {
  try {
    open();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return "opened";
};

describe("SecretBox: secrets the service reads back, sealed under its key", () => {
  it("seals with a fresh IV each time and opens only under its key, for its own row", () => {
    const box = new SecretBox(KEY);
    const first = box.seal("whsec_example", "org-a");
    expect(first).to.match(/^sealed:v1:[0-9a-f]{16}:/).and.not.to.include("whsec_example");
    expect(box.seal("whsec_example", "org-a")).not.to.equal(first);
    expect(box.open(first, "org-a")).to.equal("whsec_example");
    expect(refusal(() => box.open(first, "org-b")), "moved to another row").to.equal("SECRET_TAMPERED");
    const flipped = `${first.slice(0, -2)}${first.endsWith("A") ? "B" : "A"}${first.slice(-1)}`;
    expect(refusal(() => box.open(flipped, "org-a")), "changed").to.equal("SECRET_TAMPERED");
    expect(refusal(() => new SecretBox(NEXT).open(first, "org-a")), "another key").to.equal("SECRET_KEY_UNKNOWN");
    expect(refusal(() => box.open("whsec_in_clear", "org-a")), "clear text").to.equal("SECRET_KEY_UNKNOWN");
  });

  it("opens under the previous key during a rotation and tells which values to seal again", () => {
    const old = new SecretBox(KEY).seal("whsec_rotated", "org-a");
    const rotating = new SecretBox(NEXT, KEY);
    expect(rotating.isCurrent(old)).to.equal(false);
    expect(rotating.open(old, "org-a")).to.equal("whsec_rotated");
    const again = rotating.seal("whsec_rotated", "org-a");
    expect(rotating.isCurrent(again)).to.equal(true);
    expect(new SecretBox(NEXT).open(again, "org-a")).to.equal("whsec_rotated");
    expect(SecretBox.isSealed(again)).to.equal(true);
    expect(SecretBox.isSealed("whsec_rotated")).to.equal(false);
  });

  it("takes 32-byte keys only", () => {
    expect(() => new SecretBox("11".repeat(31) + "1")).to.throw(RangeError);
  });
});
