import { type ErrorCode } from '../errors/error-codes.js';
import { MemoryImage, MemoryImageBuilder } from '../image/memory-image.js';
import { hex32 } from '../util/hex.js';
import { decodeHexBytes, hexDigitValue } from './hex-text.js';
import { describeChar, hexByte, LineCursor, lineError, RecordRunCollector } from './text-records.js';

// Motorola S-record (M68000 Family Programmer's Reference Manual, appendix C; srec(5)): each line
// is 'S' T CC AA… DD… KK, CC = count of the address, data and checksum bytes that follow, KK =
// one's complement of the low byte of the sum of CC, address and data bytes.
const LETTER_S = 0x53;
const DIGIT_0 = 0x30;
/** The longest record: count 0xFF, as hex digits after 'Sn'. */
const MAX_DIGITS = 2 * (1 + 255);
const ADDRESS_LIMIT = 0x1_0000_0000;
/** Address field bytes by record type; S4 is reserved (-1). */
const ADDRESS_BYTES = [2, 2, 3, 4, -1, 2, 3, 4, 3, 2];

const HINT_RECORD = "Each line must be 'S', a type digit and hex digits (count, address, data, checksum). Regenerate the file (e.g. objcopy -O srec), or pass --format if it is not an S-record file.";
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
 */
export function readSrec(text: string, fileName: string): MemoryImage {
  const builder = new MemoryImageBuilder();
  const runs = new RecordRunCollector(builder, fileName);
  const cursor = new LineCursor(text);
  const record = new Uint8Array(MAX_DIGITS / 2);
  let dataRecords = 0;

  const fail = (code: ErrorCode, what: string, hint = HINT_RECORD): never => {
    throw lineError(code, fileName, cursor.line, what, hint);
  };

  lines: while (cursor.advance()) {
    const lineStart = cursor.start;
    if (text.charCodeAt(lineStart) !== LETTER_S) fail('SREC_BAD_RECORD', `line starts with ${describeChar(text, lineStart)}, not 'S'`);
    if (cursor.end - lineStart < 2) fail('SREC_BAD_RECORD', "record is truncated: nothing follows 'S'");
    const type = text.charCodeAt(lineStart + 1) - DIGIT_0;
    if (!(type >= 0 && type <= 9)) fail('SREC_BAD_RECORD', `'S' is followed by ${describeChar(text, lineStart + 1)}, not a record type digit`);
    const first = lineStart + 2;
    const digits = cursor.end - first;
    if (digits > MAX_DIGITS) fail('SREC_BAD_RECORD', `record has ${digits} hex digits after S${type}; the longest possible has ${MAX_DIGITS}`);
    const byteCount = digits >> 1;
    let bad = decodeHexBytes(text, first, byteCount, record);
    if (bad < 0 && digits & 1 && hexDigitValue(text.charCodeAt(cursor.end - 1)) < 0) bad = cursor.end - 1;
    if (bad >= 0) fail('SREC_BAD_RECORD', `${describeChar(text, bad)} at column ${bad - lineStart + 1} is not a hex digit`);
    if (digits & 1) fail('SREC_BAD_RECORD', `record has an odd number of hex digits (${digits})`);
    if (byteCount < 2) fail('SREC_BAD_RECORD', `record is truncated: ${digits} hex digits after S${type}`);

    const count = record[0]!;
    if (byteCount !== count + 1) fail('SREC_BAD_RECORD', `count ${hexByte(count)} needs ${2 * (count + 1)} hex digits after S${type}, the line has ${digits}`);
    let sum = 0;
    for (let i = 0; i < count; i++) sum += record[i]!;
    const expected = ~sum & 0xff;
    const found = record[count]!;
    if (found !== expected) fail('SREC_BAD_CHECKSUM', `checksum is ${hexByte(found)}, expected ${hexByte(expected)}`, HINT_CHECKSUM);

    const addressBytes = ADDRESS_BYTES[type]!;
    if (addressBytes < 0) fail('SREC_UNKNOWN_RECORD_TYPE', `S${type} is a reserved record type`, 'Regenerate the file with your toolchain (e.g. objcopy -O srec); only S0–S3 and S5–S9 are defined.');
    if (count < addressBytes + 1) fail('SREC_BAD_RECORD', `an S${type} record needs a count of at least ${hexByte(addressBytes + 1)}, this one has ${hexByte(count)}`);
    let address = 0;
    for (let i = 1; i <= addressBytes; i++) address = address * 256 + record[i]!;
    const dataBytes = count - addressBytes - 1;
    if (type >= 5 && dataBytes !== 0) fail('SREC_BAD_RECORD', `an S${type} record carries no data, this one has ${dataBytes} bytes`);

    switch (type) {
      case 1:
      case 2:
      case 3:
        if (address + dataBytes > ADDRESS_LIMIT) {
          fail('SREC_ADDRESS_OVERFLOW', `data record at ${hex32(address)} (+${dataBytes} bytes) runs past 0xFFFFFFFF`, 'Regenerate the file; no S3 record may reach past the 32-bit address space.');
        }
        runs.add(address, record, 1 + addressBytes, dataBytes, cursor.line);
        dataRecords++;
        break;
      case 5:
      case 6:
        if (address !== dataRecords) {
          fail('SREC_BAD_RECORD', `S${type} says ${address} data records, the file has ${dataRecords} before it`, 'Records are missing or duplicated; regenerate the file from the build.');
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
