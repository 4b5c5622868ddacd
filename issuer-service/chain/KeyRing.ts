import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Wallet, type Provider } from "ethers";

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;
const UNIVERSITY_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CURRENT = /^([a-z0-9][a-z0-9-]{0,62})\.key$/;

/**
 * The universities' signing keys, one file per key in the key directory (mode 0600). `<id>.key` is the current key;
 * rotation writes the new key to `<id>.next.key` before touching the chain (so a crash can never lose it) and, once
 * the registry accepted it, keeps the old one as `<id>.<address>.retired.key` because batches signed with it may
 * still need that exact key to be rebroadcast.
 */
export class KeyRing {
  readonly #dir: string;
  readonly #provider: Provider;

  constructor(dir: string, provider: Provider) {
    this.#dir = dir;
    this.#provider = provider;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  static isUniversityId(id: string): boolean {
    return UNIVERSITY_ID.test(id);
  }

  /** The universities that have a current key file. */
  universities(): string[] {
    return readdirSync(this.#dir)
      .map((name) => CURRENT.exec(name)?.[1])
      .filter((id): id is string => id !== undefined);
  }

  /** Installs a key for a university (first start); an existing different key is left alone. */
  install(universityId: string, privateKey: string): void {
    if (!KeyRing.isUniversityId(universityId)) throw new Error(`Invalid university id ${universityId}`);
    const path = join(this.#dir, `${universityId}.key`);
    if (!existsSync(path)) this.#write(path, privateKey);
  }

  current(universityId: string): Wallet {
    return this.#read(join(this.#dir, `${universityId}.key`));
  }

  /** The key with `address` among the university's current and retired keys. */
  byAddress(universityId: string, address: string): Wallet {
    const current = this.current(universityId);
    if (current.address.toLowerCase() === address.toLowerCase()) return current;
    const retired = join(this.#dir, `${universityId}.${address.toLowerCase()}.retired.key`);
    if (!existsSync(retired)) throw new Error(`No key ${address} for ${universityId}`);
    return this.#read(retired);
  }

  /** The pending next key of a rotation, created (0600) if there is none yet. */
  nextKey(universityId: string): Wallet {
    const path = join(this.#dir, `${universityId}.next.key`);
    if (!existsSync(path)) this.#write(path, Wallet.createRandom().privateKey);
    return this.#read(path);
  }

  /** After the registry accepted the next key: it becomes current, the old one is kept as retired. */
  promoteNextKey(universityId: string): void {
    const old = this.current(universityId);
    renameSync(join(this.#dir, `${universityId}.key`), join(this.#dir, `${universityId}.${old.address.toLowerCase()}.retired.key`));
    renameSync(join(this.#dir, `${universityId}.next.key`), join(this.#dir, `${universityId}.key`));
  }

  #write(path: string, privateKey: string): void {
    writeFileSync(path, `${privateKey}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600);
  }

  #read(path: string): Wallet {
    const key = readFileSync(path, "utf8").trim();
    // Never echo the file's content: it may be a key in the wrong format.
    if (!PRIVATE_KEY.test(key)) throw new Error(`Key file ${path} does not hold a 0x-prefixed 32-byte hex key`);
    return new Wallet(key, this.#provider);
  }
}
