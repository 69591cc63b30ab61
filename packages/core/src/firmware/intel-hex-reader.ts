import { type ErrorCode } from '../errors/error-codes.js';
import { MemoryImage, MemoryImageBuilder } from '../image/memory-image.js';
import { hex, hex32 } from '../util/hex.js';
import { decodeHexBytes, hexDigitValue } from './hex-text.js';
import { describeChar, hexByte, LineCursor, lineError, RecordRunCollector } from './text-records.js';

// Intel HEX (Intel, "Hexadecimal Object File Format Specification", rev. A, 1988): each line is
// ':' LL AAAA TT DD… CC, LL = data byte count, AAAA = 16-bit offset, TT = type, CC = two's
// complement of the sum of all other bytes.
const COLON = 0x3a;
/** Count, two address bytes, type and checksum: the bytes of a record besides its data. */
const OVERHEAD_BYTES = 5;
/** The longest record: 255 data bytes, as hex digits after the ':'. */
const MAX_DIGITS = 2 * (255 + OVERHEAD_BYTES);
const ADDRESS_LIMIT = 0x1_0000_0000;
const SEGMENT_BYTES = 0x1_0000;

const TYPE_NAMES = ['data', 'end-of-file', 'extended segment address', 'start segment address', 'extended linear address', 'start linear address'];
/** Data bytes each non-data record type must carry (types 01–05). */
const FIXED_LENGTH = [-1, 0, 2, 4, 2, 4];

const HINT_RECORD = "Each line must be ':' followed by hex digits (count, address, type, data, checksum). Regenerate the file (e.g. objcopy -O ihex), or pass --format if it is not Intel HEX.";
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
 */
export function readIntelHex(text: string, fileName: string): MemoryImage {
  const builder = new MemoryImageBuilder();
  const runs = new RecordRunCollector(builder, fileName);
  const cursor = new LineCursor(text);
  const record = new Uint8Array(MAX_DIGITS / 2);
  let base = 0;
  let segmentMode = false;

  const fail = (code: ErrorCode, what: string, hint = HINT_RECORD): never => {
    throw lineError(code, fileName, cursor.line, what, hint);
  };

  lines: while (cursor.advance()) {
    const lineStart = cursor.start;
    if (text.charCodeAt(lineStart) !== COLON) fail('HEX_BAD_RECORD', `line starts with ${describeChar(text, lineStart)}, not ':'`);
    const first = lineStart + 1;
    const digits = cursor.end - first;
    if (digits > MAX_DIGITS) fail('HEX_BAD_RECORD', `record has ${digits} hex digits; the longest possible has ${MAX_DIGITS}`);
    const byteCount = digits >> 1;
    let bad = decodeHexBytes(text, first, byteCount, record);
    if (bad < 0 && digits & 1 && hexDigitValue(text.charCodeAt(cursor.end - 1)) < 0) bad = cursor.end - 1;
    if (bad >= 0) fail('HEX_BAD_RECORD', `${describeChar(text, bad)} at column ${bad - lineStart + 1} is not a hex digit`);
    if (digits & 1) fail('HEX_BAD_RECORD', `record has an odd number of hex digits (${digits})`);
    if (byteCount < OVERHEAD_BYTES) fail('HEX_BAD_RECORD', `record is truncated: ${digits} hex digits, at least ${2 * OVERHEAD_BYTES} needed`);

    const dataBytes = record[0]!;
    if (byteCount !== dataBytes + OVERHEAD_BYTES) {
      fail('HEX_BAD_RECORD', `byte count ${hex(dataBytes)} needs ${2 * (dataBytes + OVERHEAD_BYTES)} hex digits after ':', the line has ${digits}`);
    }
    let sum = 0;
    for (let i = 0; i < byteCount - 1; i++) sum += record[i]!;
    const expected = -sum & 0xff;
    const found = record[byteCount - 1]!;
    if (found !== expected) fail('HEX_BAD_CHECKSUM', `checksum is ${hexByte(found)}, expected ${hexByte(expected)}`, HINT_CHECKSUM);

    const offset = (record[1]! << 8) | record[2]!;
    const type = record[3]!;
    if (type > 5) {
      fail('HEX_UNKNOWN_RECORD_TYPE', `record type ${hexByte(type)} is not an Intel HEX type (00–05)`, 'Regenerate the file with your toolchain (e.g. objcopy -O ihex); only types 00–05 exist.');
    }
    if (type !== 0 && dataBytes !== FIXED_LENGTH[type]) {
      fail('HEX_BAD_RECORD', `a type ${hexByte(type)} (${TYPE_NAMES[type]}) record carries ${FIXED_LENGTH[type]} data bytes, this one ${dataBytes}`);
    }
    const value16 = (record[4]! << 8) | record[5]!;
    switch (type) {
      case 0: {
        if (segmentMode) {
          // Offsets wrap inside the 64 KiB segment: the tail of the record lands at its start.
          const head = Math.min(dataBytes, SEGMENT_BYTES - offset);
          runs.add(base + offset, record, 4, head, cursor.line);
          runs.add(base, record, 4 + head, dataBytes - head, cursor.line);
        } else {
          const address = base + offset;
          if (address + dataBytes > ADDRESS_LIMIT) {
            fail('HEX_ADDRESS_OVERFLOW', `data record at ${hex32(address)} (+${dataBytes} bytes) runs past 0xFFFFFFFF`, 'Check the extended linear address record (type 04) before this line; regenerate the file.');
          }
          runs.add(address, record, 4, dataBytes, cursor.line);
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
