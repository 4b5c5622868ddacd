import { expect } from "chai";
import { en } from "../../../core/src/i18n/en";
import { translate } from "../../../core/src/i18n/translate";
import { zhHant } from "../../../core/src/i18n/zh-Hant";
import { CHECK_CODES } from "../../../core/src/VerificationReport";
import { en as cliEn } from "../../../cli/i18n/en";
import { zhHant as cliZhHant } from "../../../cli/i18n/zh-Hant";
import { en as webEn } from "../../../verifier-web/src/messages/en";
import { zhHant as webZhHant } from "../../../verifier-web/src/messages/zh-Hant";

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

  // Each app has its own catalogue beside core's (the issuer service's is tested in test/issuer-service/i18n.test.ts).
  for (const [app, english, chinese] of [
    ["CLI", cliEn, cliZhHant],
    ["verifier web", webEn, webZhHant],
  ] as [string, Record<string, string>, Record<string, string>][]) {
    it(`${app}: same keys and placeholders in both languages, Chinese in every zh-Hant text, none shadowing core's`, () => {
      expect(Object.keys(chinese).sort()).to.deep.equal(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) {
        expect(text.trim(), key).not.to.equal("");
        expect(placeholders(chinese[key]!), key).to.deep.equal(placeholders(text));
        expect(HAN.test(chinese[key]!), `${key} has no Chinese`).to.equal(true);
        expect(en, `${key} is core's`).not.to.have.property(key);
      }
    });
  }
});
