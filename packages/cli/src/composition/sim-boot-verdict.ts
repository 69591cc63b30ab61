import type { MemoryImage } from '@imxflash/core';
import { createSimBoard, type SimBoard } from '@imxflash/sim';
import * as simModule from '@imxflash/sim';

/** The sim boot ROM's answer, as the CLI prints and returns it. */
export interface SimBootResult {
  readonly verdict: 'booted' | 'serial-downloader';
  /** One line: "booted: copied 0x210C bytes to 0x20000000, entry 0x20002043". */
  readonly text: string;
  readonly entry?: number;
  readonly pc?: number;
  readonly stage?: string;
  readonly reason?: string;
  readonly steps: readonly string[];
}

type RunBootRom = (board: SimBoard) => { verdict: 'booted' | 'serial-downloader'; entry?: number; pc?: number; stage?: string; reason?: string; steps: readonly string[] };
type FormatVerdict = (v: ReturnType<RunBootRom>) => string;

/** The sim's boot ROM model, when this build of the sim has it. */
function bootRom(): { run: RunBootRom; format: FormatVerdict } | undefined {
  const m = simModule as unknown as Record<string, unknown>;
  const run = m['runBootRom'];
  const format = m['formatVerdict'];
  return typeof run === 'function' && typeof format === 'function' ? { run: run as RunBootRom, format: format as FormatVerdict } : undefined;
}

/** What the boot ROM model says about `board` as it is now (power-on reset, then boot). */
export function simBootVerdict(board: SimBoard): SimBootResult | undefined {
  const rom = bootRom();
  if (rom === undefined) return undefined;
  // The ROM runs on a copy: booting changes RAM and registers, not what the state file keeps.
  const copy = createSimBoard({ state: board.exportState() });
  const v = rom.run(copy);
  return {
    verdict: v.verdict,
    text: rom.format(v),
    ...(v.entry !== undefined ? { entry: v.entry } : {}),
    ...(v.pc !== undefined ? { pc: v.pc } : {}),
    ...(v.stage !== undefined ? { stage: v.stage } : {}),
    ...(v.reason !== undefined ? { reason: v.reason } : {}),
    steps: v.steps,
  };
}

/** The verdict for `board` with `image` written over its flash (for --dry-run: nothing is written). */
export function simBootVerdictAfter(board: SimBoard, image: MemoryImage, flashBase: number): SimBootResult | undefined {
  if (bootRom() === undefined) return undefined;
  const state = board.exportState();
  const array = new Uint8Array(state.flashArray);
  for (const s of image.segments) array.set(s.data, s.address - flashBase);
  return simBootVerdict(createSimBoard({ state: { ...state, flashArray: array } }));
}
