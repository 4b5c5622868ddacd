import { detectGraduateFileFormat, parseGraduateFile } from "@credanchor/core/issue";
import { REVOCATION_REASON_OPTIONS, type Language, type MessageParams } from "@credanchor/core/protocol";
import type { MessageKey } from "../i18n/en";
import { translateTo } from "../i18n/translate";

/**
 * The registrar console: sign in with an API key (kept in sessionStorage only, so it disappears with the tab),
 * check a graduate file in the browser with the same parser the service uses, submit it, follow the batch through its
 * states, download credentials, revoke and reissue. Every text comes from the service's bilingual catalogue.
 */
const KEY_STORAGE = "credanchor.apiKey";
const LANG_STORAGE = "credanchor.lang";
const CORRECTABLE = ["nameEn", "nameZh", "degreeEn", "degreeZh", "majorEn", "majorZh", "honoursEn", "honoursZh", "awardDate"] as const;

interface Batch {
  id: string;
  state: string;
  progress: { percent: number };
  counts: { credentials: number };
  attempts: number;
  lastError: string | null;
  error: string | null;
  createdAt: string;
}

let language: Language = localStorage.getItem(LANG_STORAGE) === "zh-Hant" ? "zh-Hant" : "en";
let pendingUpload: { bytes: Uint8Array; type: string; count: number } | null = null;
let nextCursor: string | null = null;
let lookedUp: { id: string; subject: Record<string, unknown> } | null = null;
/** Texts set from code, re-rendered when the language changes. */
const dynamicTexts = new Map<HTMLElement, () => string>();

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`#${id} missing from index.html`);
  return found as T;
}

const t = (key: MessageKey, params: MessageParams = {}) => translateTo(language, key, params);

/** Sets a text that is computed again whenever the language changes. */
function render(target: HTMLElement, text: () => string): void {
  dynamicTexts.set(target, text);
  target.textContent = text();
}

function setText(target: HTMLElement, key: MessageKey, params: MessageParams = {}): void {
  render(target, () => t(key, params));
}

function clearText(target: HTMLElement): void {
  dynamicTexts.delete(target);
  target.textContent = "";
}

function applyLanguage(): void {
  document.documentElement.lang = language;
  document.title = t("app.title");
  for (const node of Array.from(document.querySelectorAll<HTMLElement>("[data-i18n]"))) node.textContent = t(node.dataset.i18n as MessageKey);
  for (const [node, text] of dynamicTexts) node.textContent = text();
  const toggle = element("lang");
  toggle.textContent = t("lang.toggle");
  toggle.setAttribute("aria-label", t("lang.toggleLabel"));
  for (const option of Array.from(element<HTMLSelectElement>("revoke-code").options)) option.textContent = t(`reason.${option.value}` as MessageKey);
  for (const label of Array.from(document.querySelectorAll<HTMLLabelElement>("#reissue-fields label"))) label.textContent = t(`field.${label.htmlFor.replace("fix-", "")}` as MessageKey);
  renderSubmitButton();
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code?: string; message?: Record<Language, string> }; errors?: { row: number; field: string; message: Record<Language, string> }[] },
  ) {
    super(body.error?.message?.en ?? `HTTP ${status}`);
  }
  localised(): string {
    return this.body.error?.message?.[language] ?? this.message;
  }
}

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${sessionStorage.getItem(KEY_STORAGE) ?? ""}`);
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { ...init, headers });
  } catch {
    throw new ApiError(0, { error: { code: "NETWORK", message: { en: translateTo("en", "network.unreachable"), "zh-Hant": translateTo("zh-Hant", "network.unreachable") } } });
  }
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))) as ApiError["body"]);
  return response;
}

async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await (await api(path, init)).json()) as T;
}

function showError(target: HTMLElement, error: unknown): void {
  // The page's own failure: the registrar reads a sentence in their language, the details go to the browser console.
  if (!(error instanceof ApiError)) console.error(error);
  render(target, () => (error instanceof ApiError ? error.localised() : t("console.unexpected")));
}

// ---- sign in ----

async function signIn(key: string): Promise<boolean> {
  sessionStorage.setItem(KEY_STORAGE, key);
  try {
    const me = await apiJson<{ universityId: string }>("/me");
    setText(element("who"), "signedInAs", { university: me.universityId });
    element("sign-in").hidden = true;
    element("workspace").hidden = false;
    element("sign-out").hidden = false;
    await loadBatches(true);
    element("upload-heading").focus();
    return true;
  } catch {
    sessionStorage.removeItem(KEY_STORAGE);
    return false;
  }
}

function signOut(): void {
  sessionStorage.removeItem(KEY_STORAGE);
  location.reload();
}

// ---- upload ----

function renderSubmitButton(): void {
  const button = element<HTMLButtonElement>("submit");
  button.disabled = pendingUpload === null;
  button.hidden = pendingUpload === null;
  button.textContent = t("upload.submit", { count: pendingUpload?.count ?? 0 });
}

async function checkFile(file: File): Promise<void> {
  pendingUpload = null;
  renderSubmitButton();
  const result = element("check-result");
  const list = element("row-errors");
  list.replaceChildren();
  setText(result, "upload.checking", { file: file.name });
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    setText(result, "upload.invalid", { count: 1, file: file.name });
    const item = document.createElement("li");
    setText(item, "row.INVALID_ENCODING");
    list.append(item);
    return;
  }
  const format = detectGraduateFileFormat(file.name, text);
  const { records, errors, errorCount } = parseGraduateFile(text, format);
  if (errorCount > 0) {
    setText(result, "upload.invalid", { count: errorCount, file: file.name });
    for (const error of errors.slice(0, 200)) {
      const item = document.createElement("li");
      render(item, () => t("upload.errorLine", { row: error.row, field: error.field || "—", message: error.message[language] }));
      list.append(item);
    }
    return;
  }
  setText(result, "upload.valid", { count: records.length, file: file.name });
  pendingUpload = { bytes, type: format === "csv" ? "text/csv" : "application/json", count: records.length };
  renderSubmitButton();
}

async function submitUpload(): Promise<void> {
  if (pendingUpload === null) return;
  const upload = pendingUpload;
  pendingUpload = null;
  renderSubmitButton();
  try {
    const batch = await apiJson<Batch>("/batches", {
      method: "POST",
      headers: { "content-type": upload.type, "idempotency-key": crypto.randomUUID() },
      body: upload.bytes as unknown as BodyInit,
    });
    setText(element("check-result"), "upload.submitted", { batch: batch.id });
    await followBatch(batch.id);
  } catch (error) {
    const list = element("row-errors");
    list.replaceChildren();
    if (error instanceof ApiError && error.body.errors) {
      for (const rowError of error.body.errors.slice(0, 200)) {
        const item = document.createElement("li");
        render(item, () => t("upload.errorLine", { row: rowError.row, field: rowError.field || "—", message: rowError.message[language] }));
        list.append(item);
      }
    }
    showError(element("check-result"), error);
  }
}

// ---- progress ----

function renderProgress(batch: Batch): void {
  const bar = element<HTMLProgressElement>("progress");
  bar.value = batch.progress.percent;
  bar.setAttribute("aria-valuetext", `${batch.progress.percent}%`);
  const text = element("progress-text");
  if (batch.state === "failed") setText(text, "progress.failed", { batch: batch.id, error: batch.error ?? "" });
  else if (batch.lastError !== null) setText(text, "progress.retrying", { attempts: batch.attempts, error: batch.lastError });
  else render(text, () => t("progress.status", { batch: batch.id, state: t(`state.${batch.state}` as MessageKey), percent: batch.progress.percent }));
  text.dataset.state = batch.state;
}

async function followBatch(id: string): Promise<void> {
  for (;;) {
    const batch = await apiJson<Batch>(`/batches/${encodeURIComponent(id)}`);
    renderProgress(batch);
    if (batch.state === "published" || batch.state === "failed") break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await loadBatches(true);
}

// ---- batches ----

function actionButton(key: MessageKey, onClick: () => void, label?: string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  setText(button, key);
  if (label !== undefined) button.setAttribute("aria-label", label);
  button.addEventListener("click", onClick);
  return button;
}

async function download(batch: Batch): Promise<void> {
  try {
    const blob = await (await api(`/batches/${encodeURIComponent(batch.id)}/credentials`)).blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${batch.id}.zip`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    showError(element("batch-message"), error);
  }
}

async function revokeWholeBatch(batch: Batch): Promise<void> {
  const reason = window.prompt(`${t("revoke.confirmBatch", { batch: batch.id })}\n${t("revoke.reasonLabel")}`);
  if (reason === null || reason.trim() === "") return;
  try {
    const result = await apiJson<{ transaction: string | null }>(`/batches/${encodeURIComponent(batch.id)}/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reason: reason.trim() }),
    });
    setText(element("batch-message"), "revoke.done", { transaction: result.transaction ?? "—" });
    await loadBatches(true);
  } catch (error) {
    showError(element("batch-message"), error);
  }
}

function batchRow(batch: Batch): HTMLTableRowElement {
  const row = document.createElement("tr");
  const cells = [batch.id, "", String(batch.counts.credentials), ""].map((text) => {
    const cell = document.createElement("td");
    cell.textContent = text;
    return cell;
  });
  setText(cells[1]!, `state.${batch.state}` as MessageKey);
  render(cells[3]!, () => new Date(batch.createdAt).toLocaleString(language));
  const actions = document.createElement("td");
  if (batch.state === "published") {
    actions.append(
      actionButton("batches.download", () => void download(batch), t("batches.downloadLabel", { batch: batch.id })),
      actionButton("batches.revoke", () => void revokeWholeBatch(batch)),
    );
  }
  row.append(...cells, actions);
  return row;
}

async function loadBatches(reset: boolean): Promise<void> {
  const query = new URLSearchParams({ limit: "20" });
  if (!reset && nextCursor !== null) query.set("cursor", nextCursor);
  try {
    const page = await apiJson<{ items: Batch[]; nextCursor: string | null }>(`/batches?${query}`);
    const body = element("batch-rows");
    if (reset) body.replaceChildren();
    body.append(...page.items.map(batchRow));
    nextCursor = page.nextCursor;
    element("more").hidden = nextCursor === null;
    element("batches-empty").hidden = body.children.length > 0;
  } catch (error) {
    showError(element("batch-message"), error);
  }
}

// ---- credentials ----

async function lookUp(id: string): Promise<void> {
  const message = element("credential-message");
  clearText(message);
  element("credential-panel").hidden = true;
  try {
    const view = await apiJson<{ id: string; studentId: string; status: { revoked: boolean; revokedAt: string | null; reason: string | null }; credential: { credentialSubject: Record<string, unknown> } }>(
      `/credentials/${encodeURIComponent(id)}`,
    );
    const subject = view.credential.credentialSubject;
    const name = subject.name as Record<Language, string>;
    const degree = subject.degree as Record<Language, string>;
    render(element("credential-summary"), () => t("credential.summary", { name: name[language], student: view.studentId, degree: degree[language] }));
    const status = element("credential-status");
    if (view.status.revoked) setText(status, "credential.revoked", { at: view.status.revokedAt ?? "", reason: view.status.reason ?? "" });
    else setText(status, "credential.valid");
    lookedUp = { id: view.id, subject };
    // A revoked or superseded credential can be neither revoked again nor reissued.
    element("revoke-form").hidden = view.status.revoked;
    element("reissue-form").hidden = view.status.revoked;
    const bilingual = (field: string, lang: "en" | "zh-Hant") => (subject[field] as Record<string, string> | undefined)?.[lang] ?? "";
    const current: Record<(typeof CORRECTABLE)[number], string> = {
      nameEn: bilingual("name", "en"),
      nameZh: bilingual("name", "zh-Hant"),
      degreeEn: bilingual("degree", "en"),
      degreeZh: bilingual("degree", "zh-Hant"),
      majorEn: bilingual("major", "en"),
      majorZh: bilingual("major", "zh-Hant"),
      honoursEn: bilingual("honours", "en"),
      honoursZh: bilingual("honours", "zh-Hant"),
      awardDate: String(subject.awardDate ?? ""),
    };
    for (const field of CORRECTABLE) {
      const input = element<HTMLInputElement>(`fix-${field}`);
      input.value = current[field];
      input.dataset.original = current[field];
    }
    element("credential-panel").hidden = false;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) setText(message, "credential.notFound");
    else showError(message, error);
  }
}

async function revokeLookedUp(): Promise<void> {
  if (lookedUp === null) return;
  const message = element("credential-message");
  try {
    const result = await apiJson<{ transaction: string | null }>(`/credentials/${encodeURIComponent(lookedUp.id)}/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reason: element<HTMLInputElement>("revoke-reason").value.trim(), reasonCode: element<HTMLSelectElement>("revoke-code").value }),
    });
    setText(message, "revoke.done", { transaction: result.transaction ?? "—" });
    await lookUp(lookedUp.id);
    setText(message, "revoke.done", { transaction: result.transaction ?? "—" });
  } catch (error) {
    showError(message, error);
  }
}

async function reissueLookedUp(): Promise<void> {
  if (lookedUp === null) return;
  const corrections: Record<string, string> = {};
  for (const field of CORRECTABLE) {
    const input = element<HTMLInputElement>(`fix-${field}`);
    if (input.value.trim() !== input.dataset.original) corrections[field] = input.value.trim();
  }
  const message = element("credential-message");
  try {
    const batch = await apiJson<Batch>(`/credentials/${encodeURIComponent(lookedUp.id)}/reissue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(corrections),
    });
    setText(message, "reissue.done", { batch: batch.id });
    await followBatch(batch.id);
    // Once the replacement is published the old credential shows as superseded.
    const replaced = lookedUp.id;
    await lookUp(replaced);
    setText(message, "reissue.done", { batch: batch.id });
  } catch (error) {
    showError(message, error);
  }
}

// ---- wiring ----

function buildStaticControls(): void {
  const select = element<HTMLSelectElement>("revoke-code");
  for (const code of REVOCATION_REASON_OPTIONS) select.append(new Option(code, code));
  const fields = element("reissue-fields");
  for (const field of CORRECTABLE) {
    const label = document.createElement("label");
    label.htmlFor = `fix-${field}`;
    const input = document.createElement("input");
    input.type = "text";
    input.id = `fix-${field}`;
    fields.append(label, input);
  }
}

function wire(): void {
  element("lang").addEventListener("click", () => {
    language = language === "en" ? "zh-Hant" : "en";
    localStorage.setItem(LANG_STORAGE, language);
    applyLanguage();
  });
  element("sign-out").addEventListener("click", signOut);
  element("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = element<HTMLInputElement>("api-key");
    void signIn(input.value.trim()).then((ok) => {
      input.value = "";
      if (ok) clearText(element("sign-in-error"));
      else {
        setText(element("sign-in-error"), "signIn.invalid");
        input.focus();
      }
    });
  });
  const file = element<HTMLInputElement>("file");
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (chosen) void checkFile(chosen);
  });
  const zone = element("drop-zone");
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    const dropped = event.dataTransfer?.files[0];
    if (dropped) void checkFile(dropped);
  });
  element("submit").addEventListener("click", () => void submitUpload());
  element("refresh").addEventListener("click", () => void loadBatches(true));
  element("more").addEventListener("click", () => void loadBatches(false));
  element("lookup-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void lookUp(element<HTMLInputElement>("credential-id").value.trim());
  });
  element("revoke-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void revokeLookedUp();
  });
  element("reissue-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void reissueLookedUp();
  });
}

buildStaticControls();
wire();
applyLanguage();
setText(element("progress-text"), "progress.idle");
const saved = sessionStorage.getItem(KEY_STORAGE);
if (saved !== null) void signIn(saved);
