import "@credanchor/core/tokens.css";
import "./styles.css";
import "@credanchor/core/print.css";
import { formatCredentialLink, isLanguage, receiptLayout, type AnyCredential, type GradingScale, type MessageParams, type TranscriptCredential } from "@credanchor/core/protocol";
import type { BulkView } from "./bulkView";
import { ConfigError, loadConfig, type VerifierConfig } from "./config";
import { byId } from "./dom";
import { download } from "./download";
import { filesInFolders } from "./filesInFolders";
import { HolderView } from "./holderView";
import { language, onLanguageChange, setLanguage, t, type MessageKey } from "./i18n";
import { CameraScanner, decodeQrImage } from "./qrScanner";
import { receiptFilename, verificationReceipt } from "./receipt";
import { printCredential } from "./printCredential";
import { renderPrintSheet } from "./renderPrintSheet";
import { announcement, renderReport } from "./renderReport";
import type { ScaleSource } from "./scaleLegend";
import { credentialFromFragment, credentialFromQrText, type SharedCredential } from "./shareLink";
import { openShareLink as fetchSharedCredential, ShareOpenError } from "./shareService";
import { VerifierClient, type VerifiedCredential } from "./verifierClient";

type Message = { key: MessageKey; params?: MessageParams };

const elements = {
  configProblem: byId("config-problem"),
  input: byId("input"),
  dropZone: byId("drop-zone"),
  chooseButton: byId<HTMLButtonElement>("choose-button"),
  fileInput: byId<HTMLInputElement>("file-input"),
  pasteInput: byId<HTMLTextAreaElement>("paste-input"),
  pasteButton: byId<HTMLButtonElement>("paste-button"),
  cameraButton: byId<HTMLButtonElement>("camera-button"),
  cameraHint: byId("camera-hint"),
  camera: byId<HTMLVideoElement>("camera"),
  qrImageButton: byId<HTMLButtonElement>("qr-image-button"),
  qrImageInput: byId<HTMLInputElement>("qr-image-input"),
  inputMessage: byId("input-message"),
  busy: byId("busy"),
  announcer: byId("announcer"),
  result: byId("result"),
  resultBody: byId("result-body"),
  printButton: byId<HTMLButtonElement>("print-button"),
  receiptButton: byId<HTMLButtonElement>("receipt-button"),
  receiptPdfButton: byId<HTMLButtonElement>("receipt-pdf-button"),
  printSheet: byId("print-sheet"),
  againButton: byId<HTMLButtonElement>("again-button"),
  verifyTab: byId<HTMLButtonElement>("tab-verify"),
  holderTab: byId<HTMLButtonElement>("tab-holder"),
  verifyPanel: byId("verify-panel"),
  holderPanel: byId("holder-panel"),
  privacy: byId("privacy"),
  sharePrivacy: byId("share-privacy"),
  deployment: byId("deployment"),
  deploymentHistory: byId("deployment-history"),
};

/** What is on screen, kept so a language switch can redraw it all in the other language. */
const state: {
  config?: VerifierConfig;
  configProblem?: Message;
  inputMessage?: Message;
  /** The verification shown, and the link it was opened from (a share or credential link), if any. */
  shown?: { verified: VerifiedCredential; link?: string };
} = {};

function showInputMessage(message: Message | undefined): void {
  state.inputMessage = message;
  elements.inputMessage.hidden = message === undefined;
  elements.inputMessage.textContent = message === undefined ? "" : t(message.key, message.params);
}

function drawResult(): void {
  const shown = state.shown;
  elements.result.hidden = shown === undefined;
  if (shown === undefined) return;
  elements.resultBody.replaceChildren(...renderReport(shown.verified, gradingScale));
}

/**
 * "Print": a VALID transcript or letter prints as its document, core's A4 layout exactly as `credanchor print` renders
 * it, with the QR code of the link it was opened from (else a link carrying it, when that fits a QR code); anything
 * else prints the verification result itself.
 */
async function printShown(): Promise<void> {
  const shown = state.shown;
  const { report, credentialText } = shown?.verified ?? {};
  const kind = report?.credential?.kind;
  if (shown !== undefined && report?.status === "VALID" && credentialText !== undefined && (kind === "transcript" || kind === "letter")) {
    const link = shown.link ?? formatCredentialLink(new URL(location.pathname, location.origin).href, credentialText);
    const credential = JSON.parse(credentialText) as AnyCredential;
    const scale = kind === "transcript" ? await checkedGradingScale((credential as TranscriptCredential).credentialSubject.gradingScale.cid) : undefined;
    if (await printCredential(credential, link, elements.printSheet, scale)) return;
  }
  window.print();
}

/** The grading scale `cid` when the page fetched it and found exactly the bytes the CID names; else undefined. */
async function checkedGradingScale(cid: string): Promise<GradingScale | undefined> {
  const outcome = await gradingScale(cid)?.outcome;
  return outcome?.status === "shown" ? outcome.scale : undefined;
}

/** A transcript's grading scale from the configured content store, checked in the worker (undefined without one). */
function gradingScale(cid: string): ScaleSource | undefined {
  const base = state.config?.contentStoreUrl;
  const outcome = client?.gradingScale(cid);
  return base === undefined || outcome === undefined ? undefined : { host: new URL(base).host, outcome };
}

function drawChrome(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-language]")) {
    button.setAttribute("aria-pressed", String(button.dataset.language === language()));
  }
  const config = state.config;
  const rpcUrl = config === undefined ? "" : new URL(config.rpcUrl).host;
  elements.privacy.textContent =
    config === undefined
      ? ""
      : config.contentStoreUrl === undefined
        ? t("web.footer.privacy", { rpcUrl })
        : t("web.footer.privacyContent", { rpcUrl, contentHost: new URL(config.contentStoreUrl).host });
  const shareService = config?.shareServiceUrl;
  elements.sharePrivacy.hidden = shareService === undefined;
  elements.sharePrivacy.textContent = shareService === undefined ? "" : t("graduate.footer.share", { host: new URL(shareService).host });
  elements.deployment.textContent = config ? t("web.footer.deployment", { chainId: config.deployment.chainId, anchor: config.deployment.anchor, registry: config.deployment.registry }) : "";
  // Earlier contracts the consortium still lists (SPEC §8.1): their credentials are accepted too, so the page says so.
  const earlier = config?.deployment.history ?? [];
  elements.deploymentHistory.hidden = earlier.length === 0;
  elements.deploymentHistory.textContent = earlier.length === 0 ? "" : t("web.footer.history", { anchors: earlier.map((entry) => entry.anchor).join(", ") });
  elements.configProblem.hidden = state.configProblem === undefined;
  elements.configProblem.textContent = state.configProblem ? t(state.configProblem.key, state.configProblem.params) : "";
  elements.cameraButton.textContent = t(scanner.running ? "web.qr.stop" : "web.qr.camera");
  showInputMessage(state.inputMessage);
}

/**
 * The bulk table and the admissions claims check, loaded with the first bulk run (a code-split chunk): a single
 * credential's verdict needs neither, and the page's first load is the JavaScript it waits for.
 */
let bulkViewLoading: Promise<BulkView> | undefined;
let bulkView: BulkView | undefined;
function loadBulkView(): Promise<BulkView> {
  bulkViewLoading ??= Promise.all([import("./bulkView"), import("./claimsView")]).then(([{ BulkView }, { ClaimsView }]) => {
    const claimsView = new ClaimsView(() => view.allRows());
    const view = new BulkView(
      () => client?.cancelBulk(),
      () => claimsView.draw(),
    );
    bulkView = view;
    return view;
  });
  return bulkViewLoading;
}
/** The link a scanned QR code holds (kept to print with the credential), or none for a credential's JSON itself. */
function linkOfQrText(text: string): string | undefined {
  const trimmed = text.trim();
  return URL.canParse(trimmed) && /^https?:$/.test(new URL(trimmed).protocol) ? trimmed : undefined;
}

const scanner = new CameraScanner(elements.camera, (text) => {
  drawChrome();
  elements.cameraHint.hidden = true;
  void verifyShared(credentialFromQrText(text), linkOfQrText(text));
});
let client: VerifierClient | undefined;
const holderView = new HolderView(
  () => client,
  (text) => {
    selectTab("verify");
    void verifyText(text);
  },
  () => state.config?.shareServiceUrl,
);

type Tab = "verify" | "holder";

/** WAI-ARIA tabs: one tab in the Tab order, arrow keys move between tabs, the panel follows the selection. */
function selectTab(tab: Tab, focus = false): void {
  for (const [name, button, panel] of [
    ["verify", elements.verifyTab, elements.verifyPanel],
    ["holder", elements.holderTab, elements.holderPanel],
  ] as const) {
    const selected = name === tab;
    button.setAttribute("aria-selected", String(selected));
    button.tabIndex = selected ? 0 : -1;
    panel.hidden = !selected;
    if (selected && focus) button.focus();
  }
}

function activeTab(): Tab {
  return elements.holderPanel.hidden ? "verify" : "holder";
}

async function verifyText(text: string | ArrayBuffer, link?: string): Promise<void> {
  if (client === undefined) return;
  showInputMessage(undefined);
  bulkView?.hide();
  elements.busy.hidden = false;
  elements.announcer.textContent = "";
  try {
    const verified = await client.verify(text);
    state.shown = link === undefined ? { verified } : { verified, link };
    drawResult();
    elements.announcer.textContent = announcement(verified);
    // Keyboard and screen reader users land on the verdict, not at the top of the input form.
    document.getElementById("verdict-title")?.focus();
    elements.result.scrollIntoView({ block: "start" });
  } catch (error) {
    showInputMessage({ key: "web.status.failed", params: { reason: error instanceof Error ? error.message : String(error) } });
  } finally {
    elements.busy.hidden = true;
  }
}

async function verifyShared(shared: SharedCredential, link?: string): Promise<void> {
  if (shared.kind === "credential") return verifyText(shared.text, link);
  if (shared.kind === "encrypted") {
    showInputMessage(undefined);
    elements.busy.hidden = false;
    let text: string;
    try {
      text = await fetchSharedCredential(shared.reference, state.config?.shareServiceUrl);
    } catch (error) {
      elements.busy.hidden = true;
      const problem = error instanceof ShareOpenError ? error.problem : "unreachable";
      return showInputMessage({ key: `graduate.share.open.${problem}` });
    }
    return verifyText(text, link);
  }
  showInputMessage({ key: shared.kind === "invalid" ? "web.link.invalid" : shared.kind === "tooLarge" ? "web.link.tooLarge" : "web.qr.notCredential" });
}

async function readQrImage(file: File): Promise<void> {
  showInputMessage(undefined);
  let text: string | null;
  try {
    text = await decodeQrImage(file);
  } catch {
    text = null;
  }
  if (text === null) return showInputMessage({ key: "web.qr.notFound", params: { file: file.name } });
  return verifyShared(credentialFromQrText(text), linkOfQrText(text));
}

const isImage = (file: File) => file.type.startsWith("image/");

/** One credential is verified on its own; several files or a ZIP go to the bulk table; an image is read as a QR code. */
async function handleFiles(files: File[]): Promise<void> {
  if (files.length === 0 || client === undefined) return;
  // On "My credential" a dropped file is the graduate's own credential to redact, not one to verify.
  if (activeTab() === "holder") return holderView.open(files[0] as File);
  const [first] = files;
  if (files.length === 1 && first !== undefined && isImage(first)) return readQrImage(first);
  const credentials = files.filter((file) => !isImage(file));
  if (credentials.length === 1 && credentials[0] !== undefined && !/\.zip$/i.test(credentials[0].name)) {
    // The bytes, not File.text(): that would drop a BOM and replace bytes that are not UTF-8 (SPEC §2).
    return verifyText(await credentials[0].arrayBuffer());
  }
  state.shown = undefined;
  drawResult();
  showInputMessage(undefined);
  // The worker reads the files: reading 2,000 of them here held the page for a third of a second. Until it has read
  // them all and the table appears, the page says it is working.
  bulkView?.hide();
  elements.busy.hidden = false;
  let table: BulkView;
  try {
    table = await loadBulkView();
  } catch (error) {
    elements.busy.hidden = true;
    return showInputMessage({ key: "web.status.failed", params: { reason: error instanceof Error ? error.message : String(error) } });
  }
  let started = false;
  client.bulk(credentials, {
    onStart: (total, unreadableZips, skipped) => {
      started = true;
      elements.busy.hidden = true;
      table.start(total, unreadableZips, skipped);
    },
    onRows: (rows) => table.add(rows),
    onDone: (cancelled) => table.finish(cancelled),
    // Before the table is up (a file could not be read), the failure is said where the files were given.
    onFailed: (reason) => {
      elements.busy.hidden = true;
      if (started) table.fail(reason);
      else showInputMessage({ key: "web.status.failed", params: { reason } });
    },
  });
  document.getElementById("bulk")?.scrollIntoView({ block: "start" });
}

/**
 * Items of a drop inspected at most for folders: telling a folder from a file costs the page a look-up per item, so a
 * drop of many items is taken as files, as it always was.
 */
const MAX_DROP_ITEMS_INSPECTED = 20;

/** The drop's entries when it holds a folder (with any files dropped beside it); undefined for files only. */
function droppedFolders(transfer: DataTransfer): FileSystemEntry[] | undefined {
  if (transfer.items.length > MAX_DROP_ITEMS_INSPECTED) return undefined;
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((entry) => entry !== null);
  return entries.some((entry) => entry.isDirectory) ? entries : undefined;
}

async function handleFolders(entries: FileSystemEntry[]): Promise<void> {
  showInputMessage(undefined);
  elements.busy.hidden = false;
  let files: File[];
  try {
    files = await filesInFolders(entries);
  } catch (error) {
    return showInputMessage({ key: "web.status.failed", params: { reason: error instanceof Error ? error.message : String(error) } });
  } finally {
    elements.busy.hidden = true;
  }
  if (files.length === 0) return showInputMessage({ key: "web.bulk.noFiles" });
  return handleFiles(files);
}

function wireInputs(): void {
  elements.chooseButton.addEventListener("click", () => elements.fileInput.click());
  elements.fileInput.addEventListener("change", () => {
    void handleFiles([...(elements.fileInput.files ?? [])]);
    elements.fileInput.value = "";
  });
  // The whole page accepts a drop, so a near miss never makes the browser navigate away to the dropped file.
  document.addEventListener("dragover", (event) => {
    event.preventDefault();
    elements.dropZone.classList.add("drop-zone--active");
  });
  document.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) elements.dropZone.classList.remove("drop-zone--active");
  });
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    elements.dropZone.classList.remove("drop-zone--active");
    if (event.dataTransfer === null) return;
    // Entries can be had only while the drop event runs.
    const folders = droppedFolders(event.dataTransfer);
    if (folders === undefined) void handleFiles([...event.dataTransfer.files]);
    else void handleFolders(folders);
  });
  elements.pasteButton.addEventListener("click", () => {
    const text = elements.pasteInput.value;
    if (text.trim() === "") {
      showInputMessage({ key: "web.input.pasteEmpty" });
      elements.pasteInput.focus();
      return;
    }
    void verifyText(text);
  });
  elements.qrImageButton.addEventListener("click", () => elements.qrImageInput.click());
  elements.qrImageInput.addEventListener("change", () => {
    const file = elements.qrImageInput.files?.[0];
    elements.qrImageInput.value = "";
    if (file !== undefined) void readQrImage(file);
  });
  elements.cameraButton.addEventListener("click", async () => {
    if (scanner.running) {
      scanner.stop();
      elements.cameraHint.hidden = true;
      drawChrome();
      return;
    }
    showInputMessage(undefined);
    try {
      await scanner.start();
      elements.cameraHint.hidden = false;
    } catch (error) {
      scanner.stop();
      showInputMessage({ key: "web.qr.noCamera", params: { reason: error instanceof Error ? error.name : String(error) } });
    }
    drawChrome();
  });
  elements.printButton.addEventListener("click", () => void printShown());
  elements.receiptButton.addEventListener("click", () => {
    if (state.shown === undefined || state.config === undefined) return;
    download(receiptFilename(state.shown.verified), "application/json", verificationReceipt(state.shown.verified, state.config));
  });
  // The one-page receipt is printed (the browser's "Save as PDF"): a PDF written in the page would have to carry a
  // Chinese font of several megabytes.
  elements.receiptPdfButton.addEventListener("click", () => {
    if (state.shown === undefined) return;
    const { report, headline, sha256 } = state.shown.verified;
    elements.printSheet.replaceChildren(renderPrintSheet(receiptLayout(report, { headline, credentialSha256: sha256 })));
    elements.printSheet.hidden = false;
    document.body.classList.add("printing-credential");
    window.print();
  });
  elements.againButton.addEventListener("click", () => {
    state.shown = undefined;
    drawResult();
    elements.input.scrollIntoView({ block: "start" });
    elements.chooseButton.focus();
  });
  window.addEventListener("hashchange", () => void openShareLink());
  elements.verifyTab.addEventListener("click", () => selectTab("verify"));
  elements.holderTab.addEventListener("click", () => selectTab("holder"));
  for (const tab of [elements.verifyTab, elements.holderTab]) {
    tab.addEventListener("keydown", (event) => {
      if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
      event.preventDefault();
      const next: Tab = event.key === "Home" ? "verify" : event.key === "End" ? "holder" : activeTab() === "verify" ? "holder" : "verify";
      selectTab(next, true);
    });
  }
}

async function openShareLink(): Promise<void> {
  const shared = credentialFromFragment(location.hash);
  if (shared.kind === "none") return;
  selectTab("verify");
  await verifyShared(shared, location.href);
}

function setInputsEnabled(enabled: boolean): void {
  for (const control of document.querySelectorAll<HTMLButtonElement | HTMLTextAreaElement>("#input button, #input textarea, #holder-open")) {
    control.disabled = !enabled;
  }
}

async function main(): Promise<void> {
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-language]")) {
    button.addEventListener("click", () => {
      const next = button.dataset.language ?? "";
      if (isLanguage(next)) setLanguage(next);
    });
  }
  onLanguageChange(() => {
    drawChrome();
    drawResult();
    bulkView?.draw();
    holderView.draw();
    // The verdict is re-announced in the language just chosen, never left behind in the other one.
    if (state.shown !== undefined) elements.announcer.textContent = announcement(state.shown.verified);
  });
  setLanguage(language());
  wireInputs();
  setInputsEnabled(false);

  try {
    state.config = (await loadConfig()) ?? undefined;
    if (state.config === undefined) state.configProblem = { key: "web.config.missing" };
  } catch (error) {
    state.configProblem = { key: "web.config.invalid", params: { detail: error instanceof ConfigError ? error.message : String(error) } };
  }
  drawChrome();
  if (state.config === undefined) return;
  client = new VerifierClient(state.config);
  setInputsEnabled(true);
  document.body.dataset.ready = "true";
  await openShareLink();
}

void main();
