import { OB_CONTEXT, W3C_CONTEXT } from "../Credential";
import type { Language } from "../i18n/Language";
import { translate } from "../i18n/translate";
import type { LetterCredential } from "../kinds/LetterCredential";
import { renderLetter } from "../kinds/renderLetter";
import { vcIdentityObjects, type VcIdentityObject } from "./vcIdentityObjects";
import type { VcEnvelope } from "./VcEnvelope";
import { vcIssuerProfile } from "./vcIssuerProfile";
import { vcProof, type VcProof } from "./vcProof";

export const OB_SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

/** A certification letter as an Open Badges 3.0 `AchievementCredential` (SPEC §10.3). */
export interface LetterVcExport extends VcEnvelope<[typeof W3C_CONTEXT, typeof OB_CONTEXT], ["VerifiableCredential", "AchievementCredential"]> {
  description: string;
  /** A letter is valid for a stated period (SPEC §12.3). */
  validUntil: string;
  credentialSubject: {
    type: ["AchievementSubject"];
    identifier: VcIdentityObject[];
    achievement: {
      id: string;
      type: ["Achievement"];
      achievementType: "ext:CertificationLetter";
      name: string;
      description: string;
      criteria: { narrative: string };
      humanCode: string;
      inLanguage: Language;
    };
  };
  credentialSchema: [{ id: typeof OB_SCHEMA_ID; type: "1EdTechJsonSchemaValidator2019" }];
  proof: VcProof<LetterCredential>;
}

/**
 * Maps a letter to an OB 3.0 `AchievementCredential`: its title and body in one language with their fields filled
 * (as the page shows them), the template id as `humanCode`, and the signing office in the criteria. Nothing of a
 * letter can be hidden, so the mapping is the whole letter; the letter itself is carried as `proof.originalCredential`.
 */
export function exportLetterVc(credential: LetterCredential, language: Language): LetterVcExport {
  const subject = credential.credentialSubject;
  const { title, body } = renderLetter(credential, language);
  const narrative = translate("export.letter.criteria", { office: subject.signerOffice, issuer: credential.issuer.name })[language];
  return {
    "@context": [W3C_CONTEXT, OB_CONTEXT],
    id: credential.id,
    type: ["VerifiableCredential", "AchievementCredential"],
    name: title,
    description: body,
    issuer: vcIssuerProfile(credential.issuer, language),
    validFrom: credential.validFrom,
    validUntil: credential.validUntil,
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: vcIdentityObjects(subject, language),
      achievement: {
        id: `${credential.id}#achievement`,
        type: ["Achievement"],
        achievementType: "ext:CertificationLetter",
        name: title,
        description: body,
        criteria: { narrative },
        humanCode: subject.letter.template,
        inLanguage: language,
      },
    },
    credentialSchema: [{ id: OB_SCHEMA_ID, type: "1EdTechJsonSchemaValidator2019" }],
    proof: vcProof(credential),
  };
}
