import type { FlashPart } from '@imxflash/core';
import type { VirtualClock } from '../time/virtual-clock.js';
import type { FlashModel } from './flash-model.js';
import { HyperFlashModel } from './hyperflash-model.js';
import { SpiNorModel } from './spi-nor-model.js';

export interface CreateFlashModelOptions {
  /** A saved array image (copied from offset 0; the rest is erased). */
  readonly initial?: Uint8Array;
  /** QE at power-on (SPI NOR); defaults to `part.quadEnableFactorySet`. */
  readonly qeSet?: boolean;
}

/** The chip model for a database part: SPI NOR or HyperFlash, on the board's virtual clock. */
export function createFlashModel(part: FlashPart, clock: VirtualClock, options: CreateFlashModelOptions = {}): FlashModel {
  if (part.interface === 'hyperflash') {
    return new HyperFlashModel(part, clock, options.initial === undefined ? {} : { initial: options.initial });
  }
  return new SpiNorModel(part, clock, options);
}
