import type { FlexspiBringUp } from '@imxflash/core';
import { RegisterFile } from './register-file.js';

/** CCM base on RT10xx (the block holding CCM_CSCMR1 0x400FC01C and CCM_CCGR6 0x400FC080, research/cmsisdap.md §3.5). */
export const RT10XX_CCM_BASE = 0x400f_c000;
/** The CCM register block size (16 KiB on RT10xx; UNVERIFIED, RM memory map from memory). */
export const CCM_BLOCK_BYTES = 0x4000;

/**
 * CCM register offsets (RT10xx). CSCMR1 0x1C and CCGR6 0x80 are sourced (research/cmsisdap.md §3.5,
 * BMD); the rest follow the RT1050 RM register map from memory (UNVERIFIED). Offsets not listed
 * behave as plain registers too.
 */
export const CCM_REG = {
  CCR: 0x00, CSR: 0x08, CCSR: 0x0c, CACRR: 0x10, CBCDR: 0x14, CBCMR: 0x18, CSCMR1: 0x1c, CSCMR2: 0x20,
  CSCDR1: 0x24, CS1CDR: 0x28, CS2CDR: 0x2c, CDCDR: 0x30, CSCDR2: 0x38, CSCDR3: 0x3c, CDHIPR: 0x48,
  CLPCR: 0x54, CISR: 0x58, CIMR: 0x5c, CCOSR: 0x60, CGPR: 0x64,
  CCGR0: 0x68, CCGR1: 0x6c, CCGR2: 0x70, CCGR3: 0x74, CCGR4: 0x78, CCGR5: 0x7c, CCGR6: 0x80, CCGR7: 0x84, CMEOR: 0x88,
} as const;

/**
 * Reset value of every CCGRn: 0xFFFFFFFF (all gates "on in run and wait"). Modelling choice:
 * the real reset leaves most gates on; where it does not is not in the research (UNVERIFIED).
 * Every other CCM register resets to 0 (UNVERIFIED; the real CSCMR1 etc. have non-zero resets,
 * which no imxflash code reads).
 */
export const CCGR_RESET = 0xffff_ffff;

export interface CcmOptions {
  base?: number;
  /** The FlexSPI bring-up facts of the chip (`chip.flexspiBringUp`); absent → the clock is always on. */
  bringUp?: FlexspiBringUp;
}

/**
 * The Clock Control Module as a register file: CCGR0..7 (2-bit CG fields: 00 off, 01 on in run
 * mode, 10 reserved, 11 on except stop; research/cmsisdap.md §3.5 / RM), CSCMR1 and the others
 * as plain registers. Clock *frequencies* are not modelled (FlexSPI SCK is a constant of the
 * FlexSPI model).
 */
export class Ccm extends RegisterFile {
  private readonly gateOffset: number | undefined;
  private readonly gateShift: number;

  constructor(options: CcmOptions = {}) {
    const base = options.base ?? RT10XX_CCM_BASE;
    const resets: [number, number][] = [];
    for (let off = CCM_REG.CCGR0; off <= CCM_REG.CCGR7; off += 4) resets.push([off, CCGR_RESET]);
    super('CCM', base, CCM_BLOCK_BYTES, resets);
    const gate = options.bringUp?.clockGate;
    this.gateOffset = gate === undefined ? undefined : this.checkInside(gate.register, 'clock gate register');
    this.gateShift = gate?.shift ?? 0;
  }

  /**
   * Whether the boot FlexSPI's clock runs: its CG field (`chip.flexspiBringUp.clockGate`) is 01
   * or 11 (the core is in run mode while a debugger or the ROM works; 10 is reserved → off).
   * Always true when the chip has no `flexspiBringUp`.
   */
  flexspiClockOn(): boolean {
    if (this.gateOffset === undefined) return true;
    const cg = ((this.words[this.gateOffset >>> 2] as number) >>> this.gateShift) & 3;
    return cg === 1 || cg === 3;
  }
}
