import { findChip, findFlashPart, ImxflashError, type Chip, type FlashPart } from '@imxflash/core';
import { buildBoardMemoryMap } from '../bus/board-memory-map.js';
import { mapBoardPeripherals } from '../bus/board-peripherals.js';
import type { MemoryBus } from '../bus/memory-bus.js';
import { RamDevice } from '../bus/ram-device.js';
import { RomDevice } from '../bus/rom-device.js';
import { createFaultPlan, type FaultPlan } from '../faults/fault-plan.js';
import type { FlexspiController } from '../flexspi/flexspi-controller.js';
import { createFlashModel } from '../nor/create-flash-model.js';
import type { FlashModel, FlashModelState } from '../nor/flash-model.js';
import type { Ccm } from '../peripherals/ccm.js';
import type { Iomuxc } from '../peripherals/iomuxc.js';
import { OCOTP_SHADOW_END, OCOTP_SHADOW_START, OCOTP_SHADOW_STRIDE, type FuseMap, type Ocotp } from '../peripherals/ocotp.js';
import { encodeSbmr2, type BootConfig, type BootModePins, type Src } from '../peripherals/src.js';
import { defineLazyNorArrayBytes, lazyNorArrayImage } from '../nor/nor-array-image.js';
import { checkBoardStateFor, flashImageOf, SIM_BOARD_STATE_VERSION, withFlashImage, type SimBootConfig, type SimBoardState } from '../state/sim-board-state.js';
import { VirtualClock } from '../time/virtual-clock.js';

export interface SimBoardOptions {
  /** Chip name for findChip (default: the state's chip, else 'rt1052'). */
  chip?: string;
  /** Flash part name for findFlashPart (default: the state's part, else 'is25wp064a'). */
  flash?: string;
  /**
   * BOOT_MODE pins: 'internal' (2) or 'serial-downloader' (1), or the full SBMR1/SBMR2 content.
   * Default: the state's, else internal boot with SBMR1 = 0.
   */
  boot?: 'internal' | 'serial-downloader' | BootConfig;
  /** Fuse words by shadow offset (default: the state's, else all unburnt). */
  fuses?: FuseMap;
  /** SDRAM to map, as if a DCD had initialised it (default: the state's, else none). */
  sdramBytes?: number;
  /** Flash content of a fresh part, from offset 0 (the rest erased). Not with `state`. */
  flashContents?: Uint8Array;
  /** QE at power-on of a fresh part (default: the part's factory state). Not with `state`: it holds QE. */
  qeSet?: boolean;
  /** The board's clock; default a new VirtualClock. */
  clock?: VirtualClock;
  /** A saved board (see state/board-state-file.ts): flash, status bits, fuses, boot pins. */
  state?: SimBoardState;
  /** SCK for the FlexSPI's modelled time (default 30 MHz). */
  serialClockMhz?: number;
  /** FlexSPI register access with its clock gate off: 'fault' (default) or 'allow' (commands never complete). */
  gatedRegisterAccess?: 'fault' | 'allow';
}

/** The board's peripherals that the flash tools and the boot ROM model touch. */
export interface SimBoardPeripherals {
  /** Absent on chips whose CCM the sim does not model: FlexSPI clock always on. */
  readonly ccm: Ccm | undefined;
  /** Absent likewise: FlexSPI pins always muxed. */
  readonly iomuxc: Iomuxc | undefined;
  readonly src: Src;
  readonly ocotp: Ocotp;
  /** The boot FlexSPI (`chip.bootFlexspi`), with the board's flash on port A1. */
  readonly flexspi: FlexspiController;
  /** Every FlexSPI instance, in `chip.flexspi` order (the others have no flash). */
  readonly flexspiInstances: readonly FlexspiController[];
}

/** The board's flash model plus a backdoor read of its cells. */
export type SimFlash = FlashModel & {
  /** A copy of `length` cells from `offset` (no bus, no time, no side effects). */
  peek(offset: number, length: number): Uint8Array;
};

/** Backdoor access to RAM and ROM by bus address: no bus rules, no time, no side effects. */
export interface SimMemory {
  /** A copy of `length` bytes at `address`; RangeError where no RAM or ROM is mapped. */
  peek(address: number, length: number): Uint8Array;
  /** Writes RAM at `address`; RangeError where no RAM is mapped. */
  poke(address: number, bytes: Uint8Array): void;
}

/**
 * A virtual i.MX RT board (DESIGN.md §5): the chip's memories and peripherals on one bus, one
 * flash part on port A1 of the boot FlexSPI, one virtual clock. One instance per
 * {@link createSimBoard} call; nothing is shared between boards.
 *
 * The boot ROM model takes the board's parts: `{ chip, bus, clock, ...peripherals }` supplies its
 * `{ chip, bus, flexspi, src, ocotp, clock }`.
 */
export interface SimBoard {
  readonly chip: Chip;
  readonly part: FlashPart;
  readonly clock: VirtualClock;
  /** The system bus as a bus master (debug port, ROM, flashloader) sees it. */
  readonly bus: MemoryBus;
  readonly peripherals: SimBoardPeripherals;
  readonly flash: SimFlash;
  readonly memory: SimMemory;
  readonly faults: FaultPlan;
  /** What a state file keeps: flash array and status bits, fuses, boot pins, SDRAM size. */
  exportState(): SimBoardState;
  /**
   * Power-on with a saved state: the flash, fuses and boot pins are loaded; registers, RAM and the
   * flash's volatile state go back to reset. SIM_STATE_MISMATCH for another chip or part.
   */
  importState(state: SimBoardState): void;
}

/**
 * Builds a board in its power-on state, as the hardware is after reset (research/imxrt.md §1.2):
 * the FlexSPI clock gate as the CCM reset values leave it (CCGR = all on), its port-A pads at the
 * reset mux (ALT5, GPIO) so a host tool must mux them before the flash answers, MCR0 with MDIS
 * set, FLSHA1CR0 at its reset value (64 MiB), the LUT empty and unlocked, RAM zero.
 */
export function createSimBoard(options: SimBoardOptions = {}): SimBoard {
  const state = options.state;
  const chip = findChip(options.chip ?? state?.chipId ?? 'rt1052');
  const part = findFlashPart(options.flash ?? state?.partId ?? 'is25wp064a');
  if (state !== undefined) {
    if (options.flashContents !== undefined || options.qeSet !== undefined) {
      throw new RangeError('createSimBoard: flashContents and qeSet describe a fresh part; the state already holds the flash');
    }
    checkBoardStateFor(state, chip, part);
  }
  const clock = options.clock ?? new VirtualClock();
  const model = createFlashModel(part, clock, {
    ...(options.flashContents !== undefined ? { initial: options.flashContents } : {}),
    ...(options.qeSet !== undefined ? { qeSet: options.qeSet } : {}),
  });
  if (state !== undefined) loadFlash(model, state);

  const sdramBytes = options.sdramBytes ?? state?.sdramBytes ?? 0;
  const { bus } = buildBoardMemoryMap(chip, { sdramBytes });
  const mapped = mapBoardPeripherals(bus, chip, {
    clock,
    boot: bootConfigOf(options.boot) ?? state?.boot ?? {},
    fuses: options.fuses ?? state?.fuses ?? {},
    bootFlash: model,
    ...(options.serialClockMhz !== undefined ? { serialClockMhz: options.serialClockMhz } : {}),
    ...(options.gatedRegisterAccess !== undefined ? { gatedRegisterAccess: options.gatedRegisterAccess } : {}),
  });
  const peripherals: SimBoardPeripherals = {
    ccm: mapped.ccm,
    iomuxc: mapped.iomuxc,
    src: mapped.src,
    ocotp: mapped.ocotp,
    flexspi: mapped.bootFlexspi,
    flexspiInstances: mapped.flexspi,
  };
  const flash: SimFlash = Object.assign(model, { peek: (offset: number, length: number) => model.array.read(offset, length) });

  return {
    chip,
    part,
    clock,
    bus,
    peripherals,
    flash,
    memory: createMemoryBackdoor(bus),
    faults: createFaultPlan(model),
    exportState: () => {
      const saved = model.exportState();
      const common = {
        formatVersion: SIM_BOARD_STATE_VERSION,
        chipId: chip.id,
        partId: part.id,
        statusRegisters: saved.statusRegisters,
        fuses: readFuses(peripherals.ocotp),
        boot: readBootConfig(peripherals.src),
        sdramBytes: sdramSize(bus, chip),
      } as const;
      // The flash's chunks are shared copy-on-write: no 8 MiB copy unless someone reads flashArray.
      const image = lazyNorArrayImage(saved, 'array');
      return image !== undefined ? withFlashImage(common, image) : { ...common, flashArray: saved.array };
    },
    importState: (next) => {
      checkBoardStateFor(next, chip, part);
      loadFlash(model, next);
      writeFuses(peripherals.ocotp, next.fuses);
      writeBootConfig(peripherals.src, chip, next.boot);
      remapSdram(bus, chip, next.sdramBytes);
      peripherals.ccm?.reset();
      peripherals.iomuxc?.reset();
      for (const controller of peripherals.flexspiInstances) controller.reset();
      for (const device of bus.mappedDevices()) if (device instanceof RamDevice) device.bytes.fill(0);
    },
  };
}

function bootConfigOf(boot: SimBoardOptions['boot']): BootConfig | undefined {
  if (boot === 'internal') return { bootMode: 2 };
  if (boot === 'serial-downloader') return { bootMode: 1 };
  return boot;
}

/** Loads the flash part of a state; a status-register list of the wrong shape is a damaged state. */
function loadFlash(model: FlashModel, state: SimBoardState): void {
  const image = flashImageOf(state);
  const common = { partId: state.partId, statusRegisters: state.statusRegisters };
  try {
    // A state's sparse image passes through unread: the model shares its chunks (copy-on-write).
    model.importState(image !== undefined ? defineLazyNorArrayBytes(common as FlashModelState, 'array', image) : { ...common, array: state.flashArray });
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw new ImxflashError('SIM_STATE_INVALID', `the board state does not fit ${model.part.id}: ${cause.message}`, {
      hint: 'The state is damaged: delete it to start with an erased board.',
      cause,
    });
  }
}

function readFuses(ocotp: Ocotp): FuseMap {
  const fuses: Record<number, number> = {};
  for (let offset = OCOTP_SHADOW_START; offset < OCOTP_SHADOW_END; offset += OCOTP_SHADOW_STRIDE) {
    const word = ocotp.fuse(offset);
    if (word !== 0) fuses[offset] = word;
  }
  return fuses;
}

/** Fuses are read-only from the bus; the board burns them through the register file's backdoor. */
function writeFuses(ocotp: Ocotp, fuses: FuseMap): void {
  for (let offset = OCOTP_SHADOW_START; offset < OCOTP_SHADOW_END; offset += OCOTP_SHADOW_STRIDE) {
    ocotp.poke(ocotp.base + offset, fuses[offset] ?? 0);
  }
}

function readBootConfig(src: Src): SimBootConfig {
  const sbmr2 = src.sbmr2;
  return { sbmr1: src.sbmr1, bootMode: ((sbmr2 >>> 24) & 3) as BootModePins, secConfig: sbmr2 & 3, btFuseSel: (sbmr2 & (1 << 4)) !== 0 };
}

/** SBMR1/SBMR2 are read-only from the bus (latched pins); the board sets them through the backdoor. */
function writeBootConfig(src: Src, chip: Chip, boot: SimBootConfig): void {
  src.poke(chip.registers.srcSbmr1, boot.sbmr1);
  src.poke(chip.registers.srcSbmr2, encodeSbmr2(boot));
}

function sdramSize(bus: MemoryBus, chip: Chip): number {
  const region = chip.memory.find((r) => r.needsInit !== undefined);
  if (region === undefined) return 0;
  const device = bus.deviceAt(region.start);
  return device instanceof RamDevice ? device.size : 0;
}

/** Maps SDRAM of the state's size (as buildBoardMemoryMap does: clamped to the chip's window). */
function remapSdram(bus: MemoryBus, chip: Chip, sdramBytes: number): void {
  const region = chip.memory.find((r) => r.needsInit !== undefined);
  if (region === undefined) return;
  const size = Math.min(sdramBytes, region.sizeBytes);
  const current = bus.deviceAt(region.start);
  if (current instanceof RamDevice && current.size === size) return;
  if (current !== undefined) bus.unmap(current);
  if (size > 0) bus.map(new RamDevice(region.name, region.start, size));
}

function createMemoryBackdoor(bus: MemoryBus): SimMemory {
  /** Runs `fn` over the RAM/ROM devices covering [address, address + length). */
  const each = (address: number, length: number, writable: boolean, fn: (device: RamDevice | RomDevice, at: number, from: number, n: number) => void): void => {
    let done = 0;
    while (done < length) {
      const at = (address + done) >>> 0;
      const device = bus.deviceAt(at);
      if (!(device instanceof RamDevice || (!writable && device instanceof RomDevice))) {
        throw new RangeError(`0x${at.toString(16).padStart(8, '0')} is not ${writable ? 'RAM' : 'RAM or ROM'} on this board`);
      }
      const n = Math.min(length - done, device.base + device.size - at);
      fn(device, at, done, n);
      done += n;
    }
  };
  return {
    peek: (address, length) => {
      const out = new Uint8Array(length);
      each(address, length, false, (device, at, from, n) => out.set(device.peek(at, n), from));
      return out;
    },
    poke: (address, bytes) => {
      each(address, bytes.length, true, (device, at, from, n) => (device as RamDevice).poke(at, bytes.subarray(from, from + n)));
    },
  };
}
