import type { FlexspiBringUp } from '@imxflash/core';
import { RegisterFile } from './register-file.js';

/** IOMUXC base on RT10xx (the block holding the FlexSPI pad mux registers of the chip database). */
export const RT10XX_IOMUXC_BASE = 0x401f_8000;
export const IOMUXC_BLOCK_BYTES = 0x4000;
/**
 * RT1050 SW_MUX_CTL_PAD registers: GPIO_EMC_00 at +0x014 … GPIO_SD_B1_11 at +0x200 (124 pads;
 * consistent with SD_B1_00 at +0x1D4 in the chip database). RM from memory: UNVERIFIED.
 */
export const RT1050_SW_MUX_CTL_RANGE = { start: 0x014, end: 0x204 } as const;
/** Reset of SW_MUX_CTL registers: ALT5 (GPIO), as on the RT1050. */
export const SW_MUX_CTL_RESET = 5;
/** MUX_MODE field of SW_MUX_CTL (bits 3:0; bit 4 is SION). Field width UNVERIFIED (3 or 4 bits). */
export const SW_MUX_MODE_MASK = 0xf;

export interface IomuxcOptions {
  base?: number;
  /** The FlexSPI bring-up facts of the chip; absent → the pins count as always muxed. */
  bringUp?: FlexspiBringUp;
  /** Offsets [start, end) of the SW_MUX_CTL registers (reset ALT5). Default: the RT1050 range. */
  muxRange?: { readonly start: number; readonly end: number };
}

/**
 * The IOMUXC as a register file. SW_MUX_CTL registers reset to ALT5 (GPIO); pad control and
 * select-input registers are plain registers resetting to 0 (UNVERIFIED: the real pad-control
 * resets differ; nothing in imxflash reads them).
 */
export class Iomuxc extends RegisterFile {
  private readonly padOffsets: readonly { readonly offset: number; readonly alt: number }[] | undefined;

  constructor(options: IomuxcOptions = {}) {
    const base = options.base ?? RT10XX_IOMUXC_BASE;
    const range = options.muxRange ?? RT1050_SW_MUX_CTL_RANGE;
    const resets: [number, number][] = [];
    for (let off = range.start; off < range.end; off += 4) resets.push([off, SW_MUX_CTL_RESET]);
    for (const pad of options.bringUp?.pads ?? []) resets.push([pad.muxRegister - base, SW_MUX_CTL_RESET]);
    super('IOMUXC', base, IOMUXC_BLOCK_BYTES, resets);
    this.padOffsets = options.bringUp?.pads.map((p) => ({ offset: this.checkInside(p.muxRegister, `pad ${p.signal} mux register`), alt: p.alt }));
  }

  /**
   * Whether every FlexSPI port-A pad (`chip.flexspiBringUp.pads`) has its FlexSPI alt selected.
   * Always true when the chip has no `flexspiBringUp`.
   */
  flexspiPinsMuxed(): boolean {
    if (this.padOffsets === undefined) return true;
    for (const pad of this.padOffsets) {
      if (((this.words[pad.offset >>> 2] as number) & SW_MUX_MODE_MASK) !== pad.alt) return false;
    }
    return true;
  }
}
