import { printLayout, type AnyCredential, type GradingScale } from "@credanchor/core/protocol";
import { renderPrintSheet } from "./renderPrintSheet";

/**
 * Prints core's A4 layout of `credential` (core/print: the very sheet `credanchor print` renders — a transcript over
 * as many pages as it needs, each with the university, its page number and the QR code) with a QR code of `link`,
 * through the browser's print, and a transcript's grading-scale legend when the page obtained and checked it. False,
 * printing nothing, when the link is too long for any QR code.
 */
export async function printCredential(credential: AnyCredential, link: string, sheet: HTMLElement, gradingScale?: GradingScale): Promise<boolean> {
  const { default: QRCode } = await import("qrcode");
  let qrDataUrl: string;
  try {
    qrDataUrl = await QRCode.toDataURL(link, { errorCorrectionLevel: "L", margin: 4, scale: 4 });
  } catch {
    return false;
  }
  sheet.replaceChildren(renderPrintSheet(printLayout(credential, { link, qrDataUrl, ...(gradingScale === undefined ? {} : { gradingScale }) })));
  sheet.hidden = false;
  document.body.classList.add("printing-credential");
  window.print();
  return true;
}
