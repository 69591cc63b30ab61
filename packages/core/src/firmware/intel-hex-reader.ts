import { type ErrorCode } from '../errors/error-codes.js';
import { MemoryImage, MemoryImageBuilder } from '../image/memory-image.js';
import { hex, hex32 } from '../util/hex.js';
import { decodeHexBytes, decodeHexPairs, hexDigitValue, hexPairTable } from './hex-text.js';
import { hexByte, lineEnd, lineError, RecordRunCollector, RecordText, trimLineEnd } from './text-records.js';

// Intel HEX (Intel, "Hexadecimal Object File Format Specification", rev. A, 1988): each line is
// ':' LL AAAA TT DD… CC, LL = data byte count, AAAA = 16-bit offset, TT = type, CC = two's
// complement of the sum of all other bytes.
const COLON = 0x3a;
const LF = 0x0a;
const CR = 0x0d;
/** Count, two address bytes, type and checksum: the bytes of a record besides its data. */
const OVERHEAD_BYTES = 5;
/** The longest record: 255 data bytes, as hex digits after the ':'. */
const MAX_DIGITS = 2 * (255 + OVERHEAD_BYTES);
const ADDRESS_LIMIT = 0x1_0000_0000;
const SEGMENT_BYTES = 0x1_0000;

const TYPE_NAMES = ['data', 'end-of-file', 'extended segment address', 'start segment address', 'extended linear address', 'start linear address'];
/** Data bytes each non-data record type must carry (types 01–05). */
const FIXED_LENGTH = [-1, 0, 2, 4, 2, 4];

const HINT_RECORD = "Each line must be ':' followed by hex digits (count, address, type, data, checksum). Regenerate the file (e.g. objcopy -O ihex), or pass --input-format if it is not Intel HEX.";
const HINT_CHECKSUM = 'The file is corrupt or was edited by hand; regenerate it from the build (e.g. objcopy -O ihex).';

/**
 * Reads an Intel HEX file into a {@link MemoryImage}; every checksum and record length is checked.
 *
 * - Record types 00–05. Type 02 sets a segment base (value × 16) and offsets wrap within its
 *   64 KiB (spec: SBA + ((DRLO + DRI) mod 64K)); type 04 sets bits 31–16 and data runs on
 *   linearly, so data past 0xFFFFFFFF is HEX_ADDRESS_OVERFLOW. Types 03 (CS×16+IP) and 05 set
 *   `entry`; the last one wins.
 * - Reading stops at the EOF record (01): whatever follows (padding, a DOS ^Z, a second file
 *   someone concatenated) is ignored unread. A missing EOF record is accepted, as many tools and
 *   hand-cut files omit it and every record carries its own checksum.
 * - LF or CRLF, blank lines and trailing whitespace are fine; any other line must start with ':'.
 *
 * Errors name the file and 1-based line (also in `details`): HEX_BAD_RECORD, HEX_BAD_CHECKSUM,
 * HEX_UNKNOWN_RECORD_TYPE, HEX_ADDRESS_OVERFLOW; differing overlaps throw IMAGE_OVERLAP naming
 * both lines.
 *
 * `input` is the file's bytes (UTF-8, as far as messages quote characters) or its text. The bytes
 * are parsed as they are: a data record that is well formed and ends in LF, CRLF or the end of
 * the file is decoded straight into the image (the fast path); any other line goes through the
 * full checks, which also give every error its message.
 */
export function readIntelHex(input: string | Uint8Array, fileName: string): MemoryImage {
  const text = RecordText.from(input);
  const bytes = text.bytes;
  const length = bytes.length;
  const builder = new MemoryImageBuilder();
  const runs = new RecordRunCollector(builder, fileName, (length >> 1) + 1);
  const record = new Uint8Array(MAX_DIGITS / 2);
  const at: LinePosition = { next: text.start, line: 0 };
  let base = 0;
  let segmentMode = false;

  // Every message names the file and the line.
  const fail = (code: ErrorCode, line: number, what: string, hint = HINT_RECORD): never => {
    throw lineError(code, fileName, line, what, hint);
  };
  const badChar = (index: number, lineStart: number, line: number): never =>
    fail('HEX_BAD_RECORD', line, `${text.describeChar(index, lineStart, line)} at column ${index - lineStart + 1} is not a hex digit`);

  lines: for (;;) {
    readDataRecords(bytes, at, runs, base, segmentMode);
    if (at.next >= length) break;
    // A line the fast path left: anything but a well-formed data record (or a bad one).
    const line = ++at.line;
    const lineStart = at.next;
    const lf = lineEnd(bytes, lineStart);
    at.next = lf + 1;
    const end = trimLineEnd(bytes, lineStart, lf);
    if (end === lineStart) continue; // blank line
    if (bytes[lineStart] !== COLON) fail('HEX_BAD_RECORD', line, `line starts with ${text.describeChar(lineStart, lineStart, line)}, not ':'`);
    const first = lineStart + 1;
    let digits = end - first;
    if (digits > MAX_DIGITS) {
      // Counted in characters, as the text shows them; a line of fewer has a bad character below.
      digits = text.charCount(first, end);
      if (digits > MAX_DIGITS) fail('HEX_BAD_RECORD', line, `record has ${digits} hex digits; the longest possible has ${MAX_DIGITS}`);
      for (let p = first; ; p++) if (hexDigitValue(bytes[p]!) < 0) badChar(p, lineStart, line);
    }
    const byteCount = digits >> 1;
    const bad = decodeHexBytes(bytes, first, byteCount, record);
    if (bad >= 0) badChar(bad, lineStart, line);
    if (digits & 1) {
      if (hexDigitValue(bytes[end - 1]!) < 0) badChar(end - 1, lineStart, line);
      fail('HEX_BAD_RECORD', line, `record has an odd number of hex digits (${digits})`);
    }
    if (byteCount < OVERHEAD_BYTES) fail('HEX_BAD_RECORD', line, `record is truncated: ${digits} hex digits, at least ${2 * OVERHEAD_BYTES} needed`);

    const dataBytes = record[0]!;
    if (byteCount !== dataBytes + OVERHEAD_BYTES) {
      fail('HEX_BAD_RECORD', line, `byte count ${hex(dataBytes)} needs ${2 * (dataBytes + OVERHEAD_BYTES)} hex digits after ':', the line has ${digits}`);
    }
    let sum = 0;
    for (let i = 0; i < byteCount - 1; i++) sum += record[i]!;
    const expected = -sum & 0xff;
    const found = record[byteCount - 1]!;
    if (found !== expected) fail('HEX_BAD_CHECKSUM', line, `checksum is ${hexByte(found)}, expected ${hexByte(expected)}`, HINT_CHECKSUM);

    const offset = (record[1]! << 8) | record[2]!;
    const type = record[3]!;
    if (type > 5) {
      fail('HEX_UNKNOWN_RECORD_TYPE', line, `record type ${hexByte(type)} is not an Intel HEX type (00–05)`, 'Regenerate the file with your toolchain (e.g. objcopy -O ihex); only types 00–05 exist.');
    }
    if (type !== 0 && dataBytes !== FIXED_LENGTH[type]) {
      fail('HEX_BAD_RECORD', line, `a type ${hexByte(type)} (${TYPE_NAMES[type]}) record carries ${FIXED_LENGTH[type]} data bytes, this one ${dataBytes}`);
    }
    const value16 = (record[4]! << 8) | record[5]!;
    switch (type) {
      case 0: {
        if (segmentMode) {
          // Offsets wrap inside the 64 KiB segment: the tail of the record lands at its start.
          const head = Math.min(dataBytes, SEGMENT_BYTES - offset);
          runs.add(base + offset, record, 4, head, line);
          runs.add(base, record, 4 + head, dataBytes - head, line);
        } else {
          const address = base + offset;
          if (address + dataBytes > ADDRESS_LIMIT) {
            fail('HEX_ADDRESS_OVERFLOW', line, `data record at ${hex32(address)} (+${dataBytes} bytes) runs past 0xFFFFFFFF`, 'Check the extended linear address record (type 04) before this line; regenerate the file.');
          }
          runs.add(address, record, 4, dataBytes, line);
        }
        break;
      }
      case 1:
        break lines;
      case 2:
        base = value16 * 16;
        segmentMode = true;
        break;
      case 3:
        builder.setEntry(value16 * 16 + ((record[6]! << 8) | record[7]!));
        break;
      case 4:
        base = value16 * 0x1_0000;
        segmentMode = false;
        break;
      case 5:
        builder.setEntry(value16 * 0x1_0000 + ((record[6]! << 8) | record[7]!));
        break;
    }
  }
  runs.flush();
  return builder.build();
}

/** Where reading has got to: the next line's first byte and the number of the line before it. */
interface LinePosition {
  next: number;
  line: number;
}

/**
 * The fast path: decodes consecutive well-formed data records that end in LF, CRLF or the end of
 * the file straight into `runs`, one table lookup per digit pair, and stops at the first line
 * that needs the full checks (other types, blank lines, trailing blanks, any error). A loop of
 * its own, so the JIT compiles it without the rarely taken paths of the full checks.
 */
function readDataRecords(bytes: Uint8Array, at: LinePosition, runs: RecordRunCollector, base: number, segmentMode: boolean): void {
  const pairs = hexPairTable();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.length;
  let next = at.next;
  let line = at.line;
  while (next + 11 <= length && bytes[next] === COLON) {
    const head = view.getUint32(next + 1); // LL AA
    const dataBytes = pairs[head >>> 16]!;
    const offsetHi = pairs[head & 0xffff]!;
    const tail = view.getUint32(next + 5); // AA TT
    const offsetLo = pairs[tail >>> 16]!;
    if ((dataBytes | offsetHi | offsetLo) < 0 || pairs[tail & 0xffff] !== 0) break;
    const end = next + 11 + 2 * dataBytes; // one past the checksum digits
    let after: number;
    if (end === length) after = length;
    else if (end < length && bytes[end] === LF) after = end + 1;
    else if (end + 1 < length && bytes[end] === CR && bytes[end + 1] === LF) after = end + 2;
    else break;
    const offset = (offsetHi << 8) | offsetLo;
    if (segmentMode ? offset + dataBytes > SEGMENT_BYTES : base + offset + dataBytes > ADDRESS_LIMIT) break;

    const sum = decodeHexPairs(view, next + 9, end - 2, pairs, runs.reserve(dataBytes), runs.fill);
    const checksum = pairs[view.getUint16(end - 2)]!;
    // Two's complement: all bytes including the checksum add up to 0 (mod 256).
    if ((sum | checksum) < 0 || ((dataBytes + offsetHi + offsetLo + sum + checksum) & 0xff) !== 0) break; // the full checks say what is wrong
    line++;
    if (dataBytes !== 0) runs.commit(base + offset, dataBytes, line);
    next = after;
    // Saved per record, not after the loop: a store first reached in optimized code would deoptimize it.
    at.next = next;
    at.line = line;
  }
}
