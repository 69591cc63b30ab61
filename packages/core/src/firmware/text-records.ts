import { ImxflashError } from '../errors/imxflash-error.js';
import { type ErrorCode } from '../errors/error-codes.js';
import { type MemoryImageBuilder } from '../image/memory-image.js';
import { RecordOrigin } from '../image/segment-origin.js';

/*
 * Machinery the line-oriented formats (Intel HEX, S-record) share: walking lines, collecting data
 * records into runs with line-number origins, and reporting a bad line.
 */

/** Walks the non-blank lines of a text, trailing whitespace (and CR of CRLF) trimmed. */
export class LineCursor {
  /** 1-based number of the current line. */
  line = 0;
  /** The current line is `text.slice(start, end)`; not materialized, to avoid a string per line. */
  start = 0;
  end = 0;
  private next: number;

  constructor(private readonly text: string) {
    this.next = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a UTF-8 BOM some editors add
  }

  /** Moves to the next non-blank line; false at the end of the text. */
  advance(): boolean {
    const text = this.text;
    while (this.next < text.length) {
      this.line++;
      const start = this.next;
      let end = text.indexOf('\n', start);
      if (end === -1) {
        end = text.length;
        this.next = end;
      } else this.next = end + 1;
      while (end > start && isTrailingSpace(text.charCodeAt(end - 1))) end--;
      if (end > start) {
        this.start = start;
        this.end = end;
        return true;
      }
    }
    return false;
  }
}

function isTrailingSpace(code: number): boolean {
  return code === 0x0d || code === 0x20 || code === 0x09;
}

/**
 * Gathers the data records of a line-oriented file (Intel HEX, S-record) into contiguous runs
 * and hands each finished run to a {@link MemoryImageBuilder} with its own {@link RecordOrigin},
 * so an overlap error names `file:line` of both records. A RecordOrigin maps offsets within one
 * run only, hence a fresh one whenever the address jumps. Buffering here (one copy per byte,
 * one `addSegment` per run) keeps readers free of per-record allocations.
 */
export class RecordRunCollector {
  private buffer = new Uint8Array(64 * 1024);
  private runAddress = 0;
  private runLength = 0;
  private origin: RecordOrigin | undefined;
  private readonly formatLine: (line: number) => string;

  constructor(
    private readonly builder: MemoryImageBuilder,
    fileName: string,
  ) {
    this.formatLine = (line) => `${fileName}:${line}`;
  }

  /**
   * Adds `source[from, from+count)` at `address`, read from 1-based `line`. The caller has checked
   * that the bytes end at or below 4 GiB.
   */
  add(address: number, source: Uint8Array, from: number, count: number, line: number): void {
    if (count === 0) return;
    if (this.origin === undefined || address !== this.runAddress + this.runLength) {
      this.flush();
      this.origin = new RecordOrigin(this.formatLine);
      this.runAddress = address;
    }
    this.origin.push(this.runLength, line);
    if (this.runLength + count > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.runLength + count));
      grown.set(this.buffer.subarray(0, this.runLength));
      this.buffer = grown;
    }
    const buffer = this.buffer;
    const at = this.runLength;
    for (let i = 0; i < count; i++) buffer[at + i] = source[from + i]!;
    this.runLength += count;
  }

  /** Hands the current run to the builder (which copies it); call once after the last record. */
  flush(): void {
    if (this.origin !== undefined && this.runLength > 0) {
      this.builder.addSegment(this.runAddress, this.buffer.subarray(0, this.runLength), this.origin);
    }
    this.origin = undefined;
    this.runLength = 0;
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
