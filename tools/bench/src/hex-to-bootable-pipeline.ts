import { buildBootImage, findChip, findFlashPart, parseFirmware } from '@imxflash/core';

/** The board every imxflash run of the bench builds for (the CLI gets the same names). */
export const BENCH_CHIP = 'rt1052';
export const BENCH_FLASH_PART = 'is25wp128';

export interface PipelineResult {
  /** The bootable binary from the flash base (FCB, IVT, boot data, app at +0x2000). */
  readonly bytes: Uint8Array;
  readonly mode: string;
  readonly parseMs: number;
  readonly buildMs: number;
}

/**
 * What `imxflash image build` does between reading and writing files: parseFirmware, then
 * buildBootImage (mode auto). `now` is the clock (a bench may use real time; core may not).
 */
export function hexToBootable(fileBytes: Uint8Array, fileName: string, now: () => number = () => performance.now()): PipelineResult {
  const chip = findChip(BENCH_CHIP);
  const part = findFlashPart(BENCH_FLASH_PART);
  const t0 = now();
  const app = parseFirmware(fileBytes, fileName, {});
  const t1 = now();
  const boot = buildBootImage(app, { chip, part, mode: 'auto' });
  const t2 = now();
  return { bytes: boot.bytes, mode: boot.mode, parseMs: t1 - t0, buildMs: t2 - t1 };
}
