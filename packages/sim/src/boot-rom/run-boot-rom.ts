import { BusFault } from '../bus/bus.js';
import { RamDevice } from '../bus/ram-device.js';
import type { SimBoard } from '../board/create-sim-board.js';
import { BOOT_CFG_FUSE_OFFSET, decideBoot, type FlexspiNorBootConfig } from './boot-config.js';
import { hexAddress, hexValue, type BootStage, type BootVerdict } from './boot-verdict.js';
import { checkDcdHeader, DCD_MAX_BYTES, runDcd } from './rom-dcd.js';
import { describeFcbSequence, explainUnreadable } from './rom-diagnosis.js';
import { FCB_BYTES, FCB_TAG, readRomFcb, type RomFcb } from './rom-fcb.js';
import { RomFlexspiDriver } from './rom-flexspi-driver.js';
import { configureFromFcb, readSequence, setUpSafe, type RomFlexspiTarget } from './rom-flexspi-setup.js';
import { BOOT_DATA_BYTES, IVT_BYTES, IVT_TAG, IVT_VERSION_MAX, IVT_VERSION_MIN, readRomBootData, readRomIvt, type RomBootData, type RomIvt } from './rom-ivt.js';
import { safeReadSetup } from './safe-read-lut.js';

/*
 * The RT10xx boot ROM's FlexSPI NOR boot, step by step as research/imxrt.md §5 describes it, run
 * on a SimBoard through its bus: SRC/OCOTP reads for the boot mode, FlexSPI register writes for
 * the set-up, IP commands for the FCB, AHB reads through the FlexSPI window for the IVT, boot
 * data, DCD and the non-XIP copy, bus writes for DCD commands and the copy. It leaves the board
 * as the ROM would (FlexSPI configured and LUT locked, RAM holding the copy, DCD writes done).
 * Independent of core's codecs (rom-fcb.ts, rom-ivt.ts, rom-dcd.ts read the bytes themselves).
 *
 * Modelling decisions beyond the research (UNVERIFIED):
 * - FCB version: the top byte must be 'V' (0x56); major/minor are not checked.
 * - serialClkFreq must be a value of the chip's enum and sflashA1Size non-zero, else the ROM
 *   cannot configure the controller and gives up ('flexspi-config').
 * - XIP is boot_data.start = the FlexSPI window base; anything else is a copy to boot_data.start.
 * - The copy destination must be RAM mapped on the board, inside the region's default FlexRAM
 *   size (SDRAM: what the board maps), and outside `chip.romReservedRam`.
 * - Entry: an odd IVT.entry is the Thumb reset handler (PC = entry; SP stays the ROM's); an even
 *   one is a vector table (SP = [entry], PC = [entry + 4]). PC must be Thumb and point into RAM or
 *   the flash; SP (vector table) must be in RAM. The ROM would jump anyway and the core would
 *   fault: the model reports that as a failed boot at 'entry'.
 * - HAB closed (SEC_CONFIG[1]) and Encrypted XIP are not modelled: the verdict says so.
 * - When the IVT read fails after the reconfiguration, the model reads the FCB location again
 *   through the new settings (a diagnosis, not a ROM step): if that no longer returns the tag,
 *   the stage is 'fcb' and the reason names the FCB setting that breaks the reads.
 */

export interface RunBootRomOptions {
  /** Bytes per AHB block read during the non-XIP copy (default 16 KiB); only wall time depends on it. */
  readonly copyChunkBytes?: number;
  /**
   * The ROM runs after a chip reset (default true): the FlexSPI controllers, CCM clock gates and
   * IOMUXC pads go back to their reset values first, as a reset does to whatever a flashloader or
   * debugger left configured (a locked LUT, other read settings). RAM, fuses, boot pins and the
   * flash chip keep their state: a chip reset does not reset the flash, so a part left in QPI
   * or 4-byte mode stays there, as on a board without a flash reset line. False boots from the
   * peripherals' current state.
   */
  readonly afterReset?: boolean;
}

/** Bytes per AHB read / RAM write during the non-XIP copy (the AHB line size is 8 bytes × BUFSZ; any size works). */
const DEFAULT_COPY_CHUNK_BYTES = 16 * 1024;

class BootStop extends Error {
  constructor(
    readonly stage: BootStage,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Runs the boot ROM on `board` and says what happened: booted (entry, SP/PC, XIP or the copied
 * range) or fell back to the serial downloader, at which stage and why. Modelled time passes on
 * the board's clock (hold time, flash transfers, busy waits); `modeledMs` reports it.
 */
export function runBootRom(board: SimBoard, options: RunBootRomOptions = {}): BootVerdict {
  if (options.afterReset ?? true) {
    for (const controller of board.peripherals.flexspiInstances) controller.reset();
    board.peripherals.ccm?.reset();
    board.peripherals.iomuxc?.reset();
  }
  const run = new BootRomRun(board, options);
  const start = board.clock.now();
  try {
    const booted = run.boot();
    return { ...booted, modeledMs: board.clock.now() - start, stageMs: run.finish(), steps: run.steps };
  } catch (e) {
    if (e instanceof BootStop) {
      run.steps.push(`serial downloader (${e.stage}): ${e.reason}`);
      return { verdict: 'serial-downloader', stage: e.stage, reason: e.reason, modeledMs: board.clock.now() - start, stageMs: run.finish(), steps: run.steps };
    }
    throw e;
  }
}

type BootedFields = Omit<Extract<BootVerdict, { verdict: 'booted' }>, 'steps' | 'modeledMs' | 'stageMs'>;

class BootRomRun {
  readonly steps: string[] = [];
  private stage: BootStage = 'boot-mode';
  private stageStart: number;
  private readonly stageMs: Partial<Record<BootStage, number>> = {};
  /** sflashA1Size from the FCB, once read. */
  private flashBytes = 0;
  /** The FCB as the safe read returned it (the diagnosis compares a later read with it). */
  private fcbBytes: Uint8Array = new Uint8Array(0);
  private readonly flashBase: number;
  private readonly target: RomFlexspiTarget;

  constructor(
    private readonly board: SimBoard,
    private readonly options: RunBootRomOptions,
  ) {
    const instance = board.chip.flexspi[board.chip.bootFlexspi];
    if (instance === undefined) throw new RangeError(`chip ${board.chip.id} has no boot FlexSPI`);
    this.flashBase = instance.ahbWindow.start;
    this.stageStart = board.clock.now();
    const controller = board.peripherals.flexspi;
    this.target = {
      driver: new RomFlexspiDriver(board.bus, instance.registerBase),
      setSerialClockMhz: (mhz) => {
        controller.serialClockMhz = mhz;
      },
    };
  }

  boot(): BootedFields {
    const config = this.bootMode();
    this.enter('fcb');
    const fcb = this.readFcb(config);
    this.enter('flexspi-config');
    this.configure(fcb);
    this.enter('ivt');
    const ivtAt = this.flashBase + this.board.chip.ivtOffset;
    const ivt = this.readIvt(ivtAt, fcb, config);
    this.enter('boot-data');
    const bootData = this.readBootData(ivt, ivtAt);
    const xip = bootData.start === this.flashBase;
    this.checkSelf(ivt, bootData, xip);
    if (!xip) this.checkDestination(bootData, fcb);
    let dcdRan: number | undefined;
    if (ivt.dcd !== 0) {
      this.enter('dcd');
      dcdRan = this.runDcd(ivt, ivtAt);
    }
    let copied: BootedFields['copied'];
    if (!xip) {
      this.enter('copy');
      copied = this.copy(bootData);
    } else {
      this.steps.push(`XIP: boot_data.start ${hexAddress(bootData.start)} is the FlexSPI window; nothing copied`);
    }
    this.enter('entry');
    const entry = this.entry(ivt, bootData, xip);
    return {
      verdict: 'booted',
      entry: ivt.entry,
      ...entry,
      xip,
      imageStart: bootData.start,
      ...(copied !== undefined ? { copied } : {}),
      ...(dcdRan !== undefined ? { dcdRan } : {}),
    };
  }

  /** Closes the current stage's modelled time and starts `stage`. */
  private enter(stage: BootStage): void {
    this.finish();
    this.stage = stage;
  }

  /** Adds the time since the last stage change to the current stage; returns the per-stage times. */
  finish(): Partial<Record<BootStage, number>> {
    const now = this.board.clock.now();
    this.stageMs[this.stage] = (this.stageMs[this.stage] ?? 0) + (now - this.stageStart);
    this.stageStart = now;
    return { ...this.stageMs };
  }

  // ------------------------------------------------------------------ step 1: boot mode

  private bootMode(): FlexspiNorBootConfig {
    const { bus, chip } = this.board;
    const sbmr1 = this.busRead(() => bus.read32(chip.registers.srcSbmr1));
    const sbmr2 = this.busRead(() => bus.read32(chip.registers.srcSbmr2));
    const fuse = this.busRead(() => bus.read32(chip.registers.ocotpBase + BOOT_CFG_FUSE_OFFSET));
    const decision = decideBoot(chip, sbmr1, sbmr2, fuse);
    if (decision.boot === 'serial-downloader') throw new BootStop('boot-mode', decision.reason);
    this.steps.push(decision.description);
    if (decision.habClosed) {
      throw new BootStop('boot-mode', `SEC_CONFIG ${sbmr2 & 3} (SBMR2 ${hexAddress(sbmr2)}): HAB is closed and the model does not authenticate images`);
    }
    if (decision.encryptedXip) {
      throw new BootStop('boot-mode', `BOOT_CFG ${hexValue(decision.bootCfg)} selects Encrypted XIP (BEE), which the model does not decrypt`);
    }
    return decision;
  }

  // ------------------------------------------------------------------ steps 2–3: safe read, FCB

  private readFcb(config: FlexspiNorBootConfig): RomFcb {
    const { bus, chip, clock } = this.board;
    const safe = safeReadSetup(config.flashType);
    if (safe === undefined) {
      throw new BootStop('fcb', `flash type '${config.flashType}' (BOOT_CFG ${hexValue(config.bootCfg)}) has no safe read in the model`);
    }
    clock.advance(config.holdTimeMs);
    const setup = this.busRead(() => setUpSafe(bus, chip, this.target, safe));
    if (setup !== undefined) throw new BootStop('fcb', `FlexSPI set-up at safe settings failed: ${setup}`);
    const at = this.flashBase + chip.fcbOffset;
    this.steps.push(`hold ${config.holdTimeMs} ms; FlexSPI at 30 MHz with ${safe.description}; reading the FCB at ${hexAddress(at)}`);
    const read = this.busRead(() => this.target.driver.readData(0, 1, chip.fcbOffset, FCB_BYTES));
    if (!read.ok) throw new BootStop('fcb', `IP read of ${FCB_BYTES} bytes at ${hexAddress(at)} failed: ${read.reason}`);
    const fcb = readRomFcb(read.rx);
    if (fcb.tag !== FCB_TAG) throw new BootStop('fcb', `no tag at ${hexAddress(at)} (read ${hexAddress(fcb.tag)}, expected ${hexAddress(FCB_TAG)} 'FCFB')`);
    if (fcb.version >>> 24 !== 0x56) {
      throw new BootStop('fcb', `version ${hexAddress(fcb.version)} at ${hexAddress(at + 4)} is not 'V'.major.minor.bugfix (0x56xxxxxx)`);
    }
    this.fcbBytes = read.rx;
    this.steps.push(`FCB tag 'FCFB', version ${hexAddress(fcb.version)}; LUT sequence 0: ${describeFcbSequence(fcb, readSequence(fcb).seqId)}`);
    return fcb;
  }

  // ------------------------------------------------------------------ step 4: reconfigure

  private configure(fcb: RomFcb): void {
    const { chip, clock } = this.board;
    const mhz = chip.serialClkFreqMhz[fcb.serialClkFreq];
    if (mhz === undefined) {
      const known = Object.keys(chip.serialClkFreqMhz).join(', ');
      throw new BootStop('flexspi-config', `FCB serialClkFreq ${fcb.serialClkFreq} (offset 0x46) is not a ${chip.name} clock (known: ${known})`);
    }
    if (fcb.flashSizes[0] === 0) throw new BootStop('flexspi-config', 'FCB sflashA1Size (offset 0x50) is 0: the ROM boots from port A1 only');
    const window = (chip.flexspi[chip.bootFlexspi]?.ahbWindow.end ?? this.flashBase) - this.flashBase;
    const total = fcb.flashSizes.reduce((a, b) => a + b, 0);
    if (total > window) {
      throw new BootStop('flexspi-config', `FCB flash sizes add up to ${hexValue(total)} bytes, more than the ${hexValue(window)}-byte FlexSPI window`);
    }
    this.flashBytes = fcb.flashSizes[0] as number;
    const outcome = this.busRead(() => configureFromFcb(fcb, this.target, clock, mhz));
    this.steps.push(...outcome.steps);
    if (!outcome.ok) throw new BootStop('flexspi-config', outcome.reason ?? 'failed');
  }

  // ------------------------------------------------------------------ steps 5–6: IVT, boot data

  private readIvt(ivtAt: number, fcb: RomFcb, config: FlexspiNorBootConfig): RomIvt {
    const bytes = this.ahbRead(ivtAt, IVT_BYTES);
    const ivt = readRomIvt(bytes);
    if (!ivt.headerValid) {
      const header = hexBytes(bytes.subarray(0, 4));
      this.diagnoseUnreadable(fcb, config, ivtAt, header);
      const tag = bytes[0] as number;
      const length = ((bytes[1] as number) << 8) | (bytes[2] as number);
      const version = bytes[3] as number;
      const what =
        tag !== IVT_TAG
          ? `no IVT at ${hexAddress(ivtAt)}: header ${header}, tag ${hexValue(tag)} is not 0xD1`
          : length !== IVT_BYTES
            ? `IVT at ${hexAddress(ivtAt)}: header ${header}, length ${hexValue(length)} is not 0x20`
            : `IVT at ${hexAddress(ivtAt)}: header ${header}, version ${hexValue(version)} is not ${hexValue(IVT_VERSION_MIN)}–${hexValue(IVT_VERSION_MAX)}`;
      throw new BootStop('ivt', what);
    }
    this.steps.push(`IVT at ${hexAddress(ivtAt)}: entry ${hexAddress(ivt.entry)}, dcd ${hexAddress(ivt.dcd)}, boot_data ${hexAddress(ivt.bootData)}, self ${hexAddress(ivt.self)}, csf ${hexAddress(ivt.csf)}`);
    if (ivt.self === 0) throw new BootStop('ivt', `IVT at ${hexAddress(ivtAt)}: self is 0`);
    if (ivt.csf !== 0) this.steps.push(`CSF at ${hexAddress(ivt.csf)} not authenticated: HAB is open (SEC_CONFIG), the ROM boots anyway`);
    if (ivt.bootData === 0) throw new BootStop('ivt', `IVT at ${hexAddress(ivtAt)}: boot_data is 0`);
    const headerArea = this.board.chip.initialLoadSize - this.board.chip.ivtOffset;
    const inHeader = (pointer: number, bytes: number): boolean => pointer > ivt.self && pointer - ivt.self + bytes <= headerArea;
    if (!inHeader(ivt.bootData, BOOT_DATA_BYTES)) {
      throw new BootStop('ivt', `IVT at ${hexAddress(ivtAt)}: boot_data ${hexAddress(ivt.bootData)} is not after self ${hexAddress(ivt.self)} within the ${hexValue(this.board.chip.initialLoadSize)}-byte initial load region`);
    }
    if (ivt.dcd !== 0 && !inHeader(ivt.dcd, 4)) {
      throw new BootStop('ivt', `IVT at ${hexAddress(ivtAt)}: dcd ${hexAddress(ivt.dcd)} is not after self ${hexAddress(ivt.self)} within the ${hexValue(this.board.chip.initialLoadSize)}-byte initial load region`);
    }
    return ivt;
  }

  /**
   * After a bad IVT: does the FCB location still read back through the reconfigured controller?
   * If not, the FCB's settings are what broke the reads (stage 'fcb').
   */
  private diagnoseUnreadable(fcb: RomFcb, config: FlexspiNorBootConfig, ivtAt: number, ivtHeader: string): void {
    const fcbAt = this.flashBase + this.board.chip.fcbOffset;
    let again: Uint8Array;
    try {
      again = this.board.bus.readBlock(fcbAt, 16);
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      throw new BootStop('fcb', `after reconfiguring from the FCB, the AHB read at ${hexAddress(fcbAt)} faults (${e.reason}); IVT unreadable`);
    }
    const before = this.fcbBytes.subarray(0, 16);
    if (again.every((b, i) => b === before[i])) return;
    const tagNow = ((again[0] as number) | ((again[1] as number) << 8) | ((again[2] as number) << 16) | ((again[3] as number) << 24)) >>> 0;
    const seq = readSequence(fcb).seqId;
    throw new BootStop(
      'fcb',
      `${explainUnreadable(fcb, seq, config.flashType, again)}; through LUT sequence ${seq} (${describeFcbSequence(fcb, seq)}) ` +
        `${hexAddress(fcbAt)} reads ${hexAddress(tagNow)} instead of the tag ${hexAddress(FCB_TAG)} and the IVT at ${hexAddress(ivtAt)} reads ${ivtHeader}`,
    );
  }

  private readBootData(ivt: RomIvt, ivtAt: number): RomBootData {
    const at = ivtAt + (ivt.bootData - ivt.self);
    const bootData = readRomBootData(this.ahbRead(at, BOOT_DATA_BYTES));
    this.steps.push(`boot data at ${hexAddress(at)}: start ${hexAddress(bootData.start)}, size ${hexValue(bootData.size)}, plugin ${bootData.plugin}`);
    if (bootData.plugin !== 0) throw new BootStop('boot-data', `boot data at ${hexAddress(at)}: plugin ${bootData.plugin}; plugin images are not modelled`);
    if (bootData.size === 0) throw new BootStop('boot-data', `boot data at ${hexAddress(at)}: size is 0`);
    return bootData;
  }

  /** IVT.self must be the IVT's runtime address (research §5 step 8, Gotchas). */
  private checkSelf(ivt: RomIvt, bootData: RomBootData, xip: boolean): void {
    const expected = (bootData.start + this.board.chip.ivtOffset) >>> 0;
    if (ivt.self !== expected) {
      throw new BootStop(
        'ivt',
        `IVT self ${hexAddress(ivt.self)} is not ${hexAddress(expected)} (boot_data.start ${hexAddress(bootData.start)} + ${hexValue(this.board.chip.ivtOffset)}${xip ? ', XIP' : ', where the copy puts the IVT'})`,
      );
    }
  }

  /** The non-XIP copy destination: RAM on this board, enabled by default, outside the ROM's RAM; size within the flash. */
  private checkDestination(bootData: RomBootData, fcb: RomFcb): void {
    const { bus, chip } = this.board;
    const start = bootData.start;
    const end = start + bootData.size; // one past
    const range = `${hexAddress(start)}–${hexAddress(end - 1)}`;
    const flashBytes = fcb.flashSizes[0] as number;
    if (bootData.size > flashBytes) {
      throw new BootStop('boot-data', `boot_data.size ${hexValue(bootData.size)} is larger than the flash (sflashA1Size ${hexValue(flashBytes)})`);
    }
    const device = bus.deviceAt(start);
    if (!(device instanceof RamDevice)) {
      throw new BootStop('boot-data', `boot_data.start ${hexAddress(start)} is not RAM on this board (${device === undefined ? 'unmapped' : device.name}); copy of ${hexValue(bootData.size)} bytes impossible`);
    }
    if (end > device.base + device.size) {
      throw new BootStop('boot-data', `copy ${range} runs past the end of ${device.name} (${hexAddress(device.base + device.size - 1)})`);
    }
    const region = chip.memory.find((r) => r.kind === 'ram' && start >= r.start && start < r.start + r.sizeBytes);
    if (region !== undefined && region.needsInit === undefined && end > region.start + region.defaultEnabledBytes) {
      throw new BootStop('boot-data', `copy ${range} runs past the ${region.defaultEnabledBytes / 1024} KiB of ${region.name} enabled by the default FlexRAM fuses (ends ${hexAddress(region.start + region.defaultEnabledBytes - 1)})`);
    }
    for (const reserved of chip.romReservedRam) {
      if (start < reserved.end && end > reserved.start) {
        throw new BootStop('boot-data', `copy ${range} overlaps the RAM the ROM uses (${hexAddress(reserved.start)}–${hexAddress(reserved.end - 1)})`);
      }
    }
  }

  // ------------------------------------------------------------------ step 7: DCD

  private runDcd(ivt: RomIvt, ivtAt: number): number {
    const { bus, chip, clock } = this.board;
    const at = ivtAt + (ivt.dcd - ivt.self);
    if (!chip.dcdSupported) throw new BootStop('dcd', `IVT dcd ${hexAddress(ivt.dcd)}: ${chip.name}'s ROM has no DCD support`);
    const header = checkDcdHeader(this.ahbRead(at, 4));
    if (!header.ok) throw new BootStop('dcd', `DCD at ${hexAddress(at)}: ${header.reason}`);
    const limit = this.flashBase + chip.initialLoadSize;
    if (at + header.length > limit) {
      throw new BootStop('dcd', `DCD at ${hexAddress(at)}: ${header.length} bytes run past the initial load region (ends ${hexAddress(limit - 1)}; max ${DCD_MAX_BYTES})`);
    }
    const result = runDcd(this.ahbRead(at, header.length), at, bus, clock);
    if (!result.ok) throw new BootStop('dcd', result.reason);
    this.steps.push(`DCD at ${hexAddress(at)}: ${result.commands} command${result.commands === 1 ? '' : 's'} run`, ...result.notes);
    return result.commands;
  }

  // ------------------------------------------------------------------ step 8: non-XIP copy

  private copy(bootData: RomBootData): { from: number; to: number; bytes: number } {
    const { bus } = this.board;
    const chunk = Math.max(4, this.options.copyChunkBytes ?? DEFAULT_COPY_CHUNK_BYTES);
    for (let done = 0; done < bootData.size; done += chunk) {
      const n = Math.min(chunk, bootData.size - done);
      const data = this.ahbRead(this.flashBase + done, n);
      try {
        bus.writeBlock(bootData.start + done, data);
      } catch (e) {
        if (e instanceof BusFault) throw new BootStop('copy', `copy to ${hexAddress(bootData.start + done)}: bus fault, ${e.access} at ${hexAddress(e.address)} (${e.reason})`);
        throw e;
      }
    }
    this.steps.push(`copied ${hexValue(bootData.size)} bytes from flash offset 0 (${hexAddress(this.flashBase)}) to ${hexAddress(bootData.start)}`);
    return { from: 0, to: bootData.start, bytes: bootData.size };
  }

  // ------------------------------------------------------------------ step 9: entry

  private entry(ivt: RomIvt, bootData: RomBootData, xip: boolean): { pc: number; sp?: number; vectorTable?: number } {
    const entry = ivt.entry;
    let pc = entry;
    let sp: number | undefined;
    let vectorTable: number | undefined;
    if ((entry & 1) === 0) {
      vectorTable = entry;
      sp = this.busRead(() => this.board.bus.read32(entry), `vector table at ${hexAddress(entry)}`);
      pc = this.busRead(() => this.board.bus.read32(entry + 4), `vector table at ${hexAddress(entry)}`);
      if ((pc & 1) === 0) throw new BootStop('entry', `IVT entry ${hexAddress(entry)} is a vector table whose reset vector ${hexAddress(pc)} is not a Thumb address (bit 0 clear)`);
      if (!this.isRam(sp - 4)) throw new BootStop('entry', `IVT entry ${hexAddress(entry)} is a vector table whose initial SP ${hexAddress(sp)} is not in RAM`);
    }
    const target = (pc & ~1) >>> 0;
    const inFlash = target >= this.flashBase && target < this.flashBase + this.flashBytes;
    if (!this.isRam(target) && !inFlash) {
      throw new BootStop('entry', `${pc === entry ? 'IVT entry' : `reset vector at ${hexAddress(entry + 4)}`} ${hexAddress(pc)} is neither RAM nor flash on this board`);
    }
    const imageEnd = bootData.start + bootData.size;
    if (target < bootData.start || target >= imageEnd) {
      this.steps.push(`note: PC ${hexAddress(pc)} is outside the ${xip ? 'XIP image' : 'copied image'} ${hexAddress(bootData.start)}–${hexAddress(imageEnd - 1)}`);
    }
    const firstInstruction = this.busRead(() => this.board.bus.read16(target), `code at ${hexAddress(target)}`);
    if (inFlash && firstInstruction === 0xffff) {
      throw new BootStop('entry', `PC ${hexAddress(pc)} points at erased flash (reads 0xFFFF)`);
    }
    this.steps.push(`jump: PC ${hexAddress(pc)}${sp !== undefined ? `, SP ${hexAddress(sp)}` : ''}`);
    return { pc, ...(sp !== undefined ? { sp } : {}), ...(vectorTable !== undefined ? { vectorTable } : {}) };
  }

  // ------------------------------------------------------------------ helpers

  private isRam(address: number): boolean {
    return this.board.bus.deviceAt(address >>> 0) instanceof RamDevice;
  }

  /** A block read through the FlexSPI AHB window; a bus fault stops the boot at the current stage. */
  private ahbRead(address: number, length: number): Uint8Array {
    return this.busRead(() => this.board.bus.readBlock(address, length), `read of ${length} bytes at ${hexAddress(address)}`);
  }

  private busRead<T>(fn: () => T, what?: string): T {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      throw new BootStop(this.stage, `${what !== undefined ? `${what}: ` : ''}bus fault, ${e.access} at ${hexAddress(e.address)} (${e.reason})`);
    }
  }
}

/** Bytes as `D1 00 20 41`. */
function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
