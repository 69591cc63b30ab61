import { RegisterFile } from './register-file.js';

export const OCOTP_BLOCK_BYTES = 0x4000;
/** Fuse shadow registers: from +0x400, one fuse word per 0x10 (research/imxrt.md §4.2, SDK). */
export const OCOTP_SHADOW_START = 0x400;
/** End of the modelled shadow area (80 words on RT10xx; UNVERIFIED, RM from memory). */
export const OCOTP_SHADOW_END = 0x900;
export const OCOTP_SHADOW_STRIDE = 0x10;

/**
 * Fuse words by shadow-register offset, the way NXP tools name fuses: `0x450` is the boot
 * configuration word BOOT_CFG (research/imxrt.md §4.2), `0x6d0` MISC_CONF0. Missing words are 0
 * (unburnt).
 */
export type FuseMap = Readonly<Record<number, number>>;

/**
 * OCOTP: the fuse shadow registers from a fuse map, read-only from the bus (writes ignored;
 * fuse programming through HW_OCOTP_DATA is not modelled). Other OCOTP registers (CTRL, TIMING,
 * DATA, …) are plain registers resetting to 0 (UNVERIFIED).
 */
export class Ocotp extends RegisterFile {
  constructor(base: number, fuses: FuseMap = {}) {
    const resets: [number, number][] = [];
    for (const [key, value] of Object.entries(fuses)) {
      const offset = Number(key);
      if (!(offset >= OCOTP_SHADOW_START && offset < OCOTP_SHADOW_END && offset % OCOTP_SHADOW_STRIDE === 0)) {
        throw new RangeError(`fuse 0x${offset.toString(16)} is not a shadow register offset (0x400..0x8f0, step 0x10)`);
      }
      resets.push([offset, value]);
    }
    const readOnly = new Set<number>();
    for (let off = OCOTP_SHADOW_START; off < OCOTP_SHADOW_END; off += 4) readOnly.add(off);
    super('OCOTP', base, OCOTP_BLOCK_BYTES, resets, readOnly);
  }

  /** The fuse word at a shadow offset (e.g. 0x450). */
  fuse(offset: number): number {
    return this.read32(offset);
  }
}
