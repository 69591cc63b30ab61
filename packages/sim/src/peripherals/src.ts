import type { Chip } from '@imxflash/core';
import { RegisterFile } from './register-file.js';

export const SRC_BLOCK_BYTES = 0x4000;

/** BOOT_MODE[1:0] as latched in SBMR2.BMOD (research/imxrt.md §4.2). */
export type BootModePins = 0 | 1 | 2 | 3;

export interface BootConfig {
  /** SBMR1: BOOT_CFG1..4 (research/imxrt.md §4.2). Default 0 (FlexSPI NOR, QSPI, 3-byte read). */
  sbmr1?: number;
  /** BOOT_MODE pins: 0 fuses, 1 serial downloader, 2 internal boot, 3 reserved. Default 2. */
  bootMode?: BootModePins;
  /** SEC_CONFIG[1:0]; an open (HAB not closed) part reads 1 (research/imxrt.md §4.2, NXPC). Default 1. */
  secConfig?: number;
  /** BT_FUSE_SEL (SBMR2 bit 4). Default false. */
  btFuseSel?: boolean;
}

/** SBMR2 = SEC_CONFIG[1:0] | BT_FUSE_SEL << 4 | BMOD << 24 (research/imxrt.md §4.2, SDK/MBU). */
export function encodeSbmr2(config: BootConfig): number {
  return (((config.secConfig ?? 1) & 3) | ((config.btFuseSel ?? false) ? 1 << 4 : 0) | (((config.bootMode ?? 2) & 3) << 24)) >>> 0;
}

/**
 * The System Reset Controller, as far as boot reporting goes: SBMR1 and SBMR2 hold the boot
 * configuration given to the board and are read-only from the bus (writes ignored); the other
 * SRC registers (SCR, SRSR, GPR1..10) are plain registers resetting to 0 (UNVERIFIED resets).
 * Base: the 16 KiB block holding `chip.registers.srcSbmr1`.
 */
export class Src extends RegisterFile {
  private readonly sbmr1Offset: number;
  private readonly sbmr2Offset: number;

  constructor(chip: Chip, config: BootConfig = {}) {
    const base = (chip.registers.srcSbmr1 & ~(SRC_BLOCK_BYTES - 1)) >>> 0;
    const o1 = chip.registers.srcSbmr1 - base;
    const o2 = chip.registers.srcSbmr2 - base;
    super('SRC', base, SRC_BLOCK_BYTES, [[o1, config.sbmr1 ?? 0], [o2, encodeSbmr2(config)]], new Set([o1, o2]));
    this.sbmr1Offset = o1;
    this.sbmr2Offset = o2;
  }

  get sbmr1(): number {
    return this.read32(this.sbmr1Offset);
  }

  get sbmr2(): number {
    return this.read32(this.sbmr2Offset);
  }

  /** SBMR2.BMOD: the latched BOOT_MODE pins. */
  get bootMode(): BootModePins {
    return ((this.sbmr2 >>> 24) & 3) as BootModePins;
  }
}
