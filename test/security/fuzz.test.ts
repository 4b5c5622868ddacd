/**
 * Property-based fuzzing of the verifier: random batches (random bilingual records, 1–6 credentials, some claims
 * hidden by the holder), then ONE random mutation of one credential file — a character of its JSON text, a value,
 * a member name, a deleted or added member, one hex digit of a proof element — and the real verifier over an
 * in-memory chain that anchors the genuine batch. Oracle: the mutated file is never VALID unless it means the same
 * thing (same canonical JSON: whitespace, NFC-equal text, member order) or only moves `leafIndex` to a position
 * with the same proof length and leaf-layer side, which SPEC §6 states is not bound (it locates, it does not
 * authenticate). FUZZ_RUNS sets the number of runs (default 200; the security run uses ≥ 5,000).
 */
import { expect } from "chai";
import fc from "fast-check";
import { canonicalize } from "../../core/src/canonicalize";
import type { Credential } from "../../core/src/Credential";
import { disclose } from "../../core/src/disclose";
import { expectedProofLength } from "../../core/src/merkle";
import { parseJson } from "../../core/src/parseJson";
import type { SignedBatch } from "../../core/src/signBatch";
import { arbitraryRecord } from "../core/helpers/records";
import { chainWith, issueBatch, text, verify } from "./helpers";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const HIDEABLE = [
  "/issuer/name", "/issuer/url", "/credentialSubject/studentId", "/credentialSubject/name", "/credentialSubject/degree",
  "/credentialSubject/major", "/credentialSubject/honours", "/credentialSubject/awardDate", "/credentialSubject/gpa",
  "/credentialSubject/dateOfBirth",
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path in the document (containers and primitives), proof included. */
function paths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)) {
      const path = [...prefix, key];
      out.push(path);
      paths(child as Json, path, out);
    }
  }
  return out;
}

function parentOf(document: Json, path: Path): { parent: Record<string | number, Json>; key: string | number } {
  let node = document as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  return { parent: node, key: path[path.length - 1]! };
}

const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant("0x" + "00".repeat(32)),
  fc.constant([] as Json[]),
  fc.constant({} as Json),
  fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 2 }),
);

const HEX = "0123456789abcdef";
const TEXT_UNITS = ['"', "\\", "{", "}", "[", "]", ",", ":", " ", "0", "1", "9", "a", "f", "e", "-", ".", "x", "A", "é", "陳", "\u0301", "\ud800", "\u0000", "n", "t"];

type Mutation =
  | { kind: "replace"; pick: number; value: Json }
  | { kind: "delete"; pick: number }
  | { kind: "rename"; pick: number; name: string }
  | { kind: "insert"; pick: number; name: string; value: Json }
  | { kind: "hex"; pick: number; at: number; digit: number }
  | { kind: "char"; at: number; op: "set" | "insert" | "delete"; unit: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: jsonValue }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("rename" as const), pick: fc.nat(), name: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("en", "gpa", "/id", "salts", "zh-Hant", "proof")) }),
  fc.record({ kind: fc.constant("insert" as const), pick: fc.nat(), name: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("gpa", "/credentialSubject/gpa", "validUntil", "hiddenClaims")), value: jsonValue }),
  fc.record({ kind: fc.constant("hex" as const), pick: fc.nat(), at: fc.nat(), digit: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ kind: fc.constant("char" as const), at: fc.nat(), op: fc.constantFrom("set" as const, "insert" as const, "delete" as const), unit: fc.constantFrom(...TEXT_UNITS) }),
);

/** Applies the mutation to the file text; null when it does not apply (e.g. no hex string to flip). */
function mutate(original: string, m: Mutation): string | null {
  if (m.kind === "char") {
    const at = m.at % (original.length + (m.op === "insert" ? 1 : 0));
    if (m.op === "delete") return original.slice(0, at) + original.slice(at + 1);
    if (m.op === "insert") return original.slice(0, at) + m.unit + original.slice(at);
    return original.slice(0, at) + m.unit + original.slice(at + 1);
  }
  const document = JSON.parse(original) as Json;
  const all = paths(document);
  if (m.kind === "hex") {
    const hexPaths = all.filter((p) => {
      const { parent, key } = parentOf(document, p);
      return typeof parent[key] === "string" && /^0x[0-9a-f]+$/.test(parent[key] as string);
    });
    if (hexPaths.length === 0) return null;
    const { parent, key } = parentOf(document, hexPaths[m.pick % hexPaths.length]!);
    const value = parent[key] as string;
    const at = 2 + (m.at % (value.length - 2));
    const digit = HEX[(HEX.indexOf(value[at]!) + m.digit) % 16]!;
    parent[key] = value.slice(0, at) + digit + value.slice(at + 1);
    return JSON.stringify(document, null, 2);
  }
  if (m.kind === "insert") {
    const objects = [[], ...all].filter((p) => {
      const node = p.length === 0 ? document : parentOf(document, p).parent[parentOf(document, p).key];
      return node !== null && typeof node === "object" && !Array.isArray(node);
    });
    const path = objects[m.pick % objects.length]!;
    const node = (path.length === 0 ? document : parentOf(document, path).parent[parentOf(document, path).key]) as Record<string, Json>;
    if (Object.hasOwn(node, m.name) || ["__proto__", "constructor", "prototype"].includes(m.name)) return null;
    node[m.name] = m.value;
    return JSON.stringify(document, null, 2);
  }
  const path = all[m.pick % all.length]!;
  const { parent, key } = parentOf(document, path);
  if (m.kind === "replace") {
    parent[key] = m.value;
  } else if (m.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    if (Array.isArray(parent) || m.name === key || Object.hasOwn(parent, m.name) || ["__proto__", "constructor", "prototype"].includes(m.name)) return null;
    const entries = Object.entries(parent).map(([k, v]) => [k === key ? m.name : k, v] as const);
    for (const k of Object.keys(parent)) delete parent[k];
    for (const [k, v] of entries) parent[k] = v;
  }
  return JSON.stringify(document, null, 2);
}

/** What the oracle allows to stay VALID: the same meaning, or a leafIndex move the commutative tree cannot see. */
function allowedToVerify(original: string, mutated: string): boolean {
  let after: Record<string, unknown> & { proof?: Record<string, unknown> };
  try {
    after = parseJson(mutated) as typeof after;
  } catch {
    return false;
  }
  const before = JSON.parse(original) as Credential;
  let same: boolean;
  try {
    same = canonicalize(after) === canonicalize(before);
  } catch {
    return false;
  }
  if (same) return true;
  const index = after.proof?.leafIndex;
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= before.proof.batchSize) return false;
  const moved = { ...after, proof: { ...after.proof, leafIndex: before.proof.leafIndex } };
  try {
    if (canonicalize(moved) !== canonicalize(before)) return false;
  } catch {
    return false;
  }
  const { leafIndex, batchSize } = before.proof;
  return expectedProofLength(index, batchSize) === expectedProofLength(leafIndex, batchSize) && index % 2 === leafIndex % 2;
}

const AT = new Date("2027-01-01T00:00:00Z");

const batchArbitrary = fc
  .record({
    records: fc.array(arbitraryRecord.map((r) => ({ ...r, awardDate: r.awardDate > "2026-01-01" ? "2026-01-01" : r.awardDate })), { minLength: 1, maxLength: 6 }),
    pick: fc.nat(),
    hide: fc.subarray(HIDEABLE, { maxLength: 4 }),
  });

describe("security: property-based fuzzing of credential files", function () {
  this.timeout(Math.max(120_000, RUNS * 200));

  it(`a single random mutation anywhere in a credential file is never VALID (${RUNS} runs)`, async () => {
    const cache = new Map<string, SignedBatch>();
    let mutatedVerdicts = 0;
    await fc.assert(
      fc.asyncProperty(batchArbitrary, mutation, async ({ records, pick, hide }, m) => {
        const key = JSON.stringify(records);
        const batch = cache.get(key) ?? (await issueBatch({ records }));
        cache.set(key, batch);
        if (cache.size > 50) cache.clear();
        const chain = chainWith(batch);
        const issued = batch.credentials[pick % batch.credentials.length]!;
        const present = hide.filter((pointer) => {
          const [, top, member] = pointer.split("/") as [string, "issuer" | "credentialSubject", string];
          return Object.hasOwn(issued[top] as object, member);
        });
        const credential = disclose(issued, present);
        const original = text(credential);
        const genuine = await verify(chain, original, AT);
        expect(genuine.status, JSON.stringify(genuine.checks)).to.equal("VALID");

        const mutated = mutate(original, m);
        if (mutated === null || mutated === original) return;
        const report = await verify(chain, mutated, AT);
        mutatedVerdicts++;
        if (report.status === "VALID") {
          expect(allowedToVerify(original, mutated), `VALID after ${JSON.stringify(m)}:\n${mutated}`).to.equal(true);
        }
      }),
      { numRuns: RUNS },
    );
    expect(mutatedVerdicts).to.be.greaterThan(RUNS / 2);
  });

  it("the verifier never throws and never says VALID for random JSON text", async () => {
    const chain = chainWith();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify({ proof: v }))), async (input) => {
        const report = await verify(chain, input, AT);
        expect(report.status).to.not.equal("VALID");
      }),
      { numRuns: Math.min(RUNS, 1000) },
    );
  });
});
