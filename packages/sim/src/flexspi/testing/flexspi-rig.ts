import { findChip, type Chip } from '@imxflash/core';
import type { Bus } from '../../bus/bus.js';
import { buildBoardMemoryMap } from '../../bus/board-memory-map.js';
import { mapBoardPeripherals, type BoardPeripherals } from '../../bus/board-peripherals.js';
import type { SerialFlashDevice } from '../../flash-bus/serial-flash-device.js';
import { VirtualClock } from '../../time/virtual-clock.js';
import { qspiTestLut } from './qspi-test-lut.js';
import { bringUpFlexspi, writeLut } from './raw-flexspi.js';
import { ScriptedFlashDevice } from './scripted-flash-device.js';

export interface FlexspiRigOptions {
  /** Chip name for findChip (default 'rt1052'). */
  chip?: string;
  /** Bring the FlexSPI up (clock, pads, MDIS=0, FLSHA1CR0) and load the QSPI test LUT. Default true. */
  bringUp?: boolean;
  /** FLSHA1CR0 in bytes when brought up (default 8 MiB). */
  flashSizeBytes?: number;
  gatedRegisterAccess?: 'fault' | 'allow';
  serialClockMhz?: number;
  /** The board's clock (share it with a flash model); default a new VirtualClock. */
  clock?: VirtualClock;
}

export interface FlexspiRig<F extends SerialFlashDevice = ScriptedFlashDevice> extends BoardPeripherals {
  readonly chip: Chip;
  readonly bus: Bus;
  readonly clock: VirtualClock;
  readonly flash: F;
  /** The boot FlexSPI register base. */
  readonly base: number;
  /** The boot FlexSPI AHB window start. */
  readonly ahbBase: number;
}

/**
 * A chip's memories and peripherals with a flash on the boot FlexSPI, optionally brought up the
 * way a host tool does it over SWD and loaded with {@link qspiTestLut}. For tests and benchmarks.
 */
export function createFlexspiRig<F extends SerialFlashDevice = ScriptedFlashDevice>(
  options: FlexspiRigOptions & { /** Default: a recording ScriptedFlashDevice of 8 MiB. */ flash?: F } = {},
): FlexspiRig<F> {
  const chip = findChip(options.chip ?? 'rt1052');
  const clock = options.clock ?? new VirtualClock();
  const flash = options.flash ?? (new ScriptedFlashDevice() as SerialFlashDevice as F);
  const { bus } = buildBoardMemoryMap(chip);
  const peripherals = mapBoardPeripherals(bus, chip, {
    clock,
    bootFlash: flash,
    ...(options.gatedRegisterAccess !== undefined ? { gatedRegisterAccess: options.gatedRegisterAccess } : {}),
    ...(options.serialClockMhz !== undefined ? { serialClockMhz: options.serialClockMhz } : {}),
  });
  const instance = chip.flexspi[chip.bootFlexspi];
  if (instance === undefined) throw new RangeError(`chip ${chip.id} has no boot FlexSPI`);
  const base = instance.registerBase;
  if (options.bringUp ?? true) {
    bringUpFlexspi(bus, chip, options.flashSizeBytes ?? 8 << 20);
    writeLut(bus, base, 0, qspiTestLut());
  }
  return { ...peripherals, chip, bus, clock, flash, base, ahbBase: instance.ahbWindow.start };
}
