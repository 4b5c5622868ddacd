import { buildCredential } from "../../../core/src/buildCredential";
import type { Credential } from "../../../core/src/Credential";
import { buildLetterCredential } from "../../../core/src/kinds/buildLetterCredential";
import { buildTranscriptCredential } from "../../../core/src/kinds/buildTranscriptCredential";
import type { LetterCredential } from "../../../core/src/kinds/LetterCredential";
import type { TranscriptCredential } from "../../../core/src/kinds/TranscriptCredential";
import { signBatch } from "../../../core/src/signBatch";
import { wrapBatch } from "../../../core/src/wrapBatch";
import { ANCHOR, ISSUER_KEY, REGISTERED } from "./anchoredBatch";
import { LETTER_RECORD, LETTER_TEMPLATE, SCALE, TRANSCRIPT_RECORD } from "./kindRecords";
import { RECORD } from "./records";

/** One signed batch holding an award, a transcript and a letter: kinds share hashing, the tree and the anchor. */
export async function mixedBatch(): Promise<{ award: Credential; transcript: TranscriptCredential; letter: LetterCredential }> {
  const issuer = { id: ISSUER_KEY.address, chainId: 31337, nameEn: REGISTERED.nameEn, nameZh: REGISTERED.nameZh, domain: REGISTERED.domain };
  const unsigned = [
    buildCredential({ ...RECORD, validUntil: "2030-06-30" }, issuer),
    buildTranscriptCredential(TRANSCRIPT_RECORD, issuer, SCALE),
    buildLetterCredential(LETTER_RECORD, LETTER_TEMPLATE, issuer),
  ];
  const signed = await signBatch(wrapBatch(unsigned, { chainId: 31337, anchor: ANCHOR, issuer: ISSUER_KEY.address, signer: ISSUER_KEY.address }), ISSUER_KEY);
  const [award, transcript, letter] = signed.credentials;
  return { award: award as Credential, transcript: transcript as unknown as TranscriptCredential, letter: letter as unknown as LetterCredential };
}
