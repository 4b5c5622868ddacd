/**
 * Files asked of the browser at once. Their answers come back together and are taken in one task, each costing the
 * page 2–10 ms on a busy machine (bench:web traces: 25 at once made tasks of 0.25–0.5 s).
 */
const FILES_AT_ONCE = 8;
/** Folders inside folders followed at most: a credential folder is sorted by university or year, not deeper. */
const MAX_DEPTH = 4;

/** What a folder holds that may be credentials: JSON files and ZIP archives, never hidden files or macOS forks. */
function isCredentialFile(name: string): boolean {
  return /\.(json|zip)$/i.test(name) && !name.startsWith(".");
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * The files of a drop that holds folders: the dropped files themselves, and the credential files inside the folders.
 * A dropped folder costs the browser one entry, where 2,000 dropped files cost it about a second before the page's
 * first script runs (docs/VERIFIER.md); the files inside are then looked up asynchronously, a few at a time.
 */
export async function filesInFolders(dropped: FileSystemEntry[]): Promise<File[]> {
  const entries: FileSystemFileEntry[] = [];
  const walk = async (entry: FileSystemEntry, depth: number): Promise<void> => {
    if (entry.isFile) {
      if (depth === 0 || isCredentialFile(entry.name)) entries.push(entry as FileSystemFileEntry);
      return;
    }
    if (!entry.isDirectory || depth > MAX_DEPTH || entry.name === "__MACOSX") return;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers a batch at a time (100 in Chromium) until it answers none.
    for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
      for (const child of batch) await walk(child, depth + 1);
    }
  };
  for (const entry of dropped) await walk(entry, 0);
  // The table lists files in this order: a folder reads in no particular order, so by path, numbers as numbers. One
  // collator: localeCompare with options makes one per comparison, 0.3-0.4 s for 2,000 paths (bench:web traces).
  const collator = new Intl.Collator(undefined, { numeric: true });
  entries.sort((a, b) => collator.compare(a.fullPath, b.fullPath));
  const files: File[] = [];
  for (let start = 0; start < entries.length; start += FILES_AT_ONCE) {
    files.push(...(await Promise.all(entries.slice(start, start + FILES_AT_ONCE).map(fileOf))));
  }
  return files;
}
