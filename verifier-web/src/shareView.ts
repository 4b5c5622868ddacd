import { formatDate, type MessageParams } from "@credanchor/core/protocol";
import { h } from "./dom";
import { download } from "./download";
import { language, t, type MessageKey } from "./i18n";
import { createShareLink, shareLinkStatus, withdrawShareLink, type CreatedShareLink } from "./shareService";

type Message = { key: MessageKey; params?: MessageParams };

interface Shared extends CreatedShareLink {
  qrPng: string;
  qrSvg: string;
  opens?: number;
  withdrawn: boolean;
}

/** Loaded only when a graduate creates a link, so the verifier's own page script stays small. */
async function qrImages(link: string): Promise<{ qrPng: string; qrSvg: string }> {
  const { default: QRCode } = await import("qrcode");
  const options = { errorCorrectionLevel: "M" as const, margin: 4 };
  return { qrPng: await QRCode.toDataURL(link, { ...options, width: 360 }), qrSvg: await QRCode.toString(link, { ...options, type: "svg" }) };
}

function saveDataUrl(filename: string, dataUrl: string): void {
  const link = h("a", { href: dataUrl, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * "Share a link" under My credential: encrypts the (redacted) credential in the browser, stores the ciphertext on the
 * configured share service and shows the link, its QR code, how often it was opened, and a way to withdraw it.
 */
export class ShareView {
  private days = 7;
  private shared: Shared | undefined;
  private message: Message | undefined;
  private busy = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly serviceUrl: () => string | undefined,
    /** The credential text to share, with the claims currently ticked hidden; throws with a reason. */
    private readonly credentialText: () => Promise<string>,
  ) {}

  /** The link of the share made here, while it has not been withdrawn. */
  activeLink(): string | undefined {
    return this.shared === undefined || this.shared.withdrawn ? undefined : this.shared.link;
  }

  /** A new file was opened: the previous link belongs to the previous file. */
  reset(): void {
    this.shared = undefined;
    this.message = undefined;
  }

  private async create(): Promise<void> {
    const serviceUrl = this.serviceUrl();
    if (serviceUrl === undefined || this.busy) return;
    if (!Number.isInteger(this.days) || this.days < 1 || this.days > 90) {
      this.message = { key: "graduate.share.badDays" };
      return this.draw();
    }
    this.busy = true;
    try {
      const verifierUrl = new URL(location.pathname, location.origin).href;
      const created = await createShareLink(serviceUrl, await this.credentialText(), this.days, verifierUrl);
      this.shared = { ...created, ...(await qrImages(created.link)), opens: 0, withdrawn: false };
      this.message = undefined;
    } catch (error) {
      this.message = { key: "graduate.share.failed", params: { reason: error instanceof Error ? error.message : String(error) } };
    } finally {
      this.busy = false;
    }
    this.draw();
    this.container.querySelector<HTMLInputElement>("#share-link")?.focus();
  }

  private async refresh(withdraw: boolean): Promise<void> {
    const serviceUrl = this.serviceUrl();
    const shared = this.shared;
    if (serviceUrl === undefined || shared === undefined) return;
    try {
      const status = await (withdraw ? withdrawShareLink : shareLinkStatus)(serviceUrl, shared.id, shared.withdrawToken);
      shared.opens = status.opens;
      shared.withdrawn = status.state === "withdrawn";
      this.message = undefined;
    } catch (error) {
      this.message = { key: "graduate.share.statusFailed", params: { reason: error instanceof Error ? error.message : String(error) } };
    }
    this.draw();
  }

  draw(): void {
    if (this.serviceUrl() === undefined) {
      this.container.hidden = true;
      return;
    }
    this.container.hidden = false;
    const daysInput = h("input", { type: "number", id: "share-days", min: "1", max: "90", step: "1", value: String(this.days), inputmode: "numeric" });
    daysInput.addEventListener("input", () => (this.days = Number(daysInput.value)));
    const create = h("button", { type: "button", class: "button button--primary", id: "share-create" }, t("graduate.share.create"));
    create.addEventListener("click", () => void this.create());

    const children: Node[] = [
      h("h3", {}, t("graduate.share.heading")),
      h("p", { id: "share-explain" }, t("graduate.share.explain")),
      h("div", { class: "share-days" }, h("label", { for: "share-days" }, t("graduate.share.days")), daysInput),
      create,
    ];
    if (this.message !== undefined) children.push(h("p", { class: "alert", role: "alert", id: "share-message" }, t(this.message.key, this.message.params)));
    if (this.shared !== undefined) children.push(this.drawShared(this.shared));
    this.container.replaceChildren(...children);
  }

  private drawShared(shared: Shared): HTMLElement {
    if (shared.withdrawn) return h("p", { class: "share-result", role: "status", id: "share-withdrawn" }, t("graduate.share.withdrawn"));
    const linkInput = h("input", { type: "text", id: "share-link", readonly: "", value: shared.link, spellcheck: "false" });
    linkInput.addEventListener("focus", () => linkInput.select());
    const copied = h("span", { role: "status", class: "share-copied" });
    const copy = h("button", { type: "button", class: "button" }, t("graduate.share.copy"));
    copy.addEventListener("click", () => {
      void navigator.clipboard.writeText(shared.link).then(() => (copied.textContent = t("graduate.share.copied")));
    });
    const png = h("button", { type: "button", class: "button", id: "share-qr-png" }, t("graduate.share.downloadPng"));
    png.addEventListener("click", () => saveDataUrl("credential-share-qr.png", shared.qrPng));
    const svg = h("button", { type: "button", class: "button", id: "share-qr-svg" }, t("graduate.share.downloadSvg"));
    svg.addEventListener("click", () => download("credential-share-qr.svg", "image/svg+xml", shared.qrSvg));
    const refresh = h("button", { type: "button", class: "button", id: "share-refresh" }, t("graduate.share.refresh"));
    refresh.addEventListener("click", () => void this.refresh(false));
    const withdraw = h("button", { type: "button", class: "button", id: "share-withdraw" }, t("graduate.share.withdraw"));
    withdraw.addEventListener("click", () => void this.refresh(true));
    return h(
      "div",
      { class: "share-result" },
      h("label", { for: "share-link" }, t("graduate.share.link")),
      h("div", { class: "share-link-row" }, linkInput, copy, copied),
      h("p", {}, t("graduate.share.expires", { date: formatDate(shared.expiresAt, language()) })),
      h("img", { src: shared.qrPng, alt: t("graduate.share.qrAlt"), class: "share-qr", id: "share-qr", width: "240", height: "240" }),
      h("div", { class: "button-row" }, png, svg),
      h("p", { id: "share-opens", role: "status" }, t("graduate.share.opens", { count: shared.opens ?? 0 })),
      h("div", { class: "button-row" }, refresh, withdraw),
    );
  }
}
