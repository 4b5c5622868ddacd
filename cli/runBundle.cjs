// Runs the compiled CLI (cli/dist/main.js) as `require` would, but with V8's code cache for it: compiling the 2.5 MB
// bundle and the functions a command's start runs took about 65 ms of CPU at every call (`verify --help`: 270 -> 205
// ms on the bench machine). The build writes the cache (scripts/lib/buildCli.ts runs `writeCache` once).
const { Buffer } = require("node:buffer");
const { readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname } = require("node:path");
const { Script } = require("node:vm");

/**
 * Which build of the bundle a cache belongs to: V8 itself only checks the source's length (and its own version and
 * flags), so a cache is used only beside the exact file it was made from, by size and modification time.
 */
function stampOf(file) {
  const { size, mtimeMs } = statSync(file);
  return Buffer.from(`${size} ${mtimeMs}\n`);
}

function readCache(file, stamp) {
  try {
    const cache = readFileSync(`${file}.cache`);
    return cache.subarray(0, stamp.length).equals(stamp) ? cache.subarray(stamp.length) : undefined;
  } catch {
    // No cache (a build older than it, or a read-only copy): compile as require would.
    return undefined;
  }
}

/**
 * Runs `file` (a CommonJS bundle) with the code cache beside it when that cache is its own. With `writeCache`, makes
 * that cache instead, from the functions compiled by the time the process exits (written to a temporary name and
 * renamed, so a CLI starting meanwhile never reads half of it).
 */
function runBundle(file, options = {}) {
  const stamp = stampOf(file);
  const cachedData = options.writeCache ? undefined : readCache(file, stamp);
  // CommonJS's wrapper, all of it on the first line, so line numbers in stack traces stay those of the file.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, "utf8")}\n})`, {
    filename: file,
    cachedData,
  });
  if (options.writeCache) {
    process.once("exit", () => {
      const temporary = `${file}.cache.${process.pid}`;
      writeFileSync(temporary, Buffer.concat([stamp, script.createCachedData()]));
      renameSync(temporary, `${file}.cache`);
    });
  }
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

module.exports = { runBundle };
