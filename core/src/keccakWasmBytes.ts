/**
 * The bytes of a WebAssembly module computing Keccak-256 (Ethereum's), emitted here because the machines that build
 * CredAnchor have no WebAssembly toolchain. The module is small and fixed; `keccakWasm.ts` instantiates it.
 *
 * Module layout:
 * - one exported memory `memory` (1 page initially; the caller grows it for larger inputs):
 *   bytes 0–191 hold the 24 round constants of Keccak-f[1600] (little-endian u64, a data segment), the rest is the
 *   caller's (`KECCAK_WASM_OUTPUT` for the digest, `KECCAK_WASM_INPUT` onwards for the padded message);
 * - one exported function `hash(inputPtr: i32, blockCount: i32, outPtr: i32)`: from a zero state, absorbs
 *   `blockCount` (≥ 1) already padded 136-byte blocks at `inputPtr` and writes the 32-byte digest at `outPtr`.
 *
 * The state is 25 i64 locals (lane x + 5y), the permutation straight-line code over locals per round (theta, rho and
 * pi, chi, iota) inside a loop over the rounds, so one call does all the work without touching memory but for the
 * message, the round constants and the digest. Lanes are little-endian, as WebAssembly's loads and stores are.
 */
export function keccakWasmBytes(): Uint8Array<ArrayBuffer> {
  const code = hashFunctionBody();
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(SECTION_TYPE, vector([[FUNC_TYPE, ...vector([[I32], [I32], [I32]]), ...vector([])]])),
    ...section(SECTION_FUNCTION, vector([unsigned(0)])),
    ...section(SECTION_MEMORY, vector([[LIMITS_MIN_ONLY, ...unsigned(1)]])),
    ...section(
      SECTION_EXPORT,
      vector([
        [...name("memory"), EXPORT_MEMORY, ...unsigned(0)],
        [...name("hash"), EXPORT_FUNCTION, ...unsigned(0)],
      ]),
    ),
    ...section(SECTION_CODE, vector([sized(code)])),
    ...section(SECTION_DATA, vector([[DATA_ACTIVE_MEMORY_0, OP_I32_CONST, ...signed(0), OP_END, ...sized(roundConstantBytes())]])),
  ]);
}

/** Where the caller finds the digest and puts the padded message: after the round constants, 8-byte aligned. */
export const KECCAK_WASM_OUTPUT = 256;
export const KECCAK_WASM_INPUT = 512;

/** Bytes absorbed per block: 1600 - 2 × 256 bits of capacity. */
export const KECCAK_RATE = 136;

const SECTION_TYPE = 1;
const SECTION_FUNCTION = 3;
const SECTION_MEMORY = 5;
const SECTION_EXPORT = 7;
const SECTION_CODE = 10;
const SECTION_DATA = 11;
const FUNC_TYPE = 0x60;
const I32 = 0x7f;
const I64 = 0x7e;
const LIMITS_MIN_ONLY = 0x00;
const EXPORT_FUNCTION = 0x00;
const EXPORT_MEMORY = 0x02;
const DATA_ACTIVE_MEMORY_0 = 0x00;
const BLOCK_TYPE_EMPTY = 0x40;

const OP_BLOCK = 0x02;
const OP_LOOP = 0x03;
const OP_END = 0x0b;
const OP_BR_IF = 0x0d;
const OP_LOCAL_GET = 0x20;
const OP_LOCAL_SET = 0x21;
const OP_LOCAL_TEE = 0x22;
const OP_I64_LOAD = 0x29;
const OP_I64_STORE = 0x37;
const OP_I32_CONST = 0x41;
const OP_I64_CONST = 0x42;
const OP_I32_EQZ = 0x45;
const OP_I32_NE = 0x47;
const OP_I32_ADD = 0x6a;
const OP_I32_SUB = 0x6b;
const OP_I64_AND = 0x83;
const OP_I64_XOR = 0x85;
const OP_I64_ROTL = 0x89;
/** Alignment hint of an i64 access: 2^3 bytes. */
const ALIGN_8 = 3;

/** Locals of `hash`: the three parameters, then the round offset, the state A, the rho-pi output B, theta's C and D. */
const INPUT_PTR = 0;
const BLOCK_COUNT = 1;
const OUT_PTR = 2;
const ROUND = 3;
const A = 4;
const B = A + 25;
const C = B + 25;
const D = C + 5;
const I64_LOCALS = 25 + 25 + 5 + 1;

const ROUNDS = 24;
const LANES_PER_BLOCK = KECCAK_RATE / 8;
const DIGEST_LANES = 4;

function hashFunctionBody(): number[] {
  const get = (local: number) => [OP_LOCAL_GET, ...unsigned(local)];
  const set = (local: number) => [OP_LOCAL_SET, ...unsigned(local)];
  const tee = (local: number) => [OP_LOCAL_TEE, ...unsigned(local)];
  const i32 = (value: number) => [OP_I32_CONST, ...signed(value)];
  const rotl = (by: number) => (by === 0 ? [] : [OP_I64_CONST, ...signed(by), OP_I64_ROTL]);
  const memory = (op: number, offset: number) => [op, ALIGN_8, ...unsigned(offset)];
  const lane = (x: number, y: number) => (x % 5) + 5 * (y % 5);
  const offsets = rotationOffsets();

  const absorb: number[] = [];
  for (let i = 0; i < LANES_PER_BLOCK; i++) {
    absorb.push(...get(A + i), ...get(INPUT_PTR), ...memory(OP_I64_LOAD, 8 * i), OP_I64_XOR, ...set(A + i));
  }

  const round: number[] = [];
  for (let x = 0; x < 5; x++) {
    round.push(...get(A + x));
    for (let y = 1; y < 5; y++) round.push(...get(A + lane(x, y)), OP_I64_XOR);
    round.push(...set(C + x));
  }
  for (let x = 0; x < 5; x++) {
    round.push(...get(C + ((x + 4) % 5)), ...get(C + ((x + 1) % 5)), ...rotl(1), OP_I64_XOR, ...set(D));
    for (let y = 0; y < 5; y++) round.push(...get(A + lane(x, y)), ...get(D), OP_I64_XOR, ...set(A + lane(x, y)));
  }
  // rho and pi: B[y, 2x + 3y] = A[x, y] rotated.
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) round.push(...get(A + lane(x, y)), ...rotl(offsets[lane(x, y)]!), ...set(B + lane(y, 2 * x + 3 * y)));
  }
  // chi: A[x, y] = B[x, y] ^ (~B[x + 1, y] & B[x + 2, y]).
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      round.push(...get(B + lane(x, y)), ...get(B + lane(x + 1, y)), OP_I64_CONST, ...signed(-1), OP_I64_XOR);
      round.push(...get(B + lane(x + 2, y)), OP_I64_AND, OP_I64_XOR, ...set(A + lane(x, y)));
    }
  }
  // iota: the round constant at byte offset ROUND of the data segment.
  round.push(...get(A), ...get(ROUND), ...memory(OP_I64_LOAD, 0), OP_I64_XOR, ...set(A));

  const squeeze: number[] = [];
  for (let i = 0; i < DIGEST_LANES; i++) squeeze.push(...get(OUT_PTR), ...get(A + i), ...memory(OP_I64_STORE, 8 * i));

  return [
    ...vector([
      [...unsigned(1), I32],
      [...unsigned(I64_LOCALS), I64],
    ]),
    OP_BLOCK, BLOCK_TYPE_EMPTY,
    ...get(BLOCK_COUNT), OP_I32_EQZ, OP_BR_IF, ...unsigned(0),
    OP_LOOP, BLOCK_TYPE_EMPTY,
    ...absorb,
    ...i32(0), ...set(ROUND),
    OP_LOOP, BLOCK_TYPE_EMPTY,
    ...round,
    ...get(ROUND), ...i32(8), OP_I32_ADD, ...tee(ROUND), ...i32(8 * ROUNDS), OP_I32_NE, OP_BR_IF, ...unsigned(0),
    OP_END,
    ...get(INPUT_PTR), ...i32(KECCAK_RATE), OP_I32_ADD, ...set(INPUT_PTR),
    ...get(BLOCK_COUNT), ...i32(1), OP_I32_SUB, ...tee(BLOCK_COUNT), OP_BR_IF, ...unsigned(0),
    OP_END,
    OP_END,
    ...squeeze,
    OP_END,
  ];
}

/** rho's rotation of lane x + 5y: the t-th lane of the walk (1, 0) → (y, 2x + 3y) turns by (t + 1)(t + 2)/2 mod 64. */
function rotationOffsets(): number[] {
  const offsets = new Array<number>(25).fill(0);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    offsets[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  return offsets;
}

/** iota's round constants from the spec's degree-8 LFSR (x^8 + x^6 + x^5 + x^4 + 1), as little-endian u64s. */
function roundConstantBytes(): number[] {
  const bytes = new Array<number>(8 * ROUNDS).fill(0);
  let lfsr = 1;
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < 7; j++) {
      const bit = (1 << j) - 1;
      if (lfsr & 1) bytes[8 * round + (bit >> 3)]! |= 1 << (bit & 7);
      lfsr = lfsr & 0x80 ? ((lfsr << 1) ^ 0x71) & 0xff : lfsr << 1;
    }
  }
  return bytes;
}

function unsigned(value: number): number[] {
  const out: number[] = [];
  do {
    const byte = value & 0x7f;
    value >>>= 7;
    out.push(value === 0 ? byte : byte | 0x80);
  } while (value !== 0);
  return out;
}

function signed(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function vector(items: number[][]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function sized(bytes: number[]): number[] {
  return [...unsigned(bytes.length), ...bytes];
}

function name(text: string): number[] {
  return sized([...text].map((character) => character.charCodeAt(0)));
}

function section(id: number, content: number[]): number[] {
  return [id, ...sized(content)];
}
