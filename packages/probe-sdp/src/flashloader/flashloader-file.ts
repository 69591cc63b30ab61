import { ImxflashError } from '@imxflash/core';

/** Where a flashloader file goes and where the ROM jumps (research/spsdk.md §1.7). */
export interface FlashloaderPlacement {
  /** Load address of the file's first byte: IVT.self − the IVT's offset in the file. */
  readonly loadAddress: number;
  /** JUMP_ADDRESS argument: the IVT's address (IVT.self). */
  readonly ivtAddress: number;
  readonly entry: number;
  readonly ivtOffset: number;
}

/** IVT offsets builds use (0x400 NXP, 0 MCUBU, 0x1000 images); others are scanned after these. */
const LIKELY_OFFSETS = [0x400, 0x0, 0x1000];

/**
 * Finds the IVT of a flashloader file (tag D1, length 0x0020 big-endian, version 0x40–0x4E) whose
 * self field is consistent with its place in the file and whose entry lies inside the loaded
 * bytes. Builds differ (0x20000000/0x20000400 vs 0x20208000/0x20208400), so this never assumes.
 * FLASHLOADER_INVALID when there is none.
 */
export function placeFlashloader(file: Uint8Array, name = 'the flashloader'): FlashloaderPlacement {
  const limit = Math.min(file.length - 32, 0x2000);
  const candidates = [...LIKELY_OFFSETS, ...Array.from({ length: Math.max(0, Math.floor(limit / 4) + 1) }, (_, i) => i * 4)];
  for (const offset of candidates) {
    if (offset < 0 || offset > limit) continue;
    if (file[offset] !== 0xd1 || file[offset + 1] !== 0x00 || file[offset + 2] !== 0x20) continue;
    const version = file[offset + 3]!;
    if (version < 0x40 || version > 0x4e) continue;
    const le = (at: number): number => (file[at]! | (file[at + 1]! << 8) | (file[at + 2]! << 16) | (file[at + 3]! << 24)) >>> 0;
    const entry = le(offset + 4);
    const self = le(offset + 20);
    const loadAddress = (self - offset) >>> 0;
    const code = (entry & ~1) >>> 0;
    if (self < offset || code < loadAddress || code >= loadAddress + file.length) continue;
    return { loadAddress, ivtAddress: self, entry, ivtOffset: offset };
  }
  throw new ImxflashError('FLASHLOADER_INVALID', `${name} has no usable IVT (tag 0xD1 with a self address and an entry inside the file)`, {
    hint: 'Pass NXP\'s ivt_flashloader.bin (Flashloader_RT10xx package, Tools/mfgtools-rel/Profiles/MXRT10xX/OS Firmware/), not the plain flashloader.bin or an .srec.',
    details: { bytes: file.length },
  });
}
