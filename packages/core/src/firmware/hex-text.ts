/**
 * ASCII hex digits, both ways, for the text record formats (Intel HEX, S-record). Readers decode
 * with a table lookup per character and writers fill a byte buffer, because an 8 MiB image is
 * ~23 MB of text and per-record strings or regexes would dominate the run time.
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

/**
 * Decodes `byteCount` bytes from the 2×`byteCount` characters at `text[from…]` into `out[0…]`.
 * Returns -1 on success, or the index in `text` of the first character that is not a hex digit.
 * The caller makes sure the characters exist and `out` is large enough.
 */
export function decodeHexBytes(text: string, from: number, byteCount: number, out: Uint8Array): number {
  let p = from;
  for (let i = 0; i < byteCount; i++, p += 2) {
    const c1 = text.charCodeAt(p);
    const c2 = text.charCodeAt(p + 1);
    const hi = c1 < 128 ? DIGIT_VALUE[c1]! : -1;
    const lo = c2 < 128 ? DIGIT_VALUE[c2]! : -1;
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
