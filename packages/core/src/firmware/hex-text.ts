/**
 * ASCII hex digits, both ways, for the text record formats (Intel HEX, S-record). Readers decode
 * the file's bytes with one table lookup per digit pair and writers fill a byte buffer, because an
 * 8 MiB image is ~23 MB of text and per-record strings or regexes would dominate the run time.
 */

/** Digit value by character code (either case), -1 for anything that is not a hex digit. */
const DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 10; d++) DIGIT_VALUE[0x30 + d] = d;
for (let d = 0; d < 6; d++) {
  DIGIT_VALUE[0x41 + d] = 10 + d;
  DIGIT_VALUE[0x61 + d] = 10 + d;
}

/** Upper-case digit character codes, the way objcopy writes them. */
const DIGIT_CODE = Uint8Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0));

/** Value of the hex digit with character code `code`, or -1. */
export function hexDigitValue(code: number): number {
  return code < 128 ? DIGIT_VALUE[code]! : -1;
}

/** Character codes of the 22 hex digits (both cases). */
const HEX_DIGIT_CODES = Uint8Array.from('0123456789ABCDEFabcdef', (c) => c.charCodeAt(0));

let hexPairs: Int16Array | undefined;

/**
 * Byte value of the two-digit hex pair whose character codes are `c1`, `c2`, indexed by
 * `(c1 << 8) | c2` (c1, c2 < 256), or -1 when either is not a hex digit. One lookup decodes and
 * validates a pair; the readers OR the results of a record together and test the sign once.
 * 128 KiB, built on first use.
 */
export function hexPairTable(): Int16Array {
  if (hexPairs === undefined) {
    hexPairs = new Int16Array(0x1_0000).fill(-1);
    for (const c1 of HEX_DIGIT_CODES) {
      for (const c2 of HEX_DIGIT_CODES) hexPairs[(c1 << 8) | c2] = (DIGIT_VALUE[c1]! << 4) | DIGIT_VALUE[c2]!;
    }
  }
  return hexPairs;
}

/**
 * Decodes the digit pairs of `text[from, to)` (an even count, read through `view`, a DataView of
 * the same bytes) into `out[at…]` with {@link hexPairTable} `pairs`. Returns the sum of the
 * decoded bytes, or -1 when a character is not a hex digit (`out` then holds garbage there).
 * Loads four characters at a time: the readers' hot loop, about a nanosecond per character.
 */
export function decodeHexPairs(view: DataView, from: number, to: number, pairs: Int16Array, out: Uint8Array, at: number): number {
  let p = from;
  let sum = 0;
  let bad = 0;
  for (; p + 8 <= to; p += 8, at += 4) {
    const w = view.getUint32(p); // big-endian: the first character in the high byte
    const x = view.getUint32(p + 4);
    const v1 = pairs[w >>> 16]!;
    const v2 = pairs[w & 0xffff]!;
    const v3 = pairs[x >>> 16]!;
    const v4 = pairs[x & 0xffff]!;
    bad |= v1 | v2 | v3 | v4;
    sum += v1 + v2 + v3 + v4;
    out[at] = v1;
    out[at + 1] = v2;
    out[at + 2] = v3;
    out[at + 3] = v4;
  }
  for (; p < to; p += 2, at++) {
    const v = pairs[view.getUint16(p)]!;
    bad |= v;
    sum += v;
    out[at] = v;
  }
  return bad < 0 ? -1 : sum;
}

/**
 * Decodes `byteCount` bytes from the 2×`byteCount` characters at `text[from…]` into `out[0…]`.
 * Returns -1 on success, or the index in `text` of the first character that is not a hex digit.
 * The caller makes sure the characters exist and `out` is large enough.
 */
export function decodeHexBytes(text: Uint8Array, from: number, byteCount: number, out: Uint8Array): number {
  let p = from;
  for (let i = 0; i < byteCount; i++, p += 2) {
    const hi = hexDigitValue(text[p]!);
    const lo = hexDigitValue(text[p + 1]!);
    if ((hi | lo) < 0) return hi < 0 ? p : p + 1;
    out[i] = (hi << 4) | lo;
  }
  return -1;
}

/** A growing ASCII buffer that writers put characters and upper-case hex bytes into. */
export class AsciiHexBuffer {
  private bytes: Uint8Array;
  private length = 0;

  constructor(expectedBytes = 4096) {
    this.bytes = new Uint8Array(Math.max(expectedBytes, 64));
  }

  /** Makes room for `count` more characters; call before the put* methods. */
  reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Appends one ASCII character by code (room must be reserved). */
  putChar(code: number): void {
    this.bytes[this.length++] = code;
  }

  /** Appends `value` (0–255) as two upper-case hex digits (room must be reserved). */
  putByte(value: number): void {
    this.bytes[this.length++] = DIGIT_CODE[(value >> 4) & 0xf]!;
    this.bytes[this.length++] = DIGIT_CODE[value & 0xf]!;
  }

  /** The text written so far. */
  toString(): string {
    return new TextDecoder().decode(this.bytes.subarray(0, this.length));
  }
}
