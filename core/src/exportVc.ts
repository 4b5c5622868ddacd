import { canonicalize } from "./canonicalize";
import { OB_CONTEXT, PROOF_TYPE, W3C_CONTEXT, type Credential } from "./Credential";
import { isLanguage, type Language, type LocalisedText } from "./i18n/Language";
import { translate } from "./i18n/translate";
import type { AnyCredential } from "./kinds/AnyCredential";
import { isAward } from "./kinds/kindOf";
import { parseAnyCredential } from "./kinds/parseAnyCredential";
import { parseJson } from "./parseJson";

/** Open Badges 3.0 `IdentityObject`: how OB 3.0 names a recipient without a DID. */
export interface VcIdentityObject {
  type: "IdentityObject";
  hashed: false;
  identityHash: string;
  identityType: "name" | "sisSourcedId" | "ext:dateOfBirth";
}

export interface VcResultDescription {
  id: string;
  type: ["ResultDescription"];
  name: string;
  resultType: "GradePointAverage" | "Result";
}

export interface VcResult {
  type: ["Result"];
  resultDescription: string;
  value: string;
}

/** A CredAnchor credential as a W3C VC 2.0 / Open Badges 3.0 `OpenBadgeCredential` (SPEC §10). */
export interface VcExport {
  "@context": [typeof W3C_CONTEXT, typeof OB_CONTEXT];
  id: string;
  type: ["VerifiableCredential", "OpenBadgeCredential"];
  name: string;
  issuer: { id: string; type: ["Profile"]; name?: string; url?: string };
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  credentialSubject: {
    type: ["AchievementSubject"];
    identifier?: VcIdentityObject[];
    achievement: {
      id: string;
      type: ["Achievement"];
      achievementType: "AssociateDegree" | "BachelorDegree" | "MasterDegree" | "DoctoralDegree" | "Degree";
      name: string;
      description: string;
      criteria: { narrative: string };
      fieldOfStudy?: string;
      inLanguage: Language;
      resultDescription?: VcResultDescription[];
    };
    result?: VcResult[];
  };
  proof: {
    type: typeof PROOF_TYPE;
    proofPurpose: "assertionMethod";
    verificationMethod: string;
    originalCredential: Credential;
  };
}

/** Punctuation, not words: the catalogues hold texts, and every zh-Hant text there must contain Chinese. */
const LIST_SEPARATOR: Record<Language, string> = { en: "; ", "zh-Hant": "；" };

/** OB 3.0 AchievementType from the English degree title; anything unrecognised is the generic "Degree". */
function achievementType(degreeEn: string | undefined): VcExport["credentialSubject"]["achievement"]["achievementType"] {
  if (degreeEn === undefined) return "Degree";
  if (/^associate\b/i.test(degreeEn)) return "AssociateDegree";
  if (/^bachelor\b/i.test(degreeEn)) return "BachelorDegree";
  if (/^master\b/i.test(degreeEn)) return "MasterDegree";
  if (/^doctor\b/i.test(degreeEn)) return "DoctoralDegree";
  return "Degree";
}

/**
 * Maps a credential to an OpenBadgeCredential whose visible members are a pure function of the credential and the
 * language: OB 3.0 text members are single strings, so one language is chosen and both stay in the embedded
 * original. Hidden claims are simply absent, because the mapping only reads what the credential shows, and the
 * original is embedded as it is, hidden claims still hidden. Nothing here is signed anew: what makes the export
 * verifiable is the embedded original (`readVcExport`).
 */
export function exportVc(credential: Credential, language: Language = "en"): VcExport {
  const subject = credential.credentialSubject;
  const pick = (text: LocalisedText | undefined) => (text === undefined ? undefined : text[language]);
  const degree = pick(subject.degree) ?? translate("export.degreeHidden")[language];
  const major = pick(subject.major);
  const honours = pick(subject.honours);
  const achievementId = `${credential.id}#achievement`;

  const identifier: VcIdentityObject[] = [];
  const identify = (identityHash: string | undefined, identityType: VcIdentityObject["identityType"]) => {
    if (identityHash !== undefined) identifier.push({ type: "IdentityObject", hashed: false, identityHash, identityType });
  };
  identify(pick(subject.name), "name");
  identify(subject.studentId, "sisSourcedId");
  identify(subject.dateOfBirth, "ext:dateOfBirth");

  const resultDescription: VcResultDescription[] = [];
  const result: VcResult[] = [];
  const addResult = (key: "honours" | "gpa", value: string | undefined, resultType: VcResultDescription["resultType"]) => {
    if (value === undefined) return;
    const id = `${achievementId}/${key}`;
    resultDescription.push({ id, type: ["ResultDescription"], name: translate(`export.result.${key}`)[language], resultType });
    result.push({ type: ["Result"], resultDescription: id, value });
  };
  addResult("honours", honours, "Result");
  addResult("gpa", subject.gpa === undefined ? undefined : subject.gpa.toFixed(2), "GradePointAverage");

  const issuerName = pick(credential.issuer.name);
  return {
    "@context": [W3C_CONTEXT, OB_CONTEXT],
    id: credential.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: degree,
    issuer: {
      id: credential.issuer.id,
      type: ["Profile"],
      ...(issuerName === undefined ? {} : { name: issuerName }),
      ...(credential.issuer.url === undefined ? {} : { url: credential.issuer.url }),
    },
    validFrom: credential.validFrom,
    ...(credential.validUntil === undefined ? {} : { validUntil: credential.validUntil }),
    ...(subject.awardDate === undefined ? {} : { awardedDate: `${subject.awardDate}T00:00:00Z` }),
    credentialSubject: {
      type: ["AchievementSubject"],
      ...(identifier.length === 0 ? {} : { identifier }),
      achievement: {
        id: achievementId,
        type: ["Achievement"],
        achievementType: achievementType(subject.degree?.en),
        name: degree,
        description: [degree, major, honours].filter((part) => part !== undefined).join(LIST_SEPARATOR[language]),
        criteria: { narrative: translate("export.criteria")[language] },
        ...(major === undefined ? {} : { fieldOfStudy: major }),
        inLanguage: language,
        ...(resultDescription.length === 0 ? {} : { resultDescription }),
      },
      ...(result.length === 0 ? {} : { result }),
    },
    proof: {
      type: PROOF_TYPE,
      proofPurpose: "assertionMethod",
      verificationMethod: `did:pkh:eip155:${credential.proof.chainId}:${credential.proof.signer}`,
      originalCredential: credential,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The original credential text carried by a VC export, or `undefined` when `text` is not one (then it is verified
 * as it is). The export's own members are trusted only if they are exactly `exportVc` of the embedded original in
 * the language it names: an export whose visible members were edited is returned unchanged, so the verifier reports
 * it as malformed (FORMAT_SCHEMA) instead of showing edited values beside a valid original.
 */
export function readVcExport(text: string): string | undefined {
  let document: unknown;
  try {
    document = parseJson(text);
  } catch {
    return undefined;
  }
  if (!isObject(document) || !isObject(document.proof) || !isObject(document.proof.originalCredential)) return undefined;
  const originalText = JSON.stringify(document.proof.originalCredential);
  const subject = document.credentialSubject;
  const language = isObject(subject) && isObject(subject.achievement) ? subject.achievement.inLanguage : undefined;
  if (typeof language !== "string" || !isLanguage(language)) return undefined;
  let original: AnyCredential;
  try {
    original = parseAnyCredential(originalText);
  } catch {
    // A malformed original: verifying it reports exactly what is wrong with it.
    return originalText;
  }
  // Only awards have an export (SPEC §10, §12): any other kind inside one is not an export, so no report is the original's.
  if (!isAward(original)) return undefined;
  return canonicalize(exportVc(original, language)) === canonicalize(document) ? originalText : undefined;
}
