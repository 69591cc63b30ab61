import { ImxflashError, type Chip, type FlashPart } from '@imxflash/core';
import { defineLazyNorArrayBytes, lazyNorArrayImage, norArrayBytesLength, type NorArrayImage } from '../nor/nor-array-image.js';
import type { FuseMap } from '../peripherals/ocotp.js';
import type { BootModePins } from '../peripherals/src.js';

/** Version of {@link SimBoardState} and of the state file that carries it. */
export const SIM_BOARD_STATE_VERSION = 1;

/** The boot pins and boot configuration of a board, every field given (SBMR1/SBMR2 content). */
export interface SimBootConfig {
  readonly sbmr1: number;
  readonly bootMode: BootModePins;
  readonly secConfig: number;
  readonly btFuseSel: boolean;
}

/**
 * What survives between two runs of the virtual board (DESIGN.md §5 `--sim-state`): the flash
 * array and its non-volatile status bits, the fuses, the boot pins and the board's SDRAM size.
 * Volatile state (registers, RAM, WEL, the clock) starts from power-on in every run, as a
 * real board does after being unplugged.
 */
export interface SimBoardState {
  readonly formatVersion: typeof SIM_BOARD_STATE_VERSION;
  /** Canonical chip id (`rt1050`, also for `rt1052`). */
  readonly chipId: string;
  /** Flash part id (`is25wp064a`). */
  readonly partId: string;
  /** Non-volatile status register bits as FlashModelState keeps them (SPI NOR: [SR1, SR2]; QE lives here). */
  readonly statusRegisters: readonly number[];
  /**
   * The whole flash array (`part.sizeBytes` bytes). In a state from `board.exportState()` or
   * `decodeBoardState` it is built on first read: until then the state carries the flash's
   * sparse image, which the state file encoder and `importState` use without building 8 MiB
   * ({@link flashImageOf}).
   */
  readonly flashArray: Uint8Array;
  /** Non-zero fuse words by shadow offset (0x450 = BOOT_CFG). */
  readonly fuses: FuseMap;
  readonly boot: SimBootConfig;
  /** SDRAM mapped on the board (0: none). */
  readonly sdramBytes: number;
}

/**
 * Checks that `state` belongs to a board with this chip and flash part: SIM_STATE_MISMATCH
 * when it was saved for another chip or part, SIM_STATE_INVALID when its array does not have
 * the part's size. `origin` names where the state came from (a path) for the message.
 */
export function checkBoardStateFor(state: SimBoardState, chip: Chip, part: FlashPart, origin = 'the board state'): void {
  if (state.chipId !== chip.id || state.partId !== part.id) {
    throw new ImxflashError(
      'SIM_STATE_MISMATCH',
      `${origin} is for ${state.chipId} with ${state.partId}, not ${chip.id} with ${part.id}`,
      {
        hint: `Use --chip ${state.chipId} --flash ${state.partId} to continue with that board, or another --sim-state file for a new one.`,
        details: { stateChip: state.chipId, statePart: state.partId, chip: chip.id, part: part.id },
      },
    );
  }
  const flashBytes = norArrayBytesLength(state, 'flashArray');
  if (flashBytes !== part.sizeBytes) {
    throw new ImxflashError(
      'SIM_STATE_INVALID',
      `${origin} holds ${flashBytes} flash bytes; ${part.id} has ${part.sizeBytes}`,
      { hint: 'The state is damaged: delete it to start with an erased board.', details: { bytes: flashBytes } },
    );
  }
}

/** A state whose `flashArray` is `image`, materialised on first read (see {@link SimBoardState.flashArray}). */
export function withFlashImage(state: Omit<SimBoardState, 'flashArray'>, image: NorArrayImage): SimBoardState {
  return defineLazyNorArrayBytes({ ...state } as SimBoardState, 'flashArray', image);
}

/**
 * The sparse flash image a state carries while nobody has read its `flashArray` (a copy made
 * with a spread, or a state built by hand, has none: its bytes are then the truth).
 */
export function flashImageOf(state: SimBoardState): NorArrayImage | undefined {
  return lazyNorArrayImage(state, 'flashArray');
}
