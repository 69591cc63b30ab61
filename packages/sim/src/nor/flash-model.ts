import type { FlashPart } from '@imxflash/core';
import type { SerialFlashDevice } from '../flash-bus/serial-flash-device.js';
import type { NorArray } from './nor-array.js';
import { defineLazyNorArrayBytes, lazyNorArrayImage, norArrayBytesLength } from './nor-array-image.js';
import type { NorFaults } from './nor-faults.js';

/**
 * What survives a power cycle: the array and the non-volatile register bits. A plain object, so a
 * board can write it to its `--sim-state` file (DESIGN.md §5).
 */
export interface FlashModelState {
  readonly partId: string;
  /**
   * Non-volatile status bits. SPI NOR: `[SR1, SR2]` without WIP and WEL (QE and BP live here).
   * HyperFlash: `[]` (nothing modelled survives).
   */
  readonly statusRegisters: readonly number[];
  /**
   * The whole array. From `exportState` it is built on first read: until then the state carries
   * the array's sparse image, which `importState` takes without copying (nor-array-image.ts).
   */
  readonly array: Uint8Array;
}

/** A flash chip model: the wires (SerialFlashDevice) plus what the board and tests inspect. */
export interface FlashModel extends SerialFlashDevice {
  readonly part: FlashPart;
  /** The cells; tests read them with `array.read(offset, length)` (R15). */
  readonly array: NorArray;
  readonly faults: NorFaults;
  /**
   * Virtual time (ms) at which the running program, erase or status write ends; not later than
   * now when idle. The model never advances the clock itself: a controller or test that wants to
   * skip the wait calls `clock.advanceTo(model.busyUntil)`.
   */
  readonly busyUntil: number;
  /** The busy bit as the part would report it now. */
  isBusy(): boolean;
  /** The array (a copy) and the non-volatile register bits. */
  exportState(): FlashModelState;
  /** Loads a saved state and power-cycles the part. Throws RangeError for another part's state. */
  importState(state: FlashModelState): void;
  /** Power off and on: volatile state (WEL, modes, a transaction in flight) is lost; the busy operation is cut short. */
  powerCycle(): void;
}

/** Checks that a saved state belongs to this part (the state file is an edge, STYLE R10). */
export function checkFlashModelState(part: FlashPart, state: FlashModelState, registerCount: number): void {
  if (state.partId !== part.id) throw new RangeError(`flash state is for '${state.partId}', not '${part.id}'`);
  const arrayBytes = norArrayBytesLength(state, 'array');
  if (arrayBytes !== part.sizeBytes) {
    throw new RangeError(`flash state array has ${arrayBytes} bytes; ${part.id} has ${part.sizeBytes}`);
  }
  if (state.statusRegisters.length !== registerCount) {
    throw new RangeError(`flash state has ${state.statusRegisters.length} status registers; ${part.id} keeps ${registerCount}`);
  }
}

/** For the models: a state whose `array` is the array's sparse image, materialised only when read. */
export function exportFlashModelState(partId: string, statusRegisters: readonly number[], array: NorArray): FlashModelState {
  return defineLazyNorArrayBytes({ partId, statusRegisters } as { partId: string; statusRegisters: readonly number[]; array: Uint8Array }, 'array', array.exportImage());
}

/** For the models: loads a state's array, sharing the chunks of an unread exported image. */
export function loadFlashModelArray(array: NorArray, state: FlashModelState): void {
  const image = lazyNorArrayImage(state, 'array');
  if (image !== undefined) array.loadImage(image);
  else array.load(0, state.array);
}
