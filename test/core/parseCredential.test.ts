import { expect } from "chai";
import { CredentialFormatError, JsonFormatError } from "../../core/src/errors";
import { parseCredential } from "../../core/src/parseCredential";
import { sampleCredential } from "./helpers/sampleCredential";

function errorOf(text: string): CredentialFormatError | JsonFormatError {
  try {
    parseCredential(text);
  } catch (error) {
    return error as CredentialFormatError;
  }
  throw new Error("expected parseCredential to throw");
}

describe("parseCredential", () => {
  it("parses a valid credential", () => {
    expect(parseCredential(JSON.stringify(sampleCredential())).credentialSubject.gpa).to.equal(3.61);
  });

  it("reports JSON problems with their FORMAT code before the schema", () => {
    const text = JSON.stringify(sampleCredential()).replace('"gpa":3.61', '"gpa":3.61,"gpa":4');
    const error = errorOf(text);
    expect(error).to.be.instanceOf(JsonFormatError);
    expect(error.code).to.equal("FORMAT_DUPLICATE_KEY");
  });

  it("reports schema mismatches as FORMAT_SCHEMA with pointer paths", () => {
    const credential = sampleCredential();
    credential.credentialSubject["major/x"] = "Chemistry";
    const error = errorOf(JSON.stringify(credential));
    expect(error).to.be.instanceOf(CredentialFormatError);
    expect(error.code).to.equal("FORMAT_SCHEMA");
    expect(error.details).to.deep.equal([{ path: "/credentialSubject", message: 'Unrecognized key: "major/x"' }]);
  });

  it("reports a salt of the wrong length as FORMAT_SALT_INVALID", () => {
    const credential = sampleCredential();
    credential.proof.salts = { "/id": `0x${"ab".repeat(31)}` };
    const error = errorOf(JSON.stringify(credential));
    expect(error.code).to.equal("FORMAT_SALT_INVALID");
    expect(error.details).to.deep.equal([{ path: "/proof/salts/~1id", message: "must be 32 bytes of lowercase hex" }]);
    credential.proof.salts = { bad: `0x${"ab".repeat(32)}` };
    expect(errorOf(JSON.stringify(credential)).code).to.equal("FORMAT_SCHEMA");
  });
});
