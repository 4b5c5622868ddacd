import { AccreditationStatus, type BatchRecord } from "../chain/ChainReader";
import type { AnyCredential } from "../kinds/AnyCredential";
import type { CheckResult } from "../VerificationReport";
import { translate } from "../i18n/translate";
import { issuerUrlOnDomain } from "../issuerUrlOnDomain";
import type { ChainContext } from "./ChainContext";
import { checkResult, unreachable } from "./checkResult";

/**
 * ISSUER: at the block time the batch was anchored, the issuer was accredited and the signing key was one of its
 * authorised keys; and the names in the document are the names the registry holds for that issuer, so one
 * university cannot present itself under another's name. The registry applies SPEC §8.2 (a change dated t governs the
 * moments after t): later suspension does not affect earlier batches; a suspension governance back-dated to before the
 * anchoring does, for every `at`, since it states a past fact.
 */
export async function checkIssuer(credential: AnyCredential, chain: ChainContext, batch: BatchRecord): Promise<CheckResult> {
  const { reader, block } = chain;
  try {
    const registered = await reader.issuer(batch.issuerId, block.number);
    if (registered === null) return checkResult("ISSUER", "INVALID", "ISSUER_UNKNOWN", {}, { issuerId: batch.issuerId });
    const names = { nameEn: registered.nameEn, nameZh: registered.nameZh, domain: registered.domain };
    const name = { en: registered.nameEn, "zh-Hant": registered.nameZh };
    const authorised = await reader.isAuthorisedAt(batch.issuerId, batch.signer, batch.anchoredAt, block.number);
    if (!authorised) {
      const status = await reader.statusAt(batch.issuerId, batch.anchoredAt, block.number);
      if (status !== AccreditationStatus.Accredited) {
        const statusName = AccreditationStatus[status] as keyof typeof AccreditationStatus;
        const statusLabel = translate(`accreditation.${statusName}`);
        return checkResult("ISSUER", "INVALID", "ISSUER_NOT_ACCREDITED", { status: statusLabel }, { ...names, status: statusName });
      }
      return checkResult("ISSUER", "INVALID", "ISSUER_KEY_NOT_AUTHORISED", {}, { ...names, signer: batch.signer });
    }
    // A holder may hide the issuer's names; what is shown must be what the registry holds, compared as the names are
    // hashed (NFC, SPEC §3): a registry entry in decomposed form names the same university as the composed credential.
    const shownName = credential.issuer.name;
    const same = (a: string, b: string) => a.normalize("NFC") === b.normalize("NFC");
    if (shownName !== undefined && (!same(shownName.en, registered.nameEn) || !same(shownName["zh-Hant"], registered.nameZh))) {
      return checkResult("ISSUER", "INVALID", "ISSUER_NAME_MISMATCH", { name }, {
        ...names,
        documentName: shownName,
      });
    }
    // The web address a credential shows must be the university's own, or one university could send readers to another's.
    const url = credential.issuer.url;
    if (url !== undefined && !issuerUrlOnDomain(url, registered.domain)) {
      return checkResult("ISSUER", "INVALID", "ISSUER_URL_MISMATCH", { domain: registered.domain }, { ...names, documentUrl: url });
    }
    return checkResult("ISSUER", "VALID", "OK", { name }, names);
  } catch (error) {
    return unreachable("ISSUER", error);
  }
}
