export interface PrintOptions {
  /** The link the QR code opens (a `#c=` or `#share=` link to a verifier). */
  link: string;
  /** The QR code of `link` as a data: URL (PNG). */
  qrDataUrl: string;
}
