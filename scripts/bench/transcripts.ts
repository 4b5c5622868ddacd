import * as fs from "node:fs";
import type { JsonRpcProvider, Wallet } from "ethers";
import { createCachedChainReader, createChainReader, createChainWriter, revokedLeavesFromLogs } from "@credanchor/core/chain";
import { buildTranscriptCredential, createDirectoryStore, issueCredentials, type IssuerProfile, parseTranscriptFile } from "@credanchor/core/issue";
import {
  type AnyCredential,
  createVerifyCache,
  type Deployment,
  GradingScale,
  gradingScaleBytes,
  TRANSCRIPT_SECTIONS,
  verifyParsedCredential,
} from "@credanchor/core/protocol";
import { openAttestationDocument, runOpenAttestation } from "./openAttestation";

export interface TranscriptBenchResult {
  count: number;
  courses: number;
  /** Ours runs on one thread here, as OpenAttestation does: the ratios compare one core with one core. */
  threads: 1;
  issuePerSec: number;
  verifyPerSec: number;
  oaIssuePerSec: number;
  oaVerifyPerSec: number;
  issueRatio: number;
  verifyRatio: number;
  /** Compact JSON of a signed transcript with its proof and salts, and of an OpenAttestation-wrapped one. */
  bytesPerCredential: number;
  oaBytesPerCredential: number;
  issueSeconds: { total: number; validate: number; build: number; wrapSignAnchor: number; serialise: number };
  verifySeconds: number;
  verifyStatuses: Record<string, number>;
}

/** The bench transcripts' grading scale: the Hong Kong 4.3 ladder with pass/fail (seeds/scales/ has the same kind). */
export const BENCH_SCALE: GradingScale = GradingScale.parse({
  type: "CredAnchorGradingScale",
  version: 1,
  id: "BENCH-4.3",
  name: { en: "Benchmark 4.3 grading scale", "zh-Hant": "基準測試 4.3 分評級制" },
  maxGpa: 4.3,
  grades: [
    ...([["A+", 4.3], ["A", 4], ["A-", 3.7], ["B+", 3.3], ["B", 3], ["B-", 2.7], ["C+", 2.3], ["C", 2], ["D", 1], ["F", 0]] as const).map(([grade, points]) => ({
      grade,
      points,
      passing: points > 0,
      legend: { en: `Grade ${grade}`, "zh-Hant": `${grade} 等` },
    })),
    { grade: "P", passing: true, legend: { en: "Pass", "zh-Hant": "及格" } },
  ],
});

const TERMS = 8;
const TITLES: [string, string][] = [
  ["Introduction to Chemistry", "化學導論"], ["Calculus", "微積分"], ["Academic English", "學術英語"], ["Practical Chinese Writing", "實用中文寫作"],
  ["Organic Chemistry", "有機化學"], ["Physical Chemistry", "物理化學"], ["Analytical Chemistry", "分析化學"], ["Research Methods", "研究方法"],
  ["Hong Kong Society and Culture", "香港社會與文化"], ["Capstone Project", "畢業專題"],
];
const LETTERS = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "D"];

/**
 * A registry's transcript file of `count` students with `courses` courses each over eight terms (README, "Transcript
 * and letter input"): one failed course per student, a pass/fail course per term, grade points, term and cumulative GPAs and
 * credits that add up. Deterministic for a given count; generating it is not timed.
 */
export function transcriptCsv(count: number, courses: number): string {
  const header =
    "student_id,name_en,name_zh,date_of_birth,programme_en,programme_zh,study_mode,admission_date,status,status_date,cumulative_gpa,credits_attempted,credits_earned,term,term_name_en,term_name_zh,term_start,term_gpa,course_code,course_title_en,course_title_zh,credits,grade,marker,mark";
  const lines = [header];
  const perTerm = Math.ceil(courses / TERMS);
  const points = (grade: string) => BENCH_SCALE.grades.find((entry) => entry.grade === grade)?.points;
  for (let s = 0; s < count; s++) {
    const grades = Array.from({ length: courses }, (_, c) => (c % perTerm === perTerm - 1 ? "P" : c === 3 ? "F" : (LETTERS[(s * 7 + c * 3) % LETTERS.length] as string)));
    const gpa = (list: string[]) => {
      const graded = list.map(points).filter((p): p is number => p !== undefined);
      return graded.length === 0 ? "" : (Math.round((graded.reduce((a, b) => a + b, 0) / graded.length) * 100) / 100).toFixed(2);
    };
    const student = `BT${String(20_260_000_000 + s)},Chan Tai Man ${s},陳大文,2003-04-01,Bachelor of Science in Chemistry,化學理學士,full-time,2022-09-01,completed,2026-06-30,${gpa(grades)},${3 * courses},${3 * (courses - 1)}`;
    for (let c = 0; c < courses; c++) {
      const term = Math.floor(c / perTerm);
      const year = 2022 + Math.floor(term / 2);
      const [en, zh] = TITLES[c % TITLES.length] as [string, string];
      const termColumns = `${year}-S${1 + (term % 2)},${year}/${String(year + 1).slice(2)} Semester ${1 + (term % 2)},${year}/${String(year + 1).slice(2)} 年度${term % 2 === 0 ? "上" : "下"}學期,${term % 2 === 0 ? `${year}-09-01` : `${year + 1}-01-15`}`;
      const termGpa = gpa(grades.slice(term * perTerm, (term + 1) * perTerm));
      lines.push(`${student},${termColumns},${termGpa},CHEM${1000 + c},${en} ${Math.floor(c / TITLES.length) + 1},${zh}（${Math.floor(c / TITLES.length) + 1}）,3,${grades[c]},,${60 + ((s + c) % 40)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const round = (value: number) => Number(value.toFixed(3));

/**
 * `npm run bench`'s transcript part (issue 15): issues `count` transcripts of `courses` courses as one batch through
 * the real path on one thread — validate the registry's file, build, salt and hash every claim, tree, sign, store the
 * manifest, anchor, serialise —, verifies every one offline against one cached read of the chain, and runs
 * OpenAttestation's wrapDocuments/verifySignature on the same transcript content.
 */
export async function benchTranscripts(options: {
  count: number;
  courses: number;
  signer: Wallet;
  provider: JsonRpcProvider;
  deployment: Deployment;
  issuer: IssuerProfile;
  storeDir: string;
  log(message: string): void;
}): Promise<TranscriptBenchResult> {
  const { count, courses, signer, provider, deployment, issuer, log } = options;
  const csv = transcriptCsv(count, courses);
  const store = createDirectoryStore(options.storeDir, fs);
  await store.put(gradingScaleBytes(BENCH_SCALE));
  log(`transcripts: issuing ${count} of ${courses} courses on one thread…`);

  const started = performance.now();
  const parsed = parseTranscriptFile(csv, "csv", { scale: BENCH_SCALE, hideable: TRANSCRIPT_SECTIONS, maxRows: count * courses });
  if (parsed.errorCount > 0) throw new Error(`transcript file has errors: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const validateSeconds = seconds(started);
  const unsigned = parsed.records.map((record) => buildTranscriptCredential(record, issuer, BENCH_SCALE));
  const buildSeconds = seconds(started) - validateSeconds;
  const issued = await issueCredentials(unsigned, { issuer, anchor: deployment.anchor, signer, writer: createChainWriter(signer, deployment), store });
  const wrapSeconds = seconds(started) - validateSeconds - buildSeconds;
  const files = issued.batch.credentials.map((credential) => JSON.stringify(credential));
  const issueSeconds = seconds(started);
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file), 0);
  log(`transcripts: issued ${count} in ${issueSeconds.toFixed(2)} s; ${Math.round(bytes / count)} B/transcript`);

  const verifyStarted = performance.now();
  const reader = createCachedChainReader(createChainReader(provider, deployment), { revokedLeaves: revokedLeavesFromLogs(provider, deployment.anchor) });
  await reader.prefetchBatch(issuer.id, issued.batch.root);
  const verifyOptions = { reader, deployment, cache: createVerifyCache() };
  const statuses: Record<string, number> = {};
  for (const file of files) {
    const report = await verifyParsedCredential(JSON.parse(file) as AnyCredential, verifyOptions);
    statuses[report.status] = (statuses[report.status] ?? 0) + 1;
  }
  const verifySeconds = seconds(verifyStarted);
  if (statuses.VALID !== count) throw new Error(`not every transcript verified VALID: ${JSON.stringify(statuses)}`);
  log(`transcripts: verified ${count} in ${verifySeconds.toFixed(2)} s`);
  files.length = 0;

  log(`transcripts: OpenAttestation on the same ${count}…`);
  const oa = runOpenAttestation(unsigned.map((credential) => openAttestationDocument(credential, deployment.anchor, "TRANSCRIPT")));
  if (!oa.allVerified) throw new Error("OpenAttestation failed to verify its own transcripts");
  log(`transcripts: OpenAttestation wrap ${oa.wrapSeconds.toFixed(2)} s, verify ${oa.verifySeconds.toFixed(2)} s, ${oa.wrappedBytesAverage.toFixed(0)} B/document`);

  const issuePerSec = count / issueSeconds;
  const verifyPerSec = count / verifySeconds;
  const oaIssuePerSec = oa.n / oa.wrapSeconds;
  const oaVerifyPerSec = oa.n / oa.verifySeconds;
  return {
    count,
    courses,
    threads: 1,
    issuePerSec: Math.round(issuePerSec),
    verifyPerSec: Math.round(verifyPerSec),
    oaIssuePerSec: Math.round(oaIssuePerSec),
    oaVerifyPerSec: Math.round(oaVerifyPerSec),
    issueRatio: Number((issuePerSec / oaIssuePerSec).toFixed(2)),
    verifyRatio: Number((verifyPerSec / oaVerifyPerSec).toFixed(2)),
    bytesPerCredential: Math.round(bytes / count),
    oaBytesPerCredential: Math.round(oa.wrappedBytesAverage),
    issueSeconds: { total: round(issueSeconds), validate: round(validateSeconds), build: round(buildSeconds), wrapSignAnchor: round(wrapSeconds), serialise: round(issueSeconds - validateSeconds - buildSeconds - wrapSeconds) },
    verifySeconds: round(verifySeconds),
    verifyStatuses: statuses,
  };
}
