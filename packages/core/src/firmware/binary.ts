import { ImxflashError } from '../errors/imxflash-error.js';
import { MemoryImage, MemoryImageBuilder } from '../image/memory-image.js';
import { hex, hex32 } from '../util/hex.js';

const ADDRESS_LIMIT = 0x1_0000_0000;
/** Largest flat binary writeBinary makes: beyond any FlexSPI NOR, and a sign of a sparse image with far-apart pieces. */
export const MAX_BINARY_BYTES = 512 * 1024 * 1024;

/**
 * A raw binary placed at `baseAddress`. Its origin describes a byte as `app.bin+0x1F0` (file
 * offset). Throws CONFIG_BAD_ADDRESS for a base that is not a 32-bit address and
 * BIN_ADDRESS_OVERFLOW when the file would reach past 0xFFFFFFFF.
 */
export function readBinary(bytes: Uint8Array, fileName: string, baseAddress: number): MemoryImage {
  if (!Number.isInteger(baseAddress) || baseAddress < 0 || baseAddress >= ADDRESS_LIMIT) {
    throw new ImxflashError('CONFIG_BAD_ADDRESS', `${fileName}: base address ${baseAddress} is not a 32-bit address`, {
      hint: 'Pass --base as a hex address, e.g. 0x60000000.',
      details: { file: fileName, baseAddress },
    });
  }
  if (baseAddress + bytes.length > ADDRESS_LIMIT) {
    throw new ImxflashError('BIN_ADDRESS_OVERFLOW', `${fileName}: ${hex(bytes.length)} bytes at ${hex32(baseAddress)} run past 0xFFFFFFFF`, {
      hint: 'Check the --base address, and that this is the file you meant.',
      details: { file: fileName, baseAddress, sizeBytes: bytes.length },
    });
  }
  const builder = new MemoryImageBuilder();
  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength); // not a Buffer, whose slice() shares memory
  builder.addSegment(baseAddress, plain, { describe: (offset) => `${fileName}+${hex(offset)}` });
  return builder.build();
}

export interface BinaryWriteOptions {
  /** First address to write; the image's lowest address by default. */
  start?: number;
  /** One past the last address to write; the image's end by default. */
  end?: number;
  /** Byte for gaps; 0xFF (erased NOR) by default. */
  fill?: number;
}

/**
 * The bytes of [start, end) as one flat binary, gaps filled with `fill`. Throws
 * IMAGE_RANGE_INVALID for a range outside 0..0x1_0000_0000, reversed, or larger than
 * {@link MAX_BINARY_BYTES}, and CONFIG_BAD_OPTION for a fill that is not a byte.
 */
export function writeBinary(image: MemoryImage, options: BinaryWriteOptions = {}): Uint8Array {
  const start = options.start ?? image.startAddress;
  const end = options.end ?? image.endAddress;
  const fill = options.fill ?? 0xff;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > ADDRESS_LIMIT || start > end) {
    throw new ImxflashError('IMAGE_RANGE_INVALID', `cannot write the binary range ${start}..${end}`, {
      hint: 'Give start ≤ end, both within the 32-bit address space, e.g. --start 0x60000000.',
      details: { start, end },
    });
  }
  if (end - start > MAX_BINARY_BYTES) {
    throw new ImxflashError('IMAGE_RANGE_INVALID', `a binary of ${hex32(start)}..${hex32(end)} would be ${hex(end - start)} bytes, more than the ${hex(MAX_BINARY_BYTES)} limit`, {
      hint: 'The image has pieces far apart (e.g. flash and RAM); write it as HEX or S-record, or pick --start/--end.',
      details: { start, end },
    });
  }
  if (!Number.isInteger(fill) || fill < 0 || fill > 0xff) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `fill value ${fill} is not a byte`, { hint: 'Use a value from 0x00 to 0xFF, e.g. 0xFF for erased flash.' });
  }
  return image.toBinary(start, end, fill);
}
