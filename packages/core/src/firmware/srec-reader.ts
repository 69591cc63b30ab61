import { type ErrorCode } from '../errors/error-codes.js';
import { MemoryImage, MemoryImageBuilder } from '../image/memory-image.js';
import { hex32 } from '../util/hex.js';
import { decodeHexBytes, decodeHexPairs, hexDigitValue, hexPairTable } from './hex-text.js';
import { hexByte, lineEnd, lineError, RecordRunCollector, RecordText, trimLineEnd } from './text-records.js';

// Motorola S-record (M68000 Family Programmer's Reference Manual, appendix C; srec(5)): each line
// is 'S' T CC AA… DD… KK, CC = count of the address, data and checksum bytes that follow, KK =
// one's complement of the low byte of the sum of CC, address and data bytes.
const LETTER_S = 0x53;
const DIGIT_0 = 0x30;
const LF = 0x0a;
const CR = 0x0d;
/** The longest record: count 0xFF, as hex digits after 'Sn'. */
const MAX_DIGITS = 2 * (1 + 255);
const ADDRESS_LIMIT = 0x1_0000_0000;
/** Address field bytes by record type; S4 is reserved (-1). */
const ADDRESS_BYTES = [2, 2, 3, 4, -1, 2, 3, 4, 3, 2];

const HINT_RECORD = "Each line must be 'S', a type digit and hex digits (count, address, data, checksum). Regenerate the file (e.g. objcopy -O srec), or pass --input-format if it is not an S-record file.";
const HINT_CHECKSUM = 'The file is corrupt or was edited by hand; regenerate it from the build (e.g. objcopy -O srec).';

/**
 * Reads a Motorola S-record file into a {@link MemoryImage}; every checksum and count is checked.
 *
 * - S0 (header) is read and ignored. S1/S2/S3 carry data at 16/24/32-bit addresses.
 * - S5/S6 hold the number of S1–S3 records so far; a different number is SREC_BAD_RECORD.
 * - S7/S8/S9 end the data and give the start address. An address of 0 means "none": the record
 *   is mandatory, and srec_cat/objcopy write 0 when there is no start address, so `entry` stays
 *   undefined. Whatever follows the termination record is ignored, like data after a HEX EOF.
 *   A missing termination record is accepted.
 * - S4 is reserved: SREC_UNKNOWN_RECORD_TYPE.
 *
 * Errors name the file and 1-based line (also in `details`): SREC_BAD_RECORD,
 * SREC_BAD_CHECKSUM, SREC_UNKNOWN_RECORD_TYPE, SREC_ADDRESS_OVERFLOW; differing overlaps throw
 * IMAGE_OVERLAP naming both lines.
 *
 * `input` is the file's bytes (UTF-8, as far as messages quote characters) or its text. The bytes
 * are parsed as they are: an S1–S3 record that is well formed and ends in LF, CRLF or the end of
 * the file is decoded straight into the image (the fast path); any other line goes through the
 * full checks, which also give every error its message.
 */
export function readSrec(input: string | Uint8Array, fileName: string): MemoryImage {
  const text = RecordText.from(input);
  const bytes = text.bytes;
  const length = bytes.length;
  const builder = new MemoryImageBuilder();
  const runs = new RecordRunCollector(builder, fileName, (length >> 1) + 1);
  const record = new Uint8Array(MAX_DIGITS / 2);
  const at: SrecPosition = { next: text.start, line: 0, dataRecords: 0 };

  // Every message names the file and the line.
  const fail = (code: ErrorCode, line: number, what: string, hint = HINT_RECORD): never => {
    throw lineError(code, fileName, line, what, hint);
  };
  const badChar = (index: number, lineStart: number, line: number): never =>
    fail('SREC_BAD_RECORD', line, `${text.describeChar(index, lineStart, line)} at column ${index - lineStart + 1} is not a hex digit`);

  lines: for (;;) {
    readDataRecords(bytes, at, runs);
    if (at.next >= length) break;
    // A line the fast path left: anything but a well-formed S1–S3 record (or a bad one).
    const line = ++at.line;
    const lineStart = at.next;
    const lf = lineEnd(bytes, lineStart);
    at.next = lf + 1;
    const end = trimLineEnd(bytes, lineStart, lf);
    if (end === lineStart) continue; // blank line
    if (bytes[lineStart] !== LETTER_S) fail('SREC_BAD_RECORD', line, `line starts with ${text.describeChar(lineStart, lineStart, line)}, not 'S'`);
    if (end - lineStart < 2) fail('SREC_BAD_RECORD', line, "record is truncated: nothing follows 'S'");
    const type = bytes[lineStart + 1]! - DIGIT_0;
    if (!(type >= 0 && type <= 9)) fail('SREC_BAD_RECORD', line, `'S' is followed by ${text.describeChar(lineStart + 1, lineStart, line)}, not a record type digit`);
    const first = lineStart + 2;
    let digits = end - first;
    if (digits > MAX_DIGITS) {
      // Counted in characters, as the text shows them; a line of fewer has a bad character below.
      digits = text.charCount(first, end);
      if (digits > MAX_DIGITS) fail('SREC_BAD_RECORD', line, `record has ${digits} hex digits after S${type}; the longest possible has ${MAX_DIGITS}`);
      for (let p = first; ; p++) if (hexDigitValue(bytes[p]!) < 0) badChar(p, lineStart, line);
    }
    const byteCount = digits >> 1;
    const bad = decodeHexBytes(bytes, first, byteCount, record);
    if (bad >= 0) badChar(bad, lineStart, line);
    if (digits & 1) {
      if (hexDigitValue(bytes[end - 1]!) < 0) badChar(end - 1, lineStart, line);
      fail('SREC_BAD_RECORD', line, `record has an odd number of hex digits (${digits})`);
    }
    if (byteCount < 2) fail('SREC_BAD_RECORD', line, `record is truncated: ${digits} hex digits after S${type}`);

    const count = record[0]!;
    if (byteCount !== count + 1) fail('SREC_BAD_RECORD', line, `count ${hexByte(count)} needs ${2 * (count + 1)} hex digits after S${type}, the line has ${digits}`);
    let sum = 0;
    for (let i = 0; i < count; i++) sum += record[i]!;
    const expected = ~sum & 0xff;
    const found = record[count]!;
    if (found !== expected) fail('SREC_BAD_CHECKSUM', line, `checksum is ${hexByte(found)}, expected ${hexByte(expected)}`, HINT_CHECKSUM);

    const addressBytes = ADDRESS_BYTES[type]!;
    if (addressBytes < 0) fail('SREC_UNKNOWN_RECORD_TYPE', line, `S${type} is a reserved record type`, 'Regenerate the file with your toolchain (e.g. objcopy -O srec); only S0–S3 and S5–S9 are defined.');
    if (count < addressBytes + 1) fail('SREC_BAD_RECORD', line, `an S${type} record needs a count of at least ${hexByte(addressBytes + 1)}, this one has ${hexByte(count)}`);
    let address = 0;
    for (let i = 1; i <= addressBytes; i++) address = address * 256 + record[i]!;
    const dataBytes = count - addressBytes - 1;
    if (type >= 5 && dataBytes !== 0) fail('SREC_BAD_RECORD', line, `an S${type} record carries no data, this one has ${dataBytes} bytes`);

    switch (type) {
      case 1:
      case 2:
      case 3:
        if (address + dataBytes > ADDRESS_LIMIT) {
          fail('SREC_ADDRESS_OVERFLOW', line, `data record at ${hex32(address)} (+${dataBytes} bytes) runs past 0xFFFFFFFF`, 'Regenerate the file; no S3 record may reach past the 32-bit address space.');
        }
        runs.add(address, record, 1 + addressBytes, dataBytes, line);
        at.dataRecords++;
        break;
      case 5:
      case 6:
        if (address !== at.dataRecords) {
          fail('SREC_BAD_RECORD', line, `S${type} says ${address} data records, the file has ${at.dataRecords} before it`, 'Records are missing or duplicated; regenerate the file from the build.');
        }
        break;
      case 7:
      case 8:
      case 9:
        if (address !== 0) builder.setEntry(address);
        break lines;
      default: // S0 header: a name or version for humans; nothing to load.
        break;
    }
  }
  runs.flush();
  return builder.build();
}

/** Where reading has got to: the next line's first byte, the number of the line before it, S1–S3 records so far. */
interface SrecPosition {
  next: number;
  line: number;
  dataRecords: number;
}

/**
 * The fast path: decodes consecutive well-formed S1–S3 records that end in LF, CRLF or the end of
 * the file straight into `runs`, one table lookup per digit pair, and stops at the first line
 * that needs the full checks (other types, blank lines, trailing blanks, any error). A loop of
 * its own, so the JIT compiles it without the rarely taken paths of the full checks.
 */
function readDataRecords(bytes: Uint8Array, at: SrecPosition, runs: RecordRunCollector): void {
  const pairs = hexPairTable();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.length;
  let next = at.next;
  let line = at.line;
  while (next + 4 <= length && bytes[next] === LETTER_S) {
    // 'S' T CC AA… DD… KK for T = 1, 2, 3 (2, 3, 4 address bytes).
    const addressBytes = bytes[next + 1]! - DIGIT_0 + 1;
    const count = pairs[view.getUint16(next + 2)]!;
    if (addressBytes < 2 || addressBytes > 4 || count < addressBytes + 1) break;
    const end = next + 4 + 2 * count; // one past the checksum digits
    let after: number;
    if (end === length) after = length;
    else if (end < length && bytes[end] === LF) after = end + 1;
    else if (end + 1 < length && bytes[end] === CR && bytes[end + 1] === LF) after = end + 2;
    else break;
    let address = 0;
    let addressSum = 0;
    let bad = 0;
    for (let p = next + 4, stop = p + 2 * addressBytes; p < stop; p += 2) {
      const value = pairs[view.getUint16(p)]!;
      bad |= value;
      addressSum += value;
      address = address * 256 + value;
    }
    const dataBytes = count - addressBytes - 1;
    if (bad < 0 || address + dataBytes > ADDRESS_LIMIT) break;

    const dataFrom = next + 4 + 2 * addressBytes;
    const sum = decodeHexPairs(view, dataFrom, end - 2, pairs, runs.reserve(dataBytes), runs.fill);
    const checksum = pairs[view.getUint16(end - 2)]!;
    // One's complement: count, address, data and checksum add up to 0xFF (mod 256).
    if ((sum | checksum) < 0 || ((count + addressSum + sum + checksum) & 0xff) !== 0xff) break; // the full checks say what is wrong
    line++;
    if (dataBytes !== 0) runs.commit(address, dataBytes, line);
    next = after;
    // Saved per record, not after the loop: a store first reached in optimized code would deoptimize it.
    at.next = next;
    at.line = line;
    at.dataRecords++;
  }
}
