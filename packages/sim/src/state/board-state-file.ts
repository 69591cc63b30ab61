import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { findChip, findFlashPart, ImxflashError } from '@imxflash/core';
import { decodeBoardState, encodeBoardState } from './board-state-codec.js';
import { checkBoardStateFor, type SimBoardState } from './sim-board-state.js';

/** What the caller expects the file to hold (names as findChip / findFlashPart take them). */
export interface ExpectedBoard {
  readonly chip?: string;
  readonly flash?: string;
}

/**
 * Writes the board's state (see board-state-codec.ts for the format) so that a later run
 * continues with the same flash, fuses and boot pins. Atomic: the bytes go to a temporary file
 * next to `path`, which is then renamed over it, so a crash or a concurrent reader never sees
 * half a file. Creates the directory. Rejects OUTPUT_WRITE_FAILED.
 */
export async function saveBoardState(board: { exportState(): SimBoardState }, path: string): Promise<void> {
  const bytes = encodeBoardState(board.exportState());
  // pid + random: two processes saving the same board never share a temporary file.
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined); // best effort: the write error is the one to report
    throw new ImxflashError('OUTPUT_WRITE_FAILED', `cannot write the board state ${path}: ${(cause as Error).message}`, {
      hint: 'Check that the directory is writable and the disk not full, or pass another --sim-state path.',
      cause,
      details: { path },
    });
  }
}

/**
 * Reads a state file. FILE_NOT_FOUND when there is none, FILE_UNREADABLE when it cannot be read,
 * SIM_STATE_INVALID when it is not an intact state file, SIM_STATE_MISMATCH when `expected`
 * names another chip or flash part than the file holds.
 */
export async function loadBoardState(path: string, expected: ExpectedBoard = {}): Promise<SimBoardState> {
  const state = await tryLoadBoardState(path, expected);
  if (state === undefined) {
    throw new ImxflashError('FILE_NOT_FOUND', `no board state at ${path}`, {
      hint: 'Run without --sim-state to start with an erased board; the first run creates the file.',
      details: { path },
    });
  }
  return state;
}

/** As {@link loadBoardState}, but undefined when the file does not exist (the first run). */
export async function tryLoadBoardState(path: string, expected: ExpectedBoard = {}): Promise<SimBoardState | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ImxflashError('FILE_UNREADABLE', `cannot read the board state ${path}: ${(cause as Error).message}`, {
      hint: 'Check the file permissions, or pass another --sim-state path.',
      cause,
      details: { path },
    });
  }
  const state = decodeBoardState(bytes, path);
  if (expected.chip !== undefined || expected.flash !== undefined) {
    checkBoardStateFor(state, findChip(expected.chip ?? state.chipId), findFlashPart(expected.flash ?? state.partId), path);
  } else {
    // Still an edge: a file naming a chip or part this imxflash does not know is not usable.
    checkBoardStateFor(state, findChipFor(state, path), findPartFor(state, path), path);
  }
  return state;
}

/**
 * Where `--sim` keeps a board between runs when no path is given:
 * `$XDG_CACHE_HOME/imxflash/sim-state-<chip>-<flash>.bin`, or `~/.cache/…` when XDG_CACHE_HOME is
 * unset or not absolute (XDG Base Directory spec). Chip and part are canonical ids, so `rt1052`
 * and `rt1050` share one board.
 */
export function defaultSimStatePath(chip: string, flash: string, env: NodeJS.ProcessEnv = process.env, homeDir: string = homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  const cacheDir = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homeDir, '.cache');
  return join(cacheDir, 'imxflash', `sim-state-${findChip(chip).id}-${findFlashPart(flash).id}.bin`);
}

function findChipFor(state: SimBoardState, path: string): ReturnType<typeof findChip> {
  try {
    return findChip(state.chipId);
  } catch (cause) {
    throw unknownEntry(path, `chip '${state.chipId}'`, cause);
  }
}

function findPartFor(state: SimBoardState, path: string): ReturnType<typeof findFlashPart> {
  try {
    return findFlashPart(state.partId);
  } catch (cause) {
    throw unknownEntry(path, `flash part '${state.partId}'`, cause);
  }
}

function unknownEntry(path: string, what: string, cause: unknown): ImxflashError {
  return new ImxflashError('SIM_STATE_INVALID', `${path} is for ${what}, which this imxflash does not know`, {
    hint: 'It was probably written by another imxflash version: delete it or pass another --sim-state file.',
    cause,
    details: { path },
  });
}
