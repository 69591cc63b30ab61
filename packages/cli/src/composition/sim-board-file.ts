import { createSimBoard, defaultSimStatePath, tryLoadBoardState, type SimBoard } from '@imxflash/sim';
import type { BoardChoice } from '../commands/board-options.js';
import type { CommandContext } from '../context.js';

/** The board from its state file (an erased board when there is none yet). */
export async function loadSimBoard(ctx: CommandContext, choice: BoardChoice): Promise<{ board: SimBoard; statePath: string; resumed: boolean }> {
  const statePath = ctx.settings.simState ?? defaultSimStatePath(choice.chip.id, choice.part.id, ctx.io.env as NodeJS.ProcessEnv);
  const state = await tryLoadBoardState(statePath, { chip: choice.chip.id, flash: choice.part.id });
  const board = createSimBoard({ chip: choice.chip.id, flash: choice.part.id, ...(state ? { state } : {}) });
  return { board, statePath, resumed: state !== undefined };
}
