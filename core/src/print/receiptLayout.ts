import type { LocalisedText } from "../i18n/Language";
import { localisedDate } from "../i18n/localisedDate";
import type { ProtocolMessageKey } from "../i18n/protocolCatalogues";
import { translate } from "../i18n/translate";
import type { VerificationReport } from "../VerificationReport";
import { bilingual } from "./bilingual";
import { printNode, type PrintNode } from "./PrintNode";

export interface ReceiptOptions {
  /** The verdict's cause (reportHeadline). */
  headline: LocalisedText;
  /** SHA-256 of the exact bytes verified, so the receipt names its file. */
  credentialSha256: string;
}

/**
 * The verification receipt as one bilingual A4 page (the JSON receipt's twin for a file cabinet): the verdict and
 * its cause, whom the credential names, each of the seven checks with its status and code, and the chain id, block
 * number and block hash it was verified at, with the time. A record of what the verifier saw, not a signature.
 */
export function receiptLayout(report: VerificationReport, options: ReceiptOptions): PrintNode {
  const rows: PrintNode[] = [];
  const row = (label: LocalisedText, ...value: (PrintNode | string)[]) =>
    rows.push(printNode("tr", {}, printNode("th", { scope: "row" }, ...bilingual(label)), printNode("td", {}, ...value)));
  const credential = report.credential;
  if (credential !== null) {
    row(translate("field.credentialId"), printNode("code", {}, credential.id));
    if (credential.subjectName !== undefined) row(translate("field.name"), ...bilingual(credential.subjectName));
    const issuer = report.checks.find((check) => check.check === "ISSUER" && check.status === "VALID")?.data;
    const university =
      typeof issuer?.nameEn === "string" && typeof issuer.nameZh === "string" ? { en: issuer.nameEn, "zh-Hant": issuer.nameZh } : credential.issuerName;
    row(translate("field.issuer"), ...(university === undefined ? [printNode("code", {}, credential.issuer)] : bilingual(university)));
  }
  for (const check of report.checks) {
    // One line per check, so the receipt stays on one page.
    const status = translate(`receipt.status.${check.status}` as ProtocolMessageKey);
    row(translate(`checkName.${check.check}`), `${status.en} · `, printNode("span", { lang: "zh-Hant" }, status["zh-Hant"]), " ", printNode("code", {}, check.code));
  }
  if (report.chain !== null) {
    row(translate("receipt.chain"), String(report.chain.chainId));
    row(translate("receipt.block"), String(report.chain.blockNumber), printNode("div", {}, printNode("code", {}, report.chain.blockHash)));
  }
  row(translate("receipt.verifiedAt"), ...bilingual(localisedDate(report.verifiedAt)));
  row(translate("receipt.sha256"), printNode("code", {}, options.credentialSha256));
  return printNode(
    "article",
    { class: "print-sheet receipt-sheet" },
    printNode("header", {}, printNode("h1", {}, ...bilingual(translate("receipt.title")))),
    printNode("p", { class: "receipt-verdict", "data-status": report.status }, ...bilingual(translate("receipt.verdict", { status: translate(`report.${report.status}`), headline: options.headline }))),
    printNode("table", { class: "print-claims" }, ...rows),
    printNode("footer", {}, printNode("p", {}, ...bilingual(translate("receipt.footer", { block: report.chain?.blockNumber ?? "—" })))),
  );
}
