import { ImxflashError } from '../errors/imxflash-error.js';
import { type MemoryImage } from '../image/memory-image.js';
import { readBinary, writeBinary } from './binary.js';
import { readElf } from './elf-reader.js';
import { hexDigitValue } from './hex-text.js';
import { readIntelHex } from './intel-hex-reader.js';
import { writeIntelHex } from './intel-hex-writer.js';
import { readSrec } from './srec-reader.js';
import { writeSrec } from './srec-writer.js';

/** Firmware file formats, spelled the same as the CLI's --input-format values. */
export type FirmwareFormat = 'ihex' | 'srec' | 'elf' | 'bin';
/** Formats imxflash can write (an ELF carries more than a memory image holds). */
export type OutputFirmwareFormat = Exclude<FirmwareFormat, 'elf'>;

export interface ParseFirmwareOptions {
  /** Skip detection and read the file as this format. */
  format?: FirmwareFormat;
  /** Where a raw binary starts; required for 'bin', ignored by the formats that carry addresses. */
  baseAddress?: number;
}

export interface SerializeFirmwareOptions {
  /** ihex/srec: data bytes per record (16 by default). */
  bytesPerRecord?: number;
  /** srec: S0 header text. */
  header?: string;
  /** bin: range to write and gap fill (defaults: the image's extent, 0xFF). */
  start?: number;
  end?: number;
  fill?: number;
}

const EXTENSIONS: Readonly<Record<string, FirmwareFormat>> = {
  hex: 'ihex', ihex: 'ihex', ihx: 'ihex',
  srec: 'srec', s19: 'srec', s28: 'srec', s37: 'srec', mot: 'srec',
  elf: 'elf', axf: 'elf',
  bin: 'bin',
};
/** How far into `head` the text detectors look for a first record. */
const TEXT_PROBE_CHARS = 32;

/**
 * Guesses the format from the first bytes of the file (`head`, a few hundred bytes are plenty),
 * then from the extension; anything else is 'bin'. Content wins because build systems name
 * files freely (an Intel HEX called `.bin` is not rare). A text format must show a record
 * start (':' or 'S' + digit, after optional BOM/whitespace) followed by hex digits up to the end
 * of its line or of what was probed, so a binary that happens to begin with 0x3A is not taken
 * for Intel HEX.
 */
export function detectFirmwareFormat(fileName: string, head: Uint8Array): FirmwareFormat {
  if (head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'elf';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0d || head[i] === 0x0a)) i++;
  if (head[i] === 0x3a && hexDigitsFollow(head, i + 1)) return 'ihex';
  if (head[i] === 0x53 && head[i + 1]! >= 0x30 && head[i + 1]! <= 0x39 && hexDigitsFollow(head, i + 2)) return 'srec';
  const dot = fileName.lastIndexOf('.');
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const extension = dot > slash ? fileName.slice(dot + 1).toLowerCase() : '';
  return EXTENSIONS[extension] ?? 'bin';
}

/** At least two hex digits from `from`, and only hex digits up to a line end or the probe limit. */
function hexDigitsFollow(head: Uint8Array, from: number): boolean {
  const end = Math.min(head.length, from + TEXT_PROBE_CHARS);
  let digits = 0;
  for (let i = from; i < end; i++) {
    const b = head[i]!;
    if (b === 0x0d || b === 0x0a) break;
    if (hexDigitValue(b) < 0) return false;
    digits++;
  }
  return digits >= 2;
}

/**
 * Reads a firmware file's bytes into a {@link MemoryImage}: the given format, or the detected
 * one. A raw binary has no addresses, so 'bin' without `baseAddress` is CONFIG_BAD_ADDRESS with a
 * hint to pass --base (or --input-format, when detection guessed 'bin' for an unknown file).
 */
export function parseFirmware(bytes: Uint8Array, fileName: string, options: ParseFirmwareOptions = {}): MemoryImage {
  const format = options.format ?? detectFirmwareFormat(fileName, bytes.subarray(0, 512));
  switch (format) {
    case 'ihex':
      return readIntelHex(bytes, fileName);
    case 'srec':
      return readSrec(bytes, fileName);
    case 'elf':
      return readElf(bytes, fileName);
    case 'bin':
      if (options.baseAddress === undefined) {
        throw new ImxflashError('CONFIG_BAD_ADDRESS', `${fileName}: read as a raw binary, which carries no addresses, and no base address was given`, {
          hint: 'Pass --base 0x60000000 (FlexSPI NOR on most i.MX RT; 0x30000000 on RT1170), or --input-format ihex|srec|elf if the file is not raw binary.',
          details: { file: fileName },
        });
      }
      return readBinary(bytes, fileName, options.baseAddress);
    default:
      throw unknownFormat(format);
  }
}

/** Writes `image` in `format` ('elf' is not writable). */
export function serializeFirmware(image: MemoryImage, format: OutputFirmwareFormat, options: SerializeFirmwareOptions = {}): Uint8Array {
  switch (format) {
    case 'ihex':
      return new TextEncoder().encode(writeIntelHex(image, { bytesPerRecord: options.bytesPerRecord }));
    case 'srec':
      return new TextEncoder().encode(writeSrec(image, { bytesPerRecord: options.bytesPerRecord, header: options.header }));
    case 'bin':
      return writeBinary(image, { start: options.start, end: options.end, fill: options.fill });
    default:
      throw unknownFormat(format);
  }
}

function unknownFormat(format: never): ImxflashError {
  return new ImxflashError('CONFIG_BAD_OPTION', `unknown firmware format '${String(format)}'`, { hint: 'Use one of: ihex, srec, elf, bin (elf is read-only).' });
}
