import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { en } from "../../issuer-service/i18n/en";
import { zhHant } from "../../issuer-service/i18n/zh-Hant";
import { en as requestEn } from "../../issuer-service/requests/i18n/en";
import { zhHant as requestZhHant } from "../../issuer-service/requests/i18n/zh-Hant";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("issuer service: message catalogues", () => {
  it("has exactly the same keys in English and Traditional Chinese, none empty", () => {
    expect(Object.keys(zhHant).sort()).to.deep.equal(Object.keys(en).sort());
    for (const [key, text] of Object.entries({ ...en, ...zhHant })) expect(text.trim(), key).to.not.equal("");
  });

  it("has the same keys and placeholders in both languages for the request pages (requests/i18n), none empty", () => {
    expect(Object.keys(requestZhHant).sort()).to.deep.equal(Object.keys(requestEn).sort());
    for (const key of Object.keys(requestEn) as (keyof typeof requestEn)[]) {
      expect(requestZhHant[key].trim(), key).to.not.equal("");
      expect(placeholders(requestZhHant[key]), key).to.deep.equal(placeholders(requestEn[key]));
    }
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zhHant[key]), key).to.deep.equal(placeholders(en[key]));
  });

  it("has a text for every key the console's and the inbox's HTML name", () => {
    for (const app of ["console", "inbox"]) {
      const html = readFileSync(join(__dirname, "..", "..", "issuer-service", app, "index.html"), "utf8");
      for (const [, key] of html.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)) expect(en, `${app}: ${key!}`).to.have.property(key!);
    }
  });

  it("has an API error text in Chinese for every code, never carrying the English words", () => {
    const errorKeys = (Object.keys(en) as (keyof typeof en)[]).filter((key) => key.startsWith("error."));
    expect(errorKeys.length).to.be.greaterThan(10);
    // Identifiers (header names, media types, the role and placeholders) may appear in both; English prose may not.
    const IDENTIFIERS = new Set(["Idempotency", "Key", "Authorization", "Bearer", "CSV", "JSON", "text", "csv", "application", "json", "multipart", "form", "data", "API"]);
    for (const key of errorKeys) {
      const chinese = zhHant[key].replace(/\{\w+\}/g, "");
      expect(chinese, key).to.match(/\p{Script=Han}/u);
      const words = en[key].replace(/\{\w+\}/g, "").match(/[A-Za-z]{2,}/g) ?? [];
      const leaked = words.filter((word) => !IDENTIFIERS.has(word) && new RegExp(`\\b${word}\\b`).test(chinese));
      expect(leaked, `${key}: ${chinese}`).to.deep.equal([]);
    }
  });
});
