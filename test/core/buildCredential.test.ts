import { expect } from "chai";
import fc from "fast-check";
import { buildCredential } from "../../core/src/buildCredential";
import { UnsignedCredential } from "../../core/src/Credential";
import { InputValidationError } from "../../core/src/errors";
import { ISSUER, POSTGRADUATE_RECORD, RECORD, arbitraryRecord } from "./helpers/records";

describe("buildCredential", function () {
  this.timeout(30_000);

  it("builds the SPEC §1 document", () => {
    const credential = buildCredential(RECORD, ISSUER, { id: "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11" });
    expect(credential).to.deep.equal({
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      id: "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11",
      type: ["VerifiableCredential", "OpenBadgeCredential", "DegreeCredential"],
      issuer: {
        id: "did:pkh:eip155:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        type: ["Profile"],
        name: { en: "Harbour University", "zh-Hant": "海港大學" },
        url: "https://harbour.example.edu",
      },
      validFrom: "2026-06-30T00:00:00Z",
      validUntil: "2031-06-30T23:59:59Z",
      credentialSubject: {
        type: ["AchievementSubject"],
        studentId: "HU2026001",
        name: { en: "Chan Tai Man", "zh-Hant": "陳大文" },
        degree: { en: "Bachelor of Science", "zh-Hant": "理學士" },
        major: { en: "Chemistry", "zh-Hant": "化學" },
        honours: { en: "First Class Honours", "zh-Hant": "一級榮譽" },
        awardDate: "2026-06-30",
        gpa: 3.61,
        dateOfBirth: "2003-04-01",
      },
    });
  });

  it("omits optional members, checksums the issuer and draws a fresh uuid", () => {
    const { gpa: _g, dateOfBirth: _d, validUntil: _v, ...minimal } = RECORD;
    const { domain: _domain, ...issuer } = ISSUER;
    const credential = buildCredential(minimal, { ...issuer, id: issuer.id.toLowerCase(), nameEn: "Cafe\u0301" });
    expect(credential).not.to.have.property("validUntil");
    expect(credential.credentialSubject).not.to.have.keys("gpa", "dateOfBirth");
    expect(credential.issuer).not.to.have.property("url");
    expect(credential.issuer.id).to.equal("did:pkh:eip155:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    expect(credential.issuer.name?.en).to.equal("Caf\u00e9");
    expect(credential.id).to.match(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(buildCredential(minimal, ISSUER).id).not.to.equal(credential.id);
  });

  it("gives an award without honours no honours claim at all, not an empty one", () => {
    const credential = buildCredential(POSTGRADUATE_RECORD, ISSUER);
    expect(credential.credentialSubject).to.have.keys("type", "studentId", "name", "degree", "major", "awardDate");
    expect(UnsignedCredential.safeParse(credential).success).to.equal(true);
  });

  it("refuses records that cannot make a valid credential", () => {
    expect(() => buildCredential({ ...RECORD, validUntil: "2026-06-29" }, ISSUER)).to.throw(InputValidationError);
    expect(() => buildCredential(RECORD, { ...ISSUER, id: "0x70997970C51812DC3A010C7d01b50e0d17dc79C8" })).to.throw();
  });

  it("always yields a schema-valid document for valid records", () => {
    fc.assert(
      fc.property(arbitraryRecord, (record) => {
        fc.pre(record.validUntil === undefined || record.validUntil >= record.awardDate);
        expect(UnsignedCredential.safeParse(buildCredential(record, ISSUER)).success).to.equal(true);
      }),
    );
  });
});
