import { OB_CONTEXT, W3C_CONTEXT } from "../Credential";
import { formatDate } from "../i18n/formatDate";
import type { Language } from "../i18n/Language";
import { translate } from "../i18n/translate";
import type { TranscriptCourse, TranscriptCredential, TranscriptTerm } from "../kinds/TranscriptCredential";
import { LIST_SEPARATOR } from "./listSeparator";
import { vcIdentityObjects, type VcIdentityObject } from "./vcIdentityObjects";
import type { VcEnvelope } from "./VcEnvelope";
import { vcIssuerProfile } from "./vcIssuerProfile";
import { vcProof, type VcProof } from "./vcProof";
import { vcResults, type VcResult, type VcResultDescription, type VcResultStatus } from "./vcResults";

export const CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";
export const CLR_SCHEMA_ID = "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json";

/** An OB 3.0 `Achievement` as the CLR lists it: the programme or one course. */
export interface ClrAchievement {
  id: string;
  type: ["Achievement"];
  achievementType: "LearningProgram" | "Course";
  name: string;
  description: string;
  criteria: { narrative: string };
  humanCode?: string;
  creditsAvailable?: number;
  inLanguage: Language;
  resultDescription?: VcResultDescription[];
}

/** One OB 3.0 `AchievementCredential` inside the CLR: the programme's or one course's, not signed on its own. */
export interface ClrAchievementCredential extends VcEnvelope<[typeof W3C_CONTEXT, typeof OB_CONTEXT], ["VerifiableCredential", "AchievementCredential"]> {
  credentialSubject: {
    type: ["AchievementSubject"];
    identifier?: VcIdentityObject[];
    achievement: ClrAchievement;
    result?: VcResult[];
    creditsEarned?: number;
    term?: string;
    activityStartDate?: string;
    activityEndDate?: string;
  };
}

/** A transcript as a 1EdTech CLR 2.0 `ClrCredential` (SPEC §10.2). */
export interface ClrExport extends VcEnvelope<[typeof W3C_CONTEXT, typeof CLR_CONTEXT, typeof OB_CONTEXT], ["VerifiableCredential", "ClrCredential"]> {
  description: string;
  credentialSubject: {
    type: ["ClrSubject"];
    identifier?: VcIdentityObject[];
    achievement: ClrAchievement[];
    verifiableCredential: ClrAchievementCredential[];
    association: { type: "Association"; associationType: "isParentOf"; sourceId: string; targetId: string }[];
  };
  credentialSchema: [{ id: typeof CLR_SCHEMA_ID; type: "1EdTechJsonSchemaValidator2019" }];
  proof: VcProof<TranscriptCredential>;
}

const STATUS: Record<TranscriptCredential["credentialSubject"]["status"], VcResultStatus> = {
  completed: "Completed",
  "in-progress": "InProgress",
  withdrawn: "Withdrew",
};

const midnight = (date: string) => `${date}T00:00:00Z`;
const twoDecimals = (value: number | undefined) => (value === undefined ? undefined : value.toFixed(2));

/**
 * Maps a transcript to a CLR 2.0 `ClrCredential`: one `AchievementCredential` for the programme (status, credits,
 * cumulative and term GPAs) and one per course in term order (grade as issued, grade points, mark, marker, credits,
 * term), each achievement also listed in `achievement` and tied to the programme by an `isParentOf` association.
 * Like the award's export it is a pure function of the credential and one language, reads only what the transcript
 * shows (a hidden section is absent), and carries the transcript itself as `proof.originalCredential`.
 */
export function exportTranscriptClr(credential: TranscriptCredential, language: Language): ClrExport {
  const subject = credential.credentialSubject;
  const text = (key: Parameters<typeof translate>[0], params?: Parameters<typeof translate>[1]) => translate(key, params)[language];
  const issuer = vcIssuerProfile(credential.issuer, language);
  const identifier = vcIdentityObjects(subject, language);
  const holder = identifier.length === 0 ? {} : { identifier };
  const validity = { validFrom: credential.validFrom, ...(credential.validUntil === undefined ? {} : { validUntil: credential.validUntil }) };
  const programme = subject.programme[language];
  const statusDate = subject.completionDate ?? subject.asOf ?? subject.withdrawalDate;
  const statusText = text(`transcript.status.${subject.status}`, { date: formatDate(statusDate as string, language) });

  const programmeId = `${credential.id}#programme`;
  const programmeResults = vcResults(`${programmeId}/achievement`);
  programmeResults.add("status", text("transcript.status"), "Status", statusText, STATUS[subject.status]);
  programmeResults.add("gpa", text("transcript.cumulativeGpa"), "GradePointAverage", twoDecimals(subject.cumulativeGpa));
  subject.terms.forEach((term) => programmeResults.add(`term/${encodeURIComponent(term.id)}/gpa`, text("export.result.termGpa", { term: term.name }), "GradePointAverage", twoDecimals(term.gpa)));
  programmeResults.add("creditsAttempted", text("transcript.creditsAttempted"), "Result", twoDecimals(subject.creditsAttempted));
  const programmeAchievement: ClrAchievement = {
    id: `${programmeId}/achievement`,
    type: ["Achievement"],
    achievementType: "LearningProgram",
    name: programme,
    description: [programme, text(`transcript.studyMode.${subject.studyMode}`), statusText].join(LIST_SEPARATOR[language]),
    criteria: { narrative: text("export.transcript.criteria") },
    inLanguage: language,
    resultDescription: programmeResults.descriptions,
  };
  const programmeCredential: ClrAchievementCredential = {
    "@context": [W3C_CONTEXT, OB_CONTEXT],
    id: programmeId,
    type: ["VerifiableCredential", "AchievementCredential"],
    name: programme,
    issuer,
    ...validity,
    ...(subject.completionDate === undefined ? {} : { awardedDate: midnight(subject.completionDate) }),
    credentialSubject: {
      type: ["AchievementSubject"],
      ...holder,
      achievement: programmeAchievement,
      result: programmeResults.results,
      creditsEarned: subject.creditsEarned,
      activityStartDate: midnight(subject.admissionDate),
      ...(subject.status === "in-progress" ? {} : { activityEndDate: midnight(statusDate as string) }),
    },
  };

  const courseCredential = (term: TranscriptTerm, course: TranscriptCourse): ClrAchievementCredential => {
    const id = `${credential.id}#term/${encodeURIComponent(term.id)}/course/${encodeURIComponent(course.code)}`;
    const results = vcResults(`${id}/achievement`);
    results.add("grade", text("transcript.course.grade"), /^\d+$/.test(course.grade) ? "RawScore" : "LetterGrade", course.grade);
    results.add("gradePoints", text("transcript.course.gradePoints"), "Result", twoDecimals(course.gradePoints));
    results.add("mark", text("transcript.course.mark"), "RawScore", twoDecimals(course.mark));
    results.add("marker", text("transcript.course.note"), "Result", course.marker === undefined ? undefined : text(`transcript.marker.${course.marker}`));
    const title = course.title[language];
    return {
      "@context": [W3C_CONTEXT, OB_CONTEXT],
      id,
      type: ["VerifiableCredential", "AchievementCredential"],
      name: title,
      issuer,
      ...validity,
      credentialSubject: {
        type: ["AchievementSubject"],
        ...holder,
        achievement: {
          id: `${id}/achievement`,
          type: ["Achievement"],
          achievementType: "Course",
          name: title,
          description: `${course.code} ${title}`,
          criteria: { narrative: text("export.course.criteria") },
          humanCode: course.code,
          creditsAvailable: course.credits,
          inLanguage: language,
          resultDescription: results.descriptions,
        },
        result: results.results,
        term: term.name[language],
        activityStartDate: midnight(term.startDate),
      },
    };
  };
  const courses = subject.terms.flatMap((term) => term.courses.map((course) => courseCredential(term, course)));

  const name = text("export.transcript.name", { programme: subject.programme });
  return {
    "@context": [W3C_CONTEXT, CLR_CONTEXT, OB_CONTEXT],
    id: credential.id,
    type: ["VerifiableCredential", "ClrCredential"],
    name,
    description: programmeAchievement.description,
    issuer,
    ...validity,
    ...(subject.completionDate === undefined ? {} : { awardedDate: midnight(subject.completionDate) }),
    credentialSubject: {
      type: ["ClrSubject"],
      ...holder,
      achievement: [programmeAchievement, ...courses.map((course) => course.credentialSubject.achievement)],
      verifiableCredential: [programmeCredential, ...courses],
      association: courses.map((course) => ({
        type: "Association",
        associationType: "isParentOf",
        sourceId: programmeAchievement.id,
        targetId: course.credentialSubject.achievement.id,
      })),
    },
    credentialSchema: [{ id: CLR_SCHEMA_ID, type: "1EdTechJsonSchemaValidator2019" }],
    proof: vcProof(credential),
  };
}
