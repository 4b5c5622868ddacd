import { buildCredential, type IssuerProfile } from "../buildCredential";
import type { GraduateRecord } from "../GraduateRecord";
import type { AnyUnsignedCredential } from "./AnyCredential";
import { buildLetterCredential } from "./buildLetterCredential";
import { buildTranscriptCredential } from "./buildTranscriptCredential";
import type { IssueKind, KindRecord } from "./IssueKind";
import type { LetterRecord } from "./LetterTemplate";
import type { TranscriptRecord } from "./TranscriptRecord";

/** One record of `kind` (as parseKindFile gave it) → its credential without proof, built by the kind's builder. */
export function buildKindCredential(record: KindRecord, issuer: IssuerProfile, kind: IssueKind): AnyUnsignedCredential {
  switch (kind.kind) {
    case "transcript":
      return buildTranscriptCredential(record as TranscriptRecord, issuer, kind.scale);
    case "letter":
      return buildLetterCredential(record as LetterRecord, kind.template, issuer);
    default:
      return buildCredential(record as GraduateRecord, issuer);
  }
}
