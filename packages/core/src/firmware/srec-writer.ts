import { ImxflashError } from '../errors/imxflash-error.js';
import { type MemoryImage } from '../image/memory-image.js';
import { AsciiHexBuffer } from './hex-text.js';

export interface SrecWriteOptions {
  /** Data bytes per record; 16 by default, at most 252 − address bytes (the count byte's limit). */
  bytesPerRecord?: number;
  /** Text for the S0 header record (UTF-8, at most 252 bytes); empty by default. */
  header?: string;
}

const LETTER_S = 0x53;
const DIGIT_0 = 0x30;
const LF = 0x0a;

/**
 * Writes `image` as Motorola S-records: S0 header, data records, an S5/S6 record count, and a
 * termination record with `image.entry` (0 when there is none, which `readSrec` reads back
 * as "no entry").
 *
 * The address width is the smallest that fits every data address and the entry: S1/S9 (16-bit),
 * S2/S8 (24-bit) or S3/S7 (32-bit), as srec_cat does; for i.MX RT flash (0x6000_0000) that is
 * S3/S7. The count record is S5 up to 0xFFFF records, S6 up to 0xFFFFFF, and left out beyond
 * (the spec makes it optional).
 */
export function writeSrec(image: MemoryImage, options: SrecWriteOptions = {}): string {
  const highest = Math.max(image.isEmpty ? 0 : image.endAddress - 1, image.entry ?? 0);
  const addressBytes = highest <= 0xffff ? 2 : highest <= 0xff_ffff ? 3 : 4;
  const dataType = addressBytes - 1; // S1, S2, S3
  const endType = 11 - addressBytes; // S9, S8, S7

  const maxPerRecord = 255 - addressBytes - 1;
  const bytesPerRecord = options.bytesPerRecord ?? 16;
  if (!Number.isInteger(bytesPerRecord) || bytesPerRecord < 1 || bytesPerRecord > maxPerRecord) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `S${dataType} records hold 1 to ${maxPerRecord} data bytes, not ${bytesPerRecord}`, {
      hint: 'Use 16 or 32 bytes per record.',
    });
  }
  const header = new TextEncoder().encode(options.header ?? '');
  if (header.length > 252) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `the S0 header holds at most 252 bytes, this one is ${header.length}`, {
      hint: 'Shorten the header text.',
    });
  }

  const records = Math.ceil(image.byteCount / bytesPerRecord) + image.segments.length;
  const out = new AsciiHexBuffer(image.byteCount * 2 + records * (8 + 2 * addressBytes) + 2 * header.length + 64);
  writeRecord(out, 0, 0, 2, header, 0, header.length);
  let dataRecords = 0;
  for (const segment of image.segments) {
    const data = segment.data;
    for (let done = 0; done < data.length; done += bytesPerRecord) {
      const count = Math.min(bytesPerRecord, data.length - done);
      writeRecord(out, dataType, segment.address + done, addressBytes, data, done, count);
      dataRecords++;
    }
  }
  const none = new Uint8Array(0);
  if (dataRecords <= 0xffff) writeRecord(out, 5, dataRecords, 2, none, 0, 0);
  else if (dataRecords <= 0xff_ffff) writeRecord(out, 6, dataRecords, 3, none, 0, 0);
  writeRecord(out, endType, image.entry ?? 0, addressBytes, none, 0, 0);
  return out.toString();
}

function writeRecord(out: AsciiHexBuffer, type: number, address: number, addressBytes: number, data: Uint8Array, from: number, count: number): void {
  const byteCount = addressBytes + count + 1;
  out.reserve(2 * byteCount + 5);
  out.putChar(LETTER_S);
  out.putChar(DIGIT_0 + type);
  out.putByte(byteCount);
  let sum = byteCount;
  for (let shift = 8 * (addressBytes - 1); shift >= 0; shift -= 8) {
    const b = (address >>> shift) & 0xff;
    sum += b;
    out.putByte(b);
  }
  for (let i = from; i < from + count; i++) {
    const b = data[i]!;
    sum += b;
    out.putByte(b);
  }
  out.putByte(~sum & 0xff);
  out.putChar(LF);
}
