import type { GradingScale } from "../kinds/GradingScale";

export interface PrintOptions {
  /** The link the QR code opens (a `#c=` or `#share=` link to a verifier). */
  link: string;
  /** The QR code of `link` as a data: URL (PNG). */
  qrDataUrl: string;
  /**
   * A transcript's grading scale, already checked against the CID the transcript names (readGradingScale): its legend
   * is printed after the terms. Without it the sheet says the legend is published apart.
   */
  gradingScale?: GradingScale;
}
