import { canonicalize } from "./canonicalize";
import { OB_CONTEXT, W3C_CONTEXT, type Credential } from "./Credential";
import { LANGUAGES, type Language, type LocalisedText } from "./i18n/Language";
import { translate } from "./i18n/translate";
import type { AnyCredential } from "./kinds/AnyCredential";
import { isLetter, isTranscript } from "./kinds/kindOf";
import type { LetterCredential } from "./kinds/LetterCredential";
import { parseAnyCredential } from "./kinds/parseAnyCredential";
import type { TranscriptCredential } from "./kinds/TranscriptCredential";
import { parseJson } from "./parseJson";
import { exportLetterVc, type LetterVcExport } from "./vc/exportLetterVc";
import { exportTranscriptClr, type ClrExport } from "./vc/exportTranscriptClr";
import { LIST_SEPARATOR } from "./vc/listSeparator";
import { vcIdentityObjects, type VcIdentityObject } from "./vc/vcIdentityObjects";
import { vcIssuerProfile } from "./vc/vcIssuerProfile";
import type { VcEnvelope } from "./vc/VcEnvelope";
import { vcProof, type VcProof } from "./vc/vcProof";
import { vcResults, type VcResult, type VcResultDescription } from "./vc/vcResults";

/** A CredAnchor credential as a W3C VC 2.0 / Open Badges 3.0 `OpenBadgeCredential` (SPEC §10). */
export interface VcExport extends VcEnvelope<[typeof W3C_CONTEXT, typeof OB_CONTEXT], ["VerifiableCredential", "OpenBadgeCredential"]> {
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
  proof: VcProof<Credential>;
}

/** What `exportVc` makes of a credential of any kind. */
export type AnyVcExport = VcExport | ClrExport | LetterVcExport;

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
 * Maps an award to an OpenBadgeCredential whose visible members are a pure function of the credential and the
 * language: OB 3.0 text members are single strings, so one language is chosen and both stay in the embedded
 * original. Hidden claims are simply absent, because the mapping only reads what the credential shows, and the
 * original is embedded as it is, hidden claims still hidden. Nothing here is signed anew: what makes the export
 * verifiable is the embedded original (`readVcExport`).
 */
function exportAward(credential: Credential, language: Language): VcExport {
  const subject = credential.credentialSubject;
  const pick = (text: LocalisedText | undefined) => (text === undefined ? undefined : text[language]);
  const degree = pick(subject.degree) ?? translate("export.degreeHidden")[language];
  const major = pick(subject.major);
  const honours = pick(subject.honours);
  const achievementId = `${credential.id}#achievement`;
  const identifier = vcIdentityObjects(subject, language);
  const results = vcResults(achievementId);
  results.add("honours", translate("export.result.honours")[language], "Result", honours);
  results.add("gpa", translate("export.result.gpa")[language], "GradePointAverage", subject.gpa === undefined ? undefined : subject.gpa.toFixed(2));

  return {
    "@context": [W3C_CONTEXT, OB_CONTEXT],
    id: credential.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: degree,
    issuer: vcIssuerProfile(credential.issuer, language),
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
        ...(results.descriptions.length === 0 ? {} : { resultDescription: results.descriptions }),
      },
      ...(results.results.length === 0 ? {} : { result: results.results }),
    },
    proof: vcProof(credential),
  };
}

/**
 * The export of a credential in one language (SPEC §10): an award as an Open Badges 3.0 `OpenBadgeCredential`, a
 * transcript as a CLR 2.0 `ClrCredential`, a letter as an OB 3.0 `AchievementCredential`. The one mapping the CLI
 * and every other surface use; each is unsigned and carries the credential as held in `proof.originalCredential`.
 */
export function exportVc(credential: Credential, language?: Language): VcExport;
export function exportVc(credential: TranscriptCredential, language?: Language): ClrExport;
export function exportVc(credential: LetterCredential, language?: Language): LetterVcExport;
export function exportVc(credential: AnyCredential, language?: Language): AnyVcExport;
export function exportVc(credential: AnyCredential, language: Language = "en"): AnyVcExport {
  if (isTranscript(credential)) return exportTranscriptClr(credential, language);
  if (isLetter(credential)) return exportLetterVc(credential, language);
  return exportAward(credential as Credential, language);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The original credential text carried by a VC export, or `undefined` when `text` is not one (then it is verified
 * as it is). The export's own members are trusted only if they are exactly `exportVc` of the embedded original in
 * one of the two languages: an export whose visible members were edited is returned unchanged, so the verifier
 * reports it as malformed (FORMAT_SCHEMA) instead of showing edited values beside a valid original.
 */
export function readVcExport(text: string): string | undefined {
  // Most texts are credentials, not exports: without the key `originalCredential`, spelled out or through a \u
  // escape (the only way JSON can spell a letter otherwise), there is nothing to read, and the strict parse of the
  // whole text, which verification makes anyway, is not made twice.
  if (!text.includes("originalCredential") && !text.includes("\\u")) return undefined;
  let document: unknown;
  try {
    document = parseJson(text);
  } catch {
    return undefined;
  }
  if (!isObject(document) || !isObject(document.proof) || !isObject(document.proof.originalCredential)) return undefined;
  const originalText = JSON.stringify(document.proof.originalCredential);
  let original: AnyCredential;
  try {
    original = parseAnyCredential(originalText);
  } catch {
    // A malformed original: verifying it reports exactly what is wrong with it.
    return originalText;
  }
  const exported = canonicalize(document);
  return LANGUAGES.some((language) => canonicalize(exportVc(original, language)) === exported) ? originalText : undefined;
}
