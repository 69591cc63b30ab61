/**
 * What the boot ROM model concluded (research/imxrt.md §5): the board booted (and how), or the
 * ROM fell back to the serial downloader (step 10) and at which step, with the exact reason.
 * `steps` is the ROM's trace, one line per thing it did, in order.
 */

/** The step of research/imxrt.md §5 at which a boot gave up. */
export type BootStage = 'boot-mode' | 'fcb' | 'flexspi-config' | 'ivt' | 'boot-data' | 'dcd' | 'copy' | 'entry';

export interface BootedVerdict {
  readonly verdict: 'booted';
  /** IVT.entry as the image states it. */
  readonly entry: number;
  /** Where execution starts: `entry` (odd, Thumb) or the reset vector of the table at `entry` (even). */
  readonly pc: number;
  /** The initial stack pointer, when `entry` is a vector table (even); else the ROM's SP stays. */
  readonly sp?: number;
  /** The vector table's address, when one was found. */
  readonly vectorTable?: number;
  /** Executes in place from the FlexSPI window (boot_data.start = flash base). */
  readonly xip: boolean;
  /** boot_data.start: the flash base for XIP, else where the image (from flash offset 0) was copied. */
  readonly imageStart: number;
  /** Non-XIP: what the ROM copied, from flash offset `from` (always 0) to `to`. */
  readonly copied?: { readonly from: number; readonly to: number; readonly bytes: number };
  /** Commands of the DCD the ROM ran (absent: no DCD). */
  readonly dcdRan?: number;
  /** Modelled time the ROM took (hold time, flash transfers, busy waits), in ms. */
  readonly modeledMs: number;
  /** `modeledMs` split by stage (stages not reached are absent). */
  readonly stageMs: Readonly<Partial<Record<BootStage, number>>>;
  readonly steps: readonly string[];
}

export interface SerialDownloaderVerdict {
  readonly verdict: 'serial-downloader';
  readonly stage: BootStage;
  /** One precise sentence with the addresses and values involved; no stage prefix. */
  readonly reason: string;
  /** Modelled time until the ROM gave up, in ms. */
  readonly modeledMs: number;
  /** `modeledMs` split by stage (stages not reached are absent). */
  readonly stageMs: Readonly<Partial<Record<BootStage, number>>>;
  readonly steps: readonly string[];
}

export type BootVerdict = BootedVerdict | SerialDownloaderVerdict;

/** The stage as a reader names it, for {@link formatVerdict}. */
export const BOOT_STAGE_LABEL: Readonly<Record<BootStage, string>> = {
  'boot-mode': 'boot mode',
  fcb: 'FCB',
  'flexspi-config': 'FlexSPI config',
  ivt: 'IVT',
  'boot-data': 'boot data',
  dcd: 'DCD',
  copy: 'copy',
  entry: 'entry',
};

/** An address as 0x + 8 upper-case hex digits: 0x20000000. */
export function hexAddress(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** A number as 0x + its upper-case hex digits: 0x210C. */
export function hexValue(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase()}`;
}

/**
 * One line for a verdict:
 * - `booted: copied 0x210C bytes to 0x20000000, entry 0x20002043`
 * - `booted: XIP from 0x60000000, entry 0x60002043`
 * - `serial downloader: FCB: no tag at 0x60000000 (read 0xFFFFFFFF)`
 * A DCD run and a vector-table entry (PC ≠ entry) are appended.
 */
export function formatVerdict(verdict: BootVerdict): string {
  if (verdict.verdict === 'serial-downloader') {
    return `serial downloader: ${BOOT_STAGE_LABEL[verdict.stage]}: ${verdict.reason}`;
  }
  const parts: string[] = [];
  if (verdict.dcdRan !== undefined) parts.push(`ran a DCD of ${verdict.dcdRan} command${verdict.dcdRan === 1 ? '' : 's'}`);
  if (verdict.copied !== undefined) parts.push(`copied ${hexValue(verdict.copied.bytes)} bytes to ${hexAddress(verdict.copied.to)}`);
  else if (verdict.xip) parts.push(`XIP from ${hexAddress(verdict.imageStart)}`);
  let entry = `entry ${hexAddress(verdict.entry)}`;
  if (verdict.pc !== verdict.entry) {
    entry += ` (vector table: ${verdict.sp !== undefined ? `SP ${hexAddress(verdict.sp)}, ` : ''}PC ${hexAddress(verdict.pc)})`;
  }
  parts.push(entry);
  return `booted: ${parts.join(', ')}`;
}
