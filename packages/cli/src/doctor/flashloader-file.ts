import { readFileSync } from 'node:fs';
import { IVT_SIZE, tryDecodeIvt } from '@imxflash/core';

export interface FlashloaderFacts {
  readonly bytes: number;
  /** Where the file's first byte goes (IVT self − the IVT's file offset). */
  readonly loadAddress: number;
  /** What the ROM's JUMP_ADDRESS gets: the IVT's address. */
  readonly jumpAddress: number;
  readonly entry: number;
  readonly ivtOffset: number;
}

/**
 * Finds the IVT in a flashloader image (NXP's ivt_flashloader.bin has it at 0x400, MCUBU
 * builds at 0: research/spsdk.md §1.7) and derives the load and jump addresses.
 */
export function readFlashloaderFacts(path: string): FlashloaderFacts | { error: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message };
  }
  for (const ivtOffset of [0x400, 0x0, 0x1000]) {
    if (ivtOffset + IVT_SIZE > bytes.length) continue;
    const r = tryDecodeIvt(bytes.subarray(ivtOffset, ivtOffset + IVT_SIZE));
    if (!r.ok) continue;
    const ivt = r.value;
    return { bytes: bytes.length, loadAddress: (ivt.self - ivtOffset) >>> 0, jumpAddress: ivt.self, entry: ivt.entry, ivtOffset };
  }
  return { error: 'no IVT at offset 0x400, 0 or 0x1000: not a flashloader image the ROM can jump to' };
}
