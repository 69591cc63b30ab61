import type { MemoryImage } from '@imxflash/core';
import { createSimBoard, formatVerdict, runBootRom, type SimBoard, type SimBoardState } from '@imxflash/sim';

/** The sim boot ROM's answer, as the CLI prints and returns it. */
export interface SimBootResult {
  readonly verdict: 'booted' | 'serial-downloader';
  /** One line: "booted: copied 0x210C bytes to 0x20000000, entry 0x20002043". */
  readonly text: string;
  readonly entry?: number;
  readonly pc?: number;
  readonly sp?: number;
  readonly xip?: boolean;
  readonly copied?: { readonly from: number; readonly to: number; readonly bytes: number };
  readonly stage?: string;
  readonly reason?: string;
  /** Modelled time the ROM took (hold time, flash reads, the copy). */
  readonly modeledMs: number;
  readonly steps: readonly string[];
}

/**
 * The verdict for `board` powered on again from `state` in place (importState: flash, fuses and
 * boot pins loaded; registers, RAM and the flash's volatile state reset), for a board nothing
 * uses afterwards: no second board (and its 8 MiB flash array) is built.
 */
export function simBootVerdictAfterPowerCycle(board: SimBoard, state: SimBoardState): SimBootResult {
  board.importState(state);
  return verdictOf(runBootRom(board));
}

/** What the boot ROM model says about `board` as it is now (power-on reset, then boot). */
export function simBootVerdict(board: SimBoard): SimBootResult {
  return simBootVerdictOfState(board.exportState());
}

/**
 * The verdict for a board powered on from `state` (an exported state, which a gang board also
 * saves: one copy of its flash serves both).
 */
export function simBootVerdictOfState(state: SimBoardState): SimBootResult {
  // The ROM runs on a new board: booting changes RAM and registers, not what the state file keeps.
  return verdictOf(runBootRom(createSimBoard({ state })));
}

function verdictOf(v: ReturnType<typeof runBootRom>): SimBootResult {
  const common = { text: formatVerdict(v), modeledMs: (v as { modeledMs?: number }).modeledMs ?? 0, steps: v.steps };
  if (v.verdict === 'serial-downloader') return { verdict: v.verdict, stage: v.stage, reason: v.reason, ...common };
  return {
    verdict: v.verdict,
    entry: v.entry,
    pc: v.pc,
    ...(v.sp !== undefined ? { sp: v.sp } : {}),
    xip: v.xip,
    ...(v.copied ? { copied: v.copied } : {}),
    ...common,
  };
}

/** The verdict for `board` with `image` written over its flash (for --dry-run: nothing is written). */
export function simBootVerdictAfter(board: SimBoard, image: MemoryImage, flashBase: number): SimBootResult {
  const state = board.exportState();
  const array = new Uint8Array(state.flashArray);
  for (const s of image.segments) array.set(s.data, s.address - flashBase);
  return simBootVerdict(createSimBoard({ state: { ...state, flashArray: array } }));
}
