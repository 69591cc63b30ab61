import { basename, dirname, extname, join } from 'node:path';
import { createSimBoard, defaultSimStatePath, tryLoadBoardState, type SimBoard } from '@imxflash/sim';
import type { BoardChoice } from '../commands/board-options.js';
import type { CommandContext } from '../context.js';

/** One board of a gang of virtual boards (`flash --sim-boards N`): its 1-based number and the gang size. */
export interface SimGangSlot {
  readonly index: number;
  readonly count: number;
}

/**
 * The state file of board `index` of a gang: `<name>.board<index><ext>` beside the run's state
 * file (`sim-state.bin` → `sim-state.board3.bin`), so each board keeps its own flash across runs.
 */
export function gangStatePath(statePath: string, index: number): string {
  const ext = extname(statePath);
  return join(dirname(statePath), `${basename(statePath, ext)}.board${index}${ext}`);
}

/** The board from its state file (an erased board when there is none yet); a gang board from its own file. */
export async function loadSimBoard(ctx: CommandContext, choice: BoardChoice, gang?: SimGangSlot): Promise<{ board: SimBoard; statePath: string; resumed: boolean }> {
  const base = ctx.settings.simState ?? defaultSimStatePath(choice.chip.id, choice.part.id, ctx.io.env as NodeJS.ProcessEnv);
  const statePath = gang !== undefined && gang.count > 1 ? gangStatePath(base, gang.index) : base;
  const state = await tryLoadBoardState(statePath, { chip: choice.chip.id, flash: choice.part.id });
  const board = createSimBoard({ chip: choice.chip.id, flash: choice.part.id, ...(state ? { state } : {}) });
  return { board, statePath, resumed: state !== undefined };
}
