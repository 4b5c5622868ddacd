import {
  type Credential,
  decodeCredentialBytes,
  formatCredentialLink,
  membersOf,
  type MessageParams,
} from "@credanchor/core/protocol";
import { byId, h } from "./dom";
import { download } from "./download";
import { locale, t, type MessageKey } from "./i18n";
import { pointerLabel } from "./renderReport";
import { printCredential } from "./printCredential";
import { ShareView } from "./shareView";
import type { VerifierClient } from "./verifierClient";

type Message = { key: MessageKey; params?: MessageParams };

/** The claims a graduate is offered to hide, each as a whole (a bilingual text is hidden in both languages). */
const HIDEABLE = ["name", "studentId", "degree", "major", "honours", "awardDate", "gpa", "dateOfBirth"].map((field) => `/credentialSubject/${field}`);

interface Field {
  pointer: string;
  /** Shown so the graduate sees what they are about to hide; `undefined` once it is hidden. */
  value?: string;
}

interface Opened {
  fileName: string;
  text: string;
  fields: Field[];
}

function display(value: unknown): string {
  if (typeof value === "string" || typeof value === "number") return String(value);
  const text = membersOf(value);
  return [text.en, text["zh-Hant"]].filter((part) => typeof part === "string").join(" / ");
}

/**
 * Which of the hideable claims the file shows or has hidden. Only a first look to build the form (JSON.parse is
 * enough here); the strict parse and the hashing happen in the worker when the copy is made, and refuse a bad file.
 */
function fieldsOf(text: string): Field[] | undefined {
  let document: Record<string, unknown>;
  try {
    document = membersOf(JSON.parse(text));
  } catch {
    return undefined;
  }
  const subject = membersOf(document.credentialSubject);
  const proof = membersOf(document.proof);
  if (Object.keys(subject).length === 0 || Object.keys(proof).length === 0) return undefined;
  const hidden = Object.keys(membersOf(proof.hiddenClaims));
  return HIDEABLE.flatMap((pointer): Field[] => {
    const key = pointer.split("/")[2] as string;
    if (Object.hasOwn(subject, key)) return [{ pointer, value: display(subject[key]) }];
    return hidden.some((h) => h === pointer || h.startsWith(`${pointer}/`)) ? [{ pointer }] : [];
  });
}

function redactedName(fileName: string): string {
  return `${fileName.replace(/\.json$/i, "")}-redacted.json`;
}

/**
 * "My credential": the graduate opens their file, ticks what to hide and downloads a redacted copy that still
 * verifies (SPEC §6.2). Everything happens in this browser; the redaction itself runs in the verification worker.
 */
export class HolderView {
  private readonly elements = {
    openButton: byId<HTMLButtonElement>("holder-open"),
    fileInput: byId<HTMLInputElement>("holder-file-input"),
    form: byId<HTMLFormElement>("holder-form"),
    message: byId("holder-message"),
    saved: byId("holder-saved"),
    share: byId("holder-share"),
    printSheet: byId("print-sheet"),
  };
  private opened: Opened | undefined;
  private selected = new Set<string>();
  private message: Message | undefined;
  private saved: { text: string; fileName: string; hidden: string[] } | undefined;
  private readonly shareView: ShareView;

  constructor(
    private readonly client: () => VerifierClient | undefined,
    private readonly verify: (text: string) => void,
    shareServiceUrl: () => string | undefined,
  ) {
    this.shareView = new ShareView(this.elements.share, shareServiceUrl, () => this.redacted());
    this.elements.openButton.addEventListener("click", () => this.elements.fileInput.click());
    this.elements.fileInput.addEventListener("change", () => {
      const file = this.elements.fileInput.files?.[0];
      this.elements.fileInput.value = "";
      if (file !== undefined) void this.open(file);
    });
    // The sheet is printed only while it is asked for; the result's own "Print" prints the verification result.
    window.addEventListener("afterprint", () => {
      document.body.classList.remove("printing-credential");
      this.elements.printSheet.hidden = true;
    });
    this.elements.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.redact();
    });
  }

  async open(file: File): Promise<void> {
    // Decoded as the verifier decodes a file (SPEC §2): File.text() would drop a BOM and replace bytes that are not UTF-8.
    let text: string | undefined;
    try {
      text = decodeCredentialBytes(new Uint8Array(await file.arrayBuffer()));
    } catch {
      text = undefined;
    }
    const fields = text === undefined ? undefined : fieldsOf(text);
    this.saved = undefined;
    this.selected = new Set();
    this.shareView.reset();
    if (fields === undefined || text === undefined) {
      this.opened = undefined;
      this.message = { key: "graduate.holder.notCredential", params: { file: file.name } };
    } else {
      this.opened = { fileName: file.name, text, fields };
      this.message = fields.some((field) => field.value !== undefined) ? undefined : { key: "graduate.holder.noFields" };
    }
    this.draw();
    this.elements.form.querySelector<HTMLInputElement>("input:not(:disabled)")?.focus();
  }

  /** The opened credential with the ticked claims hidden (unchanged when none is ticked). */
  private async redacted(): Promise<string> {
    const client = this.client();
    if (this.opened === undefined || client === undefined) throw new Error("no credential is open");
    return client.disclose(this.opened.text, HIDEABLE.filter((pointer) => this.selected.has(pointer)));
  }

  private async redact(): Promise<void> {
    const client = this.client();
    if (this.opened === undefined || client === undefined) return;
    if (this.selected.size === 0) {
      this.message = { key: "graduate.holder.nothingSelected" };
      this.saved = undefined;
      return this.draw();
    }
    const pointers = HIDEABLE.filter((pointer) => this.selected.has(pointer));
    try {
      const text = await client.disclose(this.opened.text, pointers);
      const fileName = redactedName(this.opened.fileName);
      download(fileName, "application/json", text);
      this.message = undefined;
      this.saved = { text, fileName, hidden: pointers };
    } catch (error) {
      this.message = { key: "graduate.holder.failed", params: { reason: error instanceof Error ? error.message : String(error) } };
      this.saved = undefined;
    }
    this.draw();
  }

  /**
   * Prints the A4 sheet (core/print, the layout `credanchor print` uses) of the credential with the ticked claims
   * hidden. Its QR code opens the share link if one is active, otherwise a `#c=` link carrying the credential itself.
   */
  private async print(): Promise<void> {
    let text: string;
    try {
      text = await this.redacted();
    } catch (error) {
      this.message = { key: "graduate.holder.failed", params: { reason: error instanceof Error ? error.message : String(error) } };
      return this.draw();
    }
    const credential = JSON.parse(text) as Credential;
    let link = this.shareView.activeLink();
    if (link === undefined) {
      link = formatCredentialLink(new URL(location.pathname, location.origin).href, JSON.stringify(credential));
    }
    this.message = (await printCredential(credential, link, this.elements.printSheet)) ? undefined : { key: "graduate.print.tooLong" };
    this.draw();
  }

  /** Redraws in the current language, keeping the ticks. */
  draw(): void {
    const { form, message, saved } = this.elements;
    message.hidden = this.message === undefined;
    message.textContent = this.message === undefined ? "" : t(this.message.key, this.message.params);

    const opened = this.opened;
    form.hidden = opened === undefined;
    if (opened !== undefined) {
      const boxes = opened.fields.map((field, index) => {
        const id = `holder-field-${index}`;
        const label = pointerLabel(field.pointer);
        const hiddenAlready = field.value === undefined;
        const box = h("input", { type: "checkbox", id, value: field.pointer });
        box.checked = hiddenAlready || this.selected.has(field.pointer);
        box.disabled = hiddenAlready;
        box.addEventListener("change", () => {
          if (box.checked) this.selected.add(field.pointer);
          else this.selected.delete(field.pointer);
        });
        return h(
          "div",
          { class: "holder-field" },
          box,
          h("label", { for: id }, hiddenAlready ? t("graduate.holder.alreadyHidden", { field: label }) : label, field.value !== undefined && h("span", { class: "holder-field__value" }, field.value)),
        );
      });
      const printButton = h("button", { type: "button", class: "button", id: "holder-print" }, t("graduate.print.button"));
      printButton.addEventListener("click", () => void this.print());
      form.replaceChildren(
        h("p", { class: "holder-file" }, t("graduate.holder.file", { file: opened.fileName })),
        h("fieldset", {}, h("legend", {}, t("graduate.holder.fieldsLegend")), ...boxes),
        h("div", { class: "button-row" }, h("button", { type: "submit", class: "button button--primary", id: "holder-download" }, t("graduate.holder.download")), printButton),
      );
    }

    if (opened === undefined) this.elements.share.hidden = true;
    else this.shareView.draw();

    const done = this.saved;
    saved.hidden = done === undefined;
    if (done !== undefined) {
      const fields = new Intl.ListFormat(locale(), { type: "conjunction" }).format(done.hidden.map(pointerLabel));
      const again = h("button", { type: "button", class: "button", id: "holder-verify" }, t("graduate.holder.verifyCopy"));
      again.addEventListener("click", () => this.verify(done.text));
      saved.replaceChildren(h("p", {}, t("graduate.holder.saved", { file: done.fileName, fields })), again);
    }
  }
}
