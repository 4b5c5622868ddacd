import { expect } from "chai";
import { en } from "../../core/src/i18n/en";
import { translate } from "../../core/src/i18n/translate";
import { zhHant } from "../../core/src/i18n/zh-Hant";
import { CHECK_CODES } from "../../core/src/VerificationReport";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

describe("message catalogues", () => {
  it("have exactly the same keys in English and Traditional Chinese", () => {
    expect(Object.keys(zhHant).sort()).to.deep.equal(Object.keys(en).sort());
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(zhHant[key as keyof typeof en]), key).to.deep.equal(placeholders(text));
    }
  });

  it("have no empty text, and Chinese text in every zh-Hant message", () => {
    for (const [key, text] of Object.entries(zhHant)) {
      expect(text.trim(), key).not.to.equal("");
      expect(HAN.test(text), `${key} has no Chinese: ${text}`).to.equal(true);
      expect(en[key as keyof typeof en].trim(), key).not.to.equal("");
    }
  });

  it("have a message for every verification check code", () => {
    for (const [check, codes] of Object.entries(CHECK_CODES)) {
      for (const code of codes) expect(en, `check.${check}.${code}`).to.have.property(`check.${check}.${code}`);
    }
  });

  it("fill placeholders, with localised parameters per language", () => {
    const status = { en: "suspended", "zh-Hant": "已暫停" };
    const text = translate("check.ISSUER.ISSUER_NOT_ACCREDITED", { status });
    expect(text.en).to.contain("(suspended)");
    expect(text["zh-Hant"]).to.contain("（已暫停）");
  });
});
