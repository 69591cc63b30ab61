import { ImxflashError } from '../errors/imxflash-error.js';
import { toDecodeResult, type DecodeResult } from './decode-result.js';
import { checkUint } from './uint-check.js';

/*
 * Boot data (research/spsdk.md §3.4, research/imxrt.md §5 step 6): three u32 little-endian words
 * the ROM reads, {start, size, plugin}.
 *
 * We write 16 bytes, the fourth word 0xFFFFFFFF, as the NXP SDK's `fsl_flexspi_nor_boot.c` does
 * ({0x60000000, size, 0, 0xFFFFFFFF}); SPSDK pads with zeros, Teensy writes 12 bytes. The ROM
 * reads only the first 12, so decoding ignores the fourth word.
 */

/** Bytes `encodeBootData` writes. */
export const BOOT_DATA_SIZE = 16;
/** Bytes the ROM reads and `decodeBootData` needs. */
export const BOOT_DATA_USED_BYTES = 12;
/** The fourth word we write. */
export const BOOT_DATA_PAD_WORD = 0xffff_ffff;

export interface BootData {
  /** Where flash offset 0 lands: the flash base (XIP) or the RAM copy destination. */
  readonly start: number;
  /** Bytes the ROM loads, counted from flash offset 0. */
  readonly size: number;
  /** 1 = plugin image (not used by imxflash); 0 otherwise. */
  readonly plugin: number;
}

export function encodeBootData(bd: BootData): Uint8Array {
  const bytes = new Uint8Array(BOOT_DATA_SIZE);
  const v = new DataView(bytes.buffer);
  (['start', 'size', 'plugin'] as const).forEach((field, i) => {
    checkUint(bd[field], 32, `boot data ${field}`, 'IMAGE_RANGE_INVALID');
    v.setUint32(4 * i, bd[field], true);
  });
  v.setUint32(12, BOOT_DATA_PAD_WORD, true);
  return bytes;
}

/** Decodes the first 12 bytes; BOOT_DATA_TRUNCATED when fewer are given. */
export function decodeBootData(bytes: Uint8Array): BootData {
  if (bytes.length < BOOT_DATA_USED_BYTES) {
    throw new ImxflashError('BOOT_DATA_TRUNCATED', `boot data is 12 bytes, got ${bytes.length}`, {
      hint: 'The image ends inside the boot data that the IVT points at.',
      details: { length: bytes.length },
    });
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, BOOT_DATA_USED_BYTES);
  return { start: v.getUint32(0, true), size: v.getUint32(4, true), plugin: v.getUint32(8, true) };
}

/** `decodeBootData` as a result, for the inspector. */
export function tryDecodeBootData(bytes: Uint8Array): DecodeResult<BootData> {
  return toDecodeResult(() => decodeBootData(bytes));
}
