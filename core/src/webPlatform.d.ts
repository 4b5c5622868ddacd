/**
 * The few Web platform APIs core uses, all present in every current browser and in Node ≥ 20 alike. Declared here
 * so that core compiles against plain ES2022 and cannot reach for the DOM or Node by accident.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;

type KeyUsage = "encrypt" | "decrypt";
interface AesGcmParams {
  name: "AES-GCM";
  iv: Uint8Array<ArrayBuffer>;
  additionalData?: Uint8Array<ArrayBuffer>;
  tagLength?: number;
}
interface CryptoKey {
  readonly type: string;
}
interface SubtleCrypto {
  importKey(format: "raw", keyData: Uint8Array<ArrayBuffer>, algorithm: { name: "AES-GCM" }, extractable: boolean, usages: KeyUsage[]): Promise<CryptoKey>;
  encrypt(algorithm: AesGcmParams, key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParams, key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}
interface Crypto {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends Uint8Array<ArrayBuffer>>(array: T): T;
  randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
}
// eslint-disable-next-line no-var
declare var crypto: Crypto;
interface AbortSignal {
  readonly aborted: boolean;
}
// eslint-disable-next-line no-var
declare var AbortSignal: { timeout(milliseconds: number): AbortSignal };
declare function setTimeout(handler: () => void, milliseconds?: number): unknown;
/** Just what `keccakWasm.ts` uses to instantiate its module. */
declare namespace WebAssembly {
  class Module {
    private constructor();
  }
  class Instance {
    private constructor();
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    private constructor();
    readonly buffer: ArrayBuffer;
    grow(deltaPages: number): number;
  }
  function instantiate(bytes: Uint8Array<ArrayBuffer>): Promise<{ module: Module; instance: Instance }>;
}
