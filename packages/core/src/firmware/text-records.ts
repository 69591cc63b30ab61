import { ImxflashError } from '../errors/imxflash-error.js';
import { type ErrorCode } from '../errors/error-codes.js';
import { type MemoryImageBuilder } from '../image/memory-image.js';
import { StridedRecordOrigin } from '../image/segment-origin.js';

/*
 * Machinery the line-oriented formats (Intel HEX, S-record) share: the file as bytes, line ends,
 * collecting data records into runs with line-number origins, and reporting a bad line.
 */

const LF = 0x0a;
const BOM_0 = 0xef;
const BOM_1 = 0xbb;
const BOM_2 = 0xbf;

/**
 * A text firmware file as the readers see it: its bytes (never decoded to a string), where the
 * first line starts, and enough to quote a character in an error the way a decoded text shows it.
 */
export class RecordText {
  private constructor(
    readonly bytes: Uint8Array,
    /** Index of the first line's first byte (after a byte-order mark). */
    readonly start: number,
    /** The caller's string, when it gave one: messages quote its characters. */
    private readonly source: string | undefined,
  ) {}

  /**
   * Bytes as they are (read as UTF-8 for messages), or a string encoded once as UTF-8. A UTF-8
   * BOM is skipped; of bytes, a second one too, as decoding (which drops one) and then skipping
   * one would.
   */
  static from(input: string | Uint8Array): RecordText {
    if (typeof input === 'string') {
      const bytes = new TextEncoder().encode(input);
      return new RecordText(bytes, hasBom(bytes, 0) ? 3 : 0, input);
    }
    // A plain view, so the readers' loops see one array type whether given a Buffer or not.
    const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const start = hasBom(bytes, 0) ? (hasBom(bytes, 3) ? 6 : 3) : 0;
    return new RecordText(bytes, start, undefined);
  }

  /**
   * How the character at byte `index` is shown in a message: `'G'`, or `U+00E9` (UTF-16 code
   * unit, as a decoded string holds it). `lineStart` is the first byte of its line, `line` the
   * line's number; everything between them and `index` must be ASCII (which holds wherever a
   * reader reports a character: only record marks and hex digits precede it).
   */
  describeChar(index: number, lineStart: number, line: number): string {
    if (this.source !== undefined) {
      const text = this.source;
      let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      for (let l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
      return describeChar(text, at + (index - lineStart));
    }
    return describeChar(utf8Decoder().decode(this.bytes.subarray(index, index + 4)), 0);
  }

  /** Characters (UTF-16 code units) that bytes [from, to) decode to. */
  charCount(from: number, to: number): number {
    return utf8Decoder().decode(this.bytes.subarray(from, to)).length;
  }
}

function hasBom(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === BOM_0 && bytes[at + 1] === BOM_1 && bytes[at + 2] === BOM_2;
}

/** A UTF-8 decoder that keeps a BOM as U+FEFF (a window mid-file may start with one); errors only. */
function utf8Decoder(): { decode(bytes: Uint8Array): string } {
  return new TextDecoder('utf-8', { ignoreBOM: true });
}

/** Index of the LF ending the line that starts at `from`, or the text's length for the last line. */
export function lineEnd(bytes: Uint8Array, from: number): number {
  const at = bytes.indexOf(LF, from);
  return at < 0 ? bytes.length : at;
}

/** `end` moved back over trailing whitespace (CR of CRLF, spaces, tabs), not before `start`. */
export function trimLineEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start) {
    const b = bytes[end - 1];
    if (b !== 0x0d && b !== 0x20 && b !== 0x09) break;
    end--;
  }
  return end;
}

/**
 * Gathers the data records of a line-oriented file (Intel HEX, S-record) into contiguous runs and
 * hands each finished run to a {@link MemoryImageBuilder} without copying it, with a
 * {@link StridedRecordOrigin} so an overlap error names `file:line` of both records.
 *
 * All runs share one buffer, one after another: size it with `expectedBytes` (half the file
 * size bounds the data of a text file: two digits per byte) and it never grows. A reader decodes
 * a record straight into `buffer` from `fill` (after {@link reserve}), checks it, then
 * {@link commit}s it: the bytes there are the same whether the record extends the current run or
 * starts a new one.
 */
export class RecordRunCollector {
  /** Finished runs, the current run, then free space from `fill`. */
  buffer: Uint8Array;
  /** Where the next record's bytes go. */
  fill = 0;
  private runStart = 0;
  private runAddress = 0;
  /** Address one past the current run; -1 when there is none. */
  private runEnd = -1;
  private origin: StridedRecordOrigin | undefined;
  /** Line and size a record must have to continue the origin's current stretch. */
  private nextLine = -1;
  private recordBytes = -1;
  private readonly formatLine: (line: number) => string;

  constructor(
    private readonly builder: MemoryImageBuilder,
    fileName: string,
    expectedBytes = 64 * 1024,
  ) {
    this.buffer = new Uint8Array(Math.max(expectedBytes, 256));
    this.formatLine = (line) => `${fileName}:${line}`;
  }

  /** Makes room for `count` bytes at `fill` and returns the buffer to write them to. */
  reserve(count: number): Uint8Array {
    if (this.fill + count > this.buffer.length) this.grow(count);
    return this.buffer;
  }

  /**
   * Takes the `count` (> 0) bytes just written at `buffer[fill…]` as data at `address`, read from
   * 1-based `line`. The caller has checked that they end at or below 4 GiB.
   */
  commit(address: number, count: number, line: number): void {
    // One test for the common case (the next record of the same run and stretch); the rest out of line.
    if (address !== this.runEnd || line !== this.nextLine || count !== this.recordBytes) this.startStretch(address, count, line);
    this.nextLine = line + 1;
    this.fill += count;
    this.runEnd = address + count;
  }

  /** Adds `source[from, from+count)` at `address`, read from 1-based `line` (a copying {@link commit}). */
  add(address: number, source: Uint8Array, from: number, count: number, line: number): void {
    if (count === 0) return;
    this.reserve(count).set(source.subarray(from, from + count), this.fill);
    this.commit(address, count, line);
  }

  /** Hands the current run to the builder; call once after the last record. */
  flush(): void {
    if (this.origin !== undefined && this.fill > this.runStart) {
      this.origin.end = this.fill - this.runStart;
      this.builder.adoptSegment(this.runAddress, this.buffer.subarray(this.runStart, this.fill), this.origin);
    }
    this.origin = undefined;
    this.runStart = this.fill;
    this.runEnd = -1;
  }

  /** Starts a stretch of the origin, after starting a run when `address` does not continue the current one. */
  private startStretch(address: number, count: number, line: number): void {
    if (address !== this.runEnd) {
      this.flush();
      this.origin = new StridedRecordOrigin(this.formatLine);
      this.runAddress = address;
    }
    this.origin!.push(this.fill - this.runStart, line, count);
    this.recordBytes = count;
  }

  /** A larger buffer holding the current run; finished runs keep the old one. */
  private grow(count: number): void {
    const runBytes = this.fill - this.runStart;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, runBytes + count));
    grown.set(this.buffer.subarray(this.runStart, this.fill));
    this.buffer = grown;
    this.runStart = 0;
    this.fill = runBytes;
  }
}

/** The error for a bad line: `app.hex:17: what`, with `{ file, line }` in details. */
export function lineError(code: ErrorCode, fileName: string, line: number, what: string, hint: string): ImxflashError {
  return new ImxflashError(code, `${fileName}:${line}: ${what}`, { hint, details: { file: fileName, line } });
}

/** How a character is shown in a message: `'G'`, or `U+0000` for control characters. */
export function describeChar(text: string, index: number): string {
  const code = text.charCodeAt(index);
  return code >= 0x20 && code < 0x7f ? `'${text[index]}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `0x0A` style, for bytes in messages. */
export function hexByte(value: number): string {
  return '0x' + value.toString(16).toUpperCase().padStart(2, '0');
}
