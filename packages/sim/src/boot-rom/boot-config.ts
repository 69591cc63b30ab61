import type { Chip } from '@imxflash/core';
import { hexAddress, hexValue } from './boot-verdict.js';

/*
 * Boot mode and boot configuration as the ROM reads them (research/imxrt.md §4.2, §5 step 1):
 *   SBMR2 = SEC_CONFIG[1:0] | BT_FUSE_SEL[4] | BMOD[25:24]; SBMR1 = BOOT_CFG1..4 from the pins;
 *   fuse word 0x450 = BOOT_CFG1/BOOT_CFG2 in pin terms.
 *   BOOT_MODE 00 boot from fuses, 01 serial downloader, 10 internal boot, 11 reserved.
 *   BOOT_CFG1[7:4] boot device: 0000 FlexSPI NOR, 0001 SEMC NOR, 001x SEMC NAND, 01xx SD,
 *   10xx MMC/eMMC, 11xx FlexSPI NAND.
 *   FlexSPI NOR fields, 12-bit variant (RT1040/1050/1060/1064/1170): [1] Encrypted XIP,
 *   [3:2] hold time, [10:8] flash type, [11] infinite loop (debug);
 *   10-bit variant (RT1015/1020/1024): flash type [3:1], hold time [9:8].
 */

/** The fuse shadow offset of BOOT_CFG (OCOTP +0x450 on RT10xx; research/imxrt.md §4.2). */
export const BOOT_CFG_FUSE_OFFSET = 0x450;

/** Flash type codes of the FlexSPI NOR boot config (research/imxrt.md §4.2). */
export type FlashType =
  | 'qspi-3b'
  | 'qspi-4b'
  | 'hyperflash-1v8'
  | 'hyperflash-3v3'
  | 'octal-mxic'
  | 'octal-micron'
  | 'reserved'
  | 'qspi-3b-secondary-pinmux';

const FLASH_TYPES: readonly FlashType[] = [
  'qspi-3b', 'qspi-4b', 'hyperflash-1v8', 'hyperflash-3v3', 'octal-mxic', 'octal-micron', 'reserved', 'qspi-3b-secondary-pinmux',
];

export const FLASH_TYPE_LABEL: Readonly<Record<FlashType, string>> = {
  'qspi-3b': 'QSPI, 3-byte read',
  'qspi-4b': 'QSPI, 4-byte read',
  'hyperflash-1v8': 'HyperFlash 1V8',
  'hyperflash-3v3': 'HyperFlash 3V3',
  'octal-mxic': 'MXIC Octal DDR',
  'octal-micron': 'Micron Octal DDR',
  reserved: 'reserved',
  'qspi-3b-secondary-pinmux': 'QSPI, 3-byte read, secondary pinmux',
};

/** Hold time after power-up before the ROM touches the flash, by its 2-bit code (§4.2). */
const HOLD_TIME_MS: readonly number[] = [0.5, 1, 3, 10];

/**
 * Where the FlexSPI NOR fields sit in BOOT_CFG, per family (research/imxrt.md §4.2). The RT1010's
 * 3-bit variant gives no bit positions in the research, so the model does not decode it.
 * The 10-bit variant's flash-type codes are taken to mean the same as the 12-bit ones (UNVERIFIED).
 */
const LAYOUTS: Readonly<Record<string, { flashTypeShift: number; holdShift: number; encryptedXipBit: number | undefined }>> = {
  rt1040: { flashTypeShift: 8, holdShift: 2, encryptedXipBit: 1 },
  rt1050: { flashTypeShift: 8, holdShift: 2, encryptedXipBit: 1 },
  rt1060: { flashTypeShift: 8, holdShift: 2, encryptedXipBit: 1 },
  rt1064: { flashTypeShift: 8, holdShift: 2, encryptedXipBit: 1 },
  rt1170: { flashTypeShift: 8, holdShift: 2, encryptedXipBit: 1 },
  rt1015: { flashTypeShift: 1, holdShift: 8, encryptedXipBit: undefined },
  rt1020: { flashTypeShift: 1, holdShift: 8, encryptedXipBit: undefined },
  rt1024: { flashTypeShift: 1, holdShift: 8, encryptedXipBit: undefined },
};

/** A FlexSPI NOR boot the ROM will attempt. */
export interface FlexspiNorBootConfig {
  readonly boot: 'flexspi-nor';
  /** Where BOOT_CFG came from: the fuses (BT_FUSE_SEL=1) or the boot pins (SBMR1). */
  readonly source: 'fuses' | 'pins';
  /** The BOOT_CFG word that was decoded. */
  readonly bootCfg: number;
  readonly bootMode: number;
  readonly flashType: FlashType;
  readonly holdTimeMs: number;
  readonly encryptedXip: boolean;
  /** SEC_CONFIG[1] set: HAB closed (the encoding is UNVERIFIED, research §4.2). */
  readonly habClosed: boolean;
  /** One line for the ROM's trace. */
  readonly description: string;
}

export interface SerialDownloaderDecision {
  readonly boot: 'serial-downloader';
  readonly reason: string;
}

export type BootDecision = FlexspiNorBootConfig | SerialDownloaderDecision;

/** The boot device named by BOOT_CFG1[7:4] (research/imxrt.md §4.2). */
export function bootDeviceName(bootCfg: number): string {
  const d = (bootCfg >>> 4) & 0xf;
  if (d === 0) return 'FlexSPI NOR';
  if (d === 1) return 'SEMC NOR';
  if ((d & 0b1110) === 0b0010) return 'SEMC NAND';
  if ((d & 0b1100) === 0b0100) return 'SD';
  if ((d & 0b1100) === 0b1000) return 'MMC/eMMC';
  return 'FlexSPI NAND';
}

/**
 * Step 1 of research/imxrt.md §5: from SBMR1, SBMR2 and the BOOT_CFG fuse word to "boot from
 * FlexSPI NOR with this flash type" or "serial downloader, because …". Pure.
 *
 * Decisions that the research leaves open (UNVERIFIED): BOOT_MODE 11 (reserved) is treated as the
 * serial downloader; BOOT_MODE 00 boots from the fuses when BT_FUSE_SEL is burnt and otherwise
 * falls back to the serial downloader; BOOT_CFG bit 11 (debug loop) is ignored.
 */
export function decideBoot(chip: Chip, sbmr1: number, sbmr2: number, fuseBootCfg: number): BootDecision {
  const bootMode = (sbmr2 >>> 24) & 3;
  const btFuseSel = (sbmr2 & (1 << 4)) !== 0;
  const habClosed = (sbmr2 & 2) !== 0;
  const mode = `BOOT_MODE=${bootMode.toString(2).padStart(2, '0')}`;
  if (bootMode === 1) return { boot: 'serial-downloader', reason: `${mode} (SBMR2 ${hexAddress(sbmr2)}) selects the serial downloader` };
  if (bootMode === 3) return { boot: 'serial-downloader', reason: `${mode} is reserved (SBMR2 ${hexAddress(sbmr2)}); the model treats it as the serial downloader (UNVERIFIED)` };
  if (bootMode === 0 && !btFuseSel) {
    return { boot: 'serial-downloader', reason: `${mode} (boot from fuses) but BT_FUSE_SEL=0: no boot configuration is burnt (SBMR2 ${hexAddress(sbmr2)})` };
  }
  const source = btFuseSel ? 'fuses' : 'pins';
  const bootCfg = (btFuseSel ? fuseBootCfg : sbmr1) >>> 0;
  const from = btFuseSel ? `fuse 0x${BOOT_CFG_FUSE_OFFSET.toString(16)}` : 'SBMR1 (boot pins)';
  const device = bootDeviceName(bootCfg);
  if (device !== 'FlexSPI NOR') {
    return { boot: 'serial-downloader', reason: `unsupported boot device: BOOT_CFG1[7:4] = ${((bootCfg >>> 4) & 0xf).toString(2).padStart(4, '0')} (${device}) in ${from} ${hexAddress(bootCfg)}; the model boots FlexSPI NOR only` };
  }
  if (chip.bootHeader !== 'ivt') {
    return { boot: 'serial-downloader', reason: `${chip.name} boots a container, not an IVT; the model does not implement that boot flow` };
  }
  const layout = LAYOUTS[chip.id];
  if (layout === undefined) {
    return { boot: 'serial-downloader', reason: `the FlexSPI NOR boot-config bits of ${chip.name} are not in research/imxrt.md §4.2; the model cannot decode BOOT_CFG ${hexAddress(bootCfg)}` };
  }
  const flashType = FLASH_TYPES[(bootCfg >>> layout.flashTypeShift) & 7] as FlashType;
  const holdTimeMs = HOLD_TIME_MS[(bootCfg >>> layout.holdShift) & 3] as number;
  const encryptedXip = layout.encryptedXipBit !== undefined && (bootCfg & (1 << layout.encryptedXipBit)) !== 0;
  const description =
    `${mode} (${bootMode === 0 ? 'boot from fuses' : 'internal boot'}); BOOT_CFG ${hexValue(bootCfg)} from ${from}: ` +
    `FlexSPI NOR, flash type ${FLASH_TYPE_LABEL[flashType]}, hold time ${holdTimeMs} ms${encryptedXip ? ', Encrypted XIP' : ''}` +
    `${habClosed ? `; SEC_CONFIG ${sbmr2 & 3} (HAB closed)` : ''}`;
  return { boot: 'flexspi-nor', source, bootCfg, bootMode, flashType, holdTimeMs, encryptedXip, habClosed, description };
}
