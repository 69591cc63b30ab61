import { ImxflashError } from '../errors/imxflash-error.js';
import { type MemoryImage } from '../image/memory-image.js';
import { AsciiHexBuffer } from './hex-text.js';

export interface IntelHexWriteOptions {
  /** Data bytes per record, 1–255; 16 like objcopy. */
  bytesPerRecord?: number;
}

const COLON = 0x3a;
const LF = 0x0a;

/**
 * Writes `image` as Intel HEX the way objcopy does: upper-case digits, LF line ends, an extended
 * linear address record (type 04) whenever bits 31–16 change (the reader's initial value is 0),
 * data records that never cross a 64 KiB boundary (so every 16-bit offset is plain), a start
 * linear address record (type 05) when `image.entry` is set, then the EOF record.
 */
export function writeIntelHex(image: MemoryImage, options: IntelHexWriteOptions = {}): string {
  const bytesPerRecord = options.bytesPerRecord ?? 16;
  if (!Number.isInteger(bytesPerRecord) || bytesPerRecord < 1 || bytesPerRecord > 255) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `Intel HEX records hold 1 to 255 data bytes, not ${bytesPerRecord}`, {
      hint: 'Use 16 or 32 bytes per record.',
    });
  }
  // ':' + 5 overhead bytes + data as digits + LF, per record; plus a little for 04/05/EOF records.
  const records = Math.ceil(image.byteCount / bytesPerRecord) + image.segments.length;
  const out = new AsciiHexBuffer(image.byteCount * 2 + records * 12 + 64);
  let upper = 0;
  for (const segment of image.segments) {
    const data = segment.data;
    let done = 0;
    while (done < data.length) {
      const address = segment.address + done;
      const high = Math.floor(address / 0x1_0000);
      const low = address & 0xffff;
      if (high !== upper) {
        writeRecord(out, 0, 4, Uint8Array.of(high >> 8, high & 0xff), 0, 2);
        upper = high;
      }
      const count = Math.min(bytesPerRecord, data.length - done, 0x1_0000 - low);
      writeRecord(out, low, 0, data, done, count);
      done += count;
    }
  }
  const entry = image.entry;
  if (entry !== undefined) writeRecord(out, 0, 5, Uint8Array.of(entry >>> 24, (entry >>> 16) & 0xff, (entry >>> 8) & 0xff, entry & 0xff), 0, 4);
  writeRecord(out, 0, 1, new Uint8Array(0), 0, 0);
  return out.toString();
}

function writeRecord(out: AsciiHexBuffer, offset: number, type: number, data: Uint8Array, from: number, count: number): void {
  out.reserve(2 * (count + 5) + 2);
  out.putChar(COLON);
  out.putByte(count);
  out.putByte(offset >> 8);
  out.putByte(offset & 0xff);
  out.putByte(type);
  let sum = count + (offset >> 8) + (offset & 0xff) + type;
  for (let i = from; i < from + count; i++) {
    const b = data[i]!;
    sum += b;
    out.putByte(b);
  }
  out.putByte(-sum & 0xff);
  out.putChar(LF);
}
