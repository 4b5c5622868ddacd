/**
 * The portal's pages of each credential kind (issue 17 item 4), drawn from core's signed mixed batch without a
 * service: a transcript term by term and a letter as a letter in both languages, what each lets its holder hide, and
 * a share of a transcript with its GPA hidden widened to the whole section so that it still verifies.
 */
import { expect } from "chai";
import type { Language } from "../../core/src/i18n/Language";
import { disclose } from "../../core/src/disclose";
import { checkDisclosureRules } from "../../core/src/kinds/checkDisclosureRules";
import type { AnyCredential } from "../../core/src/kinds/AnyCredential";
import { portalTranslator } from "../../issuer-service/portal/i18n/portalTranslator";
import { hiddenPointers, hideChoices } from "../../issuer-service/portal/hideChoices";
import { credentialTitle } from "../../issuer-service/portal/pages/credentialTitle";
import { hiddenList } from "../../issuer-service/portal/pages/hiddenLabel";
import type { PageContext } from "../../issuer-service/portal/pages/PageContext";
import { renderCredentialPage } from "../../issuer-service/portal/pages/renderCredentialPage";
import { PortalError } from "../../issuer-service/portal/PortalError";
import { mixedBatch } from "../core/helpers/mixedBatch";

const pageIn = (language: Language): PageContext => ({
  language,
  t: (key, params) => portalTranslator.translateTo(language, key, params),
  pick: (text) => text[language],
  path: "/my/credentials/x",
  session: { csrfToken: "token", provider: { en: "Provider", "zh-Hant": "提供者" } },
});
const held = (credential: AnyCredential) => ({ id: credential.id, universityId: "harbour", kind: "x", credential, document: JSON.stringify(credential), revoked: null });
const VALID = { status: "VALID" as const, headline: { en: "Valid.", "zh-Hant": "有效。" } };

describe("portal pages of every credential kind", () => {
  let kinds: Awaited<ReturnType<typeof mixedBatch>>;
  before(async () => {
    kinds = await mixedBatch();
  });

  it("names each kind in lists: an award by its degree, a transcript as such by its programme, a letter by its title", () => {
    expect(credentialTitle(kinds.award).en).to.match(/ · Harbour University$/);
    expect(credentialTitle(kinds.transcript)).to.deep.equal({ en: "Transcript · Bachelor of Science in Chemistry · Harbour University", "zh-Hant": "成績單 · 化學理學士 · 海港大學" });
    expect(credentialTitle(kinds.letter)).to.deep.equal({ en: "Certification of Graduation · Harbour University", "zh-Hant": "畢業證明書 · 海港大學" });
  });

  it("shows a transcript term by term in both languages: courses with grades as issued, marks, markers and term GPAs", () => {
    const en = renderCredentialPage(pageIn("en"), held(kinds.transcript), VALID, true);
    expect(en).to.include("Bachelor of Science in Chemistry").and.to.include("Completed on 30 June 2026").and.to.include("Cumulative GPA");
    expect(en.match(/<section class="term"/g)).to.have.length(3);
    expect(en).to.include('data-code="CHEM1001"').and.to.include("<strong>A-</strong>").and.to.include("Repeated course").and.to.include("Exemption");
    expect(en).to.include("Term GPA: 2.65").and.to.include(">82<");
    const zh = renderCredentialPage(pageIn("zh-Hant"), held(kinds.transcript), VALID, true);
    expect(zh).to.include("2022/23 年度上學期").and.to.include("普通化學一").and.to.include("重修");
  });

  it("shows a letter as a letter, the page's language first, and offers nothing to hide", () => {
    const zh = renderCredentialPage(pageIn("zh-Hant"), held(kinds.letter), VALID, true);
    const letters = [...zh.matchAll(/<article class="letter" lang="([^"]+)"/g)].map((match) => match[1]);
    expect(letters).to.deep.equal(["zh-Hant", "en"]);
    expect(zh).to.include("茲證明陳大文（學生編號 HU2026001）已修畢化學理學士課程").and.to.include("教務長");
    expect(zh).not.to.include('name="hide"');
    expect(hideChoices(kinds.letter).size).to.equal(0);
    expect(() => hiddenPointers(kinds.letter, ["gpa"])).to.throw(PortalError);
  });

  it("offers a transcript's hideable sections; hiding its GPA hides the cumulative and every term GPA, and the result keeps the kind's rules", () => {
    expect([...hideChoices(kinds.transcript).keys()]).to.deep.equal(["dateOfBirth", "gpa", "marks"]);
    const page = renderCredentialPage(pageIn("en"), held(kinds.transcript), VALID, true);
    expect(page).to.include('value="gpa" /> GPA').and.to.include('value="marks" /> Marks');
    const shown = disclose(kinds.transcript, hiddenPointers(kinds.transcript, ["gpa"]));
    checkDisclosureRules(shown);
    expect(Object.keys(shown.proof.hiddenClaims ?? {})).to.have.members(["/credentialSubject/cumulativeGpa", "/credentialSubject/terms/0/gpa", "/credentialSubject/terms/1/gpa", "/credentialSubject/terms/2/gpa"]);
    expect(hiddenList(pageIn("en"), Object.keys(shown.proof.hiddenClaims ?? {}))).to.equal("GPA");
    expect(() => hiddenPointers(kinds.transcript, ["honours"])).to.throw(PortalError);
  });
});
