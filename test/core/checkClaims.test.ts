import { expect } from "chai";
import { checkClaims, type VerifiedFacts } from "../../core/src/checkClaims";
import { parseApplicantList } from "../../core/src/parseApplicantList";

const VERIFIED: VerifiedFacts = {
  file: "applicants.zip/A001-chloe.json",
  status: "VALID",
  name: { en: "Chloé Chan Tai-man", "zh-Hant": "陳大文" },
  award: { en: "Bachelor of Science", "zh-Hant": "理學士" },
  university: { en: "Harbour University", "zh-Hant": "海港大學" },
  awardDate: "2026-06-30",
};

describe("claims check (applicant list against verified credentials)", () => {
  it("reads the applicant list whatever its header spelling, order, BOM and extra columns", () => {
    const list = parseApplicantList(
      '\uFEFFClaimed name,Reference,File name,claimed_award,Claimed University,Claimed Year,Notes\r\n"Chan, Tai Man",A001,A001-chloe.json,BSc,Harbour University,2026,x\r\n,,,,,,\r\n',
    );
    expect(list.missingColumns).to.deep.equal([]);
    expect(list.applicants).to.deep.equal([
      { reference: "A001", name: "Chan, Tai Man", award: "BSc", university: "Harbour University", year: "2026", file: "A001-chloe.json" },
    ]);
    expect(parseApplicantList("name,award\nx,y\n")).to.deep.equal({ applicants: [], missingColumns: ["reference", "university", "year", "file"] });
  });

  it("reads a list without file names when only the reference is required (an admissions office's request upload)", () => {
    expect(parseApplicantList("Reference,Claimed year\nA001,2026\n").applicants).to.deep.equal([]);
    expect(parseApplicantList("Reference,Claimed year\nA001,2026\n", ["reference"]).applicants).to.deep.equal([
      { reference: "A001", name: "", award: "", university: "", year: "2026", file: "" },
    ]);
    expect(parseApplicantList("Name\nChan\n", ["reference"])).to.deep.equal({ applicants: [], missingColumns: ["reference", "award", "university", "year", "file"] });
  });

  it("matches an NFD-spelt name, folding case and spacing, in either language; a different degree is a mismatch", () => {
    const nfd = "CHLOE\u0301  chan tai-man";
    expect(nfd).to.not.equal(nfd.normalize("NFC"));
    const claim = { reference: "A001", name: nfd, award: "Master of Science", university: "海港 大學", year: "2026", file: "A001-chloe.json" };
    expect(checkClaims(claim, [VERIFIED])).to.deep.include({
      standing: "verified",
      fields: { name: "match", award: "mismatch", university: "match", year: "match" },
    });
    expect(checkClaims({ ...claim, name: "陳 大 文", award: "理學士", year: "2025" }, [VERIFIED]).fields).to.deep.equal({
      name: "match",
      award: "match",
      university: "match",
      year: "mismatch",
    });
  });

  it("compares nothing with a credential that is not VALID, or a file that was not verified", () => {
    const claim = { reference: "A002", name: "Chan Tai Man", award: "", university: "", year: "", file: "A001-chloe.json" };
    expect(checkClaims(claim, [{ ...VERIFIED, status: "INVALID" }])).to.deep.include({ standing: "notVerified", status: "INVALID", fields: null });
    expect(checkClaims({ ...claim, file: "other.json" }, [VERIFIED])).to.deep.include({ standing: "noFile", fields: null });
    expect(checkClaims({ ...claim, file: "" }, [VERIFIED])).to.deep.include({ standing: "noFile" });
  });

  it("says notClaimed for an empty claim and notShown for a detail the holder hid", () => {
    const claim = { reference: "A003", name: "", award: "BSc", university: "", year: "2026", file: "A001-chloe.json" };
    expect(checkClaims(claim, [{ ...VERIFIED, award: null, awardDate: null }]).fields).to.deep.equal({
      name: "notClaimed",
      award: "notShown",
      university: "notClaimed",
      year: "notShown",
    });
  });
});
