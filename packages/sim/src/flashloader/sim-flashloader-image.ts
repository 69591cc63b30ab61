import type { Bus } from '../bus/bus.js';

/**
 * The sim's stand-in for NXP's `ivt_flashloader.bin` (research/spsdk.md §1.7, §4.4). The sim
 * cannot run ARM code; when the ROM model jumps to an IVT whose entry point holds this marker, it
 * switches the board to its flashloader model instead. Real boards get NXP's file; the sim
 * refuses any other jump target with SIM_CANNOT_EXECUTE.
 *
 * Layout (mirrors the NXP RT1050 build, which loads at 0x20000000 with its IVT at 0x400):
 *   +0x000  0x00 padding
 *   +0x400  IVT: D1 00 20 40, entry = load + 0x1000 + 1 (Thumb), dcd 0, boot_data = IVT + 0x20,
 *           self = load + 0x400, csf 0
 *   +0x420  boot data: start = load, size = image length, plugin 0
 *   +0x1000 marker: the 16 ASCII bytes "IMXFLASH-SIM-FL1" then u32 LE format version 1
 *   +0x1014 0x00 padding up to 0x1100
 * The bytes after the marker are never executed; the marker is what the sim recognises.
 */
export const SIM_FLASHLOADER_MARKER = 'IMXFLASH-SIM-FL1';
export const SIM_FLASHLOADER_VERSION = 1;
export const SIM_FLASHLOADER_IVT_OFFSET = 0x400;
export const SIM_FLASHLOADER_ENTRY_OFFSET = 0x1000;
export const SIM_FLASHLOADER_BYTES = 0x1100;
/** Where NXP's RT1050 ivt_flashloader.bin loads (research §1.7); the builder's default. */
export const SIM_FLASHLOADER_DEFAULT_LOAD_ADDRESS = 0x2000_0000;

export interface SimFlashloaderImageOptions {
  /** Load address (default 0x20000000); the IVT sits at +0x400 and says so. */
  loadAddress?: number;
}

/** The stand-in flashloader file: pass it as `--flashloader` to a `--sim` run. */
export function buildSimFlashloaderImage(options: SimFlashloaderImageOptions = {}): Uint8Array {
  const load = options.loadAddress ?? SIM_FLASHLOADER_DEFAULT_LOAD_ADDRESS;
  const out = new Uint8Array(SIM_FLASHLOADER_BYTES);
  const v = new DataView(out.buffer);
  const ivt = SIM_FLASHLOADER_IVT_OFFSET;
  out.set([0xd1, 0x00, 0x20, 0x40], ivt);
  v.setUint32(ivt + 4, (load + SIM_FLASHLOADER_ENTRY_OFFSET + 1) >>> 0, true);
  v.setUint32(ivt + 12, 0, true);
  v.setUint32(ivt + 16, (load + ivt + 0x20) >>> 0, true);
  v.setUint32(ivt + 20, (load + ivt) >>> 0, true);
  v.setUint32(ivt + 24, 0, true);
  v.setUint32(ivt + 0x20, load >>> 0, true);
  v.setUint32(ivt + 0x24, SIM_FLASHLOADER_BYTES, true);
  out.set(new TextEncoder().encode(SIM_FLASHLOADER_MARKER), SIM_FLASHLOADER_ENTRY_OFFSET);
  v.setUint32(SIM_FLASHLOADER_ENTRY_OFFSET + 16, SIM_FLASHLOADER_VERSION, true);
  return out;
}

/** True when the code at `entry` (Thumb bit ignored) on `bus` is the sim flashloader's marker. */
export function hasSimFlashloaderMarker(bus: Bus, entry: number): boolean {
  const at = (entry & ~1) >>> 0;
  const expected = new TextEncoder().encode(SIM_FLASHLOADER_MARKER);
  try {
    for (let i = 0; i < expected.length; i++) if (bus.read8(at + i) !== expected[i]) return false;
    return bus.read32(at + 16) === SIM_FLASHLOADER_VERSION;
  } catch {
    return false; // nothing mapped there
  }
}
