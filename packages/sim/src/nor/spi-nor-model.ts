import type { FlashPart } from '@imxflash/core';
import type { Pads, SendPhase } from '../flash-bus/serial-flash-device.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import { checkFlashModelState, exportFlashModelState, loadFlashModelArray, type FlashModel, type FlashModelState } from './flash-model.js';
import { LineNoise, UNDRIVEN_BYTE } from './line-noise.js';
import { NorArray } from './nor-array.js';
import { NorFaults } from './nor-faults.js';
import { buildSfdpTable } from './sfdp-table.js';
import { buildSpiNorCommandTable, type SpiNorCommand, type SpiNorCommandTable } from './spi-nor-commands.js';
import { SpiNorStatusRegisters } from './status-register.js';

export interface SpiNorModelOptions {
  /** A saved array image (copied from offset 0; the rest is erased). */
  readonly initial?: Uint8Array;
  /** QE at power-on; defaults to `part.quadEnableFactorySet`. */
  readonly qeSet?: boolean;
}

/**
 * Where the part is inside one CS# low period. The part does not see the controller's LUT phase
 * names: it counts bytes and clocks (research/imxrt.md §2.2 command shapes), so a LUT that sends
 * too few address bytes or the wrong dummy count gets what the real part would do with it.
 */
type Stage =
  | 'deselected'
  | 'opcode'
  | 'address'
  | 'wait' //       mode + dummy clocks
  | 'data'
  | 'done' //       a command without data, complete; more clocks cancel it
  | 'ignored' //    the part does not take part (busy, unknown opcode, misread opcode, cancelled)
  | 'misread'; //   the part is decoding garbage: it drives noise and executes nothing

/**
 * A serial NOR chip behind FlexSPI, driven by a FlashPart entry (research/imxrt.md §2.1–§2.6).
 *
 * Modelled:
 * - IDs: 0x9F returns the three JEDEC bytes and then repeats them (choice; UNVERIFIED what parts
 *   drive after byte 3). 0x5A returns {@link buildSfdpTable} (3-byte address, 8 dummy clocks).
 * - Status (§2.3): 0x05 SR1 (repeated while clocked, sampled per receive call), SR2 reads/writes
 *   where QE lives in SR2, 0x01 WRSR with one or two bytes per `part.quadEnable.write`.
 * - WEL (§2.2): PP, erases, chip erase and status writes need WEL=1; it clears when the operation
 *   completes (WIP falls) or the part refuses it (block protection). Without WEL they are ignored.
 * - WIP: an operation sets busy for the part's typical time × `faults.busyScale` on the virtual
 *   clock; while busy only the status reads are accepted (suspend is not modelled). The model
 *   never advances the clock: drivers' sleeps and link time do (see `busyUntil`).
 * - Reads 0x03, 0x0B (8 dummy), 0x6B 1-1-4 (8 dummy), the part's 1-4-4 read with its mode +
 *   dummy clocks. Mode bits are taken as clocks only: continuous-read (XIP) mode is not modelled.
 *   Too few or too many wait clocks shift the data by the difference, as on the wire.
 * - Page program: ANDs into the array, the address wraps inside the page and later bytes
 *   overwrite earlier ones in the page latch (§2.2). The part's quad program opcode.
 * - Erases per `part.eraseUnits` (address aligned down), chip erase 0x60 / 0xC7.
 * - 4-byte parts: the 4-byte opcodes always take 4 address bytes; 0xB7/0xE9 switch the 3-byte
 *   opcodes between 3 and 4 address bytes.
 * - 0x66 + 0x99 reset (WEL, 4-byte mode, QPI back to power-on); 0xB9 / 0xAB deep power-down.
 * - QE gating: with QE=0, a command with a 4-pad phase is misread: reads return
 *   {@link LineNoise} and writes program nothing, WEL staying set (IO2/IO3 are WP#/HOLD#,
 *   research Gotchas; what a real part latches instead is UNVERIFIED).
 * - ISSI quirk 'opcode-0x35-enters-qpi': 0x35 enters QPI. In QPI the part only decodes opcodes on
 *   4 pads (every phase is then 4-pad, QE not checked; UNVERIFIED) and 0xF5 leaves. A 1-pad
 *   opcode in QPI (or a 4-pad one outside it) is ignored: the host reads undriven lines (0xFF).
 * - Commands end at deselect; a command without data that gets more clocks is cancelled
 *   (datasheets require CS# to rise on the byte boundary; UNVERIFIED for every part).
 * - DDR phases are misread (no DTR commands modelled).
 * - Block protection: any BP bit set refuses every program and erase (see status-register.ts).
 */
export class SpiNorModel implements FlashModel {
  readonly part: FlashPart;
  readonly array: NorArray;
  readonly faults = new NorFaults();
  private readonly clock: VirtualClock;
  private readonly status: SpiNorStatusRegisters;
  private readonly commands: SpiNorCommandTable;
  private readonly sfdp: Uint8Array;
  private readonly jedecId: readonly number[];
  private readonly latch: Uint8Array;
  private readonly pageBytes: number;

  // Volatile device state.
  private busyUntilMs = 0;
  private operationPending = false;
  private fourByteMode = false;
  private qpi = false;
  private poweredDown = false;
  private resetArmed = false;
  private transactions = 0;

  // The transaction in flight.
  private stage: Stage = 'deselected';
  private cmd: SpiNorCommand | undefined;
  private addressPads: Pads = 1;
  private dataPads: Pads = 1;
  private addressBytesLeft = 0;
  private address = 0;
  private waitClocksLeft = 0;
  /** Bits of the part's output stream clocked so far; negative while the part is still waiting. */
  private outBits = 0;
  private dataIn = 0;
  private latchPos = 0;
  private statusIn0 = 0;
  private statusIn1 = 0;
  private noise: LineNoise | undefined;

  constructor(part: FlashPart, clock: VirtualClock, options: SpiNorModelOptions = {}) {
    if (part.interface !== 'spi-nor' || part.jedecId === null) throw new RangeError(`${part.id} is not an SPI NOR part`);
    this.part = part;
    this.clock = clock;
    this.array = new NorArray(part.sizeBytes, options.initial);
    this.status = new SpiNorStatusRegisters(part, options.qeSet ?? part.quadEnableFactorySet);
    this.commands = buildSpiNorCommandTable(part);
    this.sfdp = buildSfdpTable(part);
    this.jedecId = part.jedecId;
    this.pageBytes = part.pageBytes;
    this.latch = new Uint8Array(part.pageBytes);
  }

  get busyUntil(): number {
    return this.busyUntilMs;
  }

  isBusy(): boolean {
    return this.clock.now() < this.busyUntilMs;
  }

  /** True in 4-byte address mode (after 0xB7). */
  get inFourByteMode(): boolean {
    return this.fourByteMode;
  }

  /** True in QPI (4-4-4) mode. */
  get inQpiMode(): boolean {
    return this.qpi;
  }

  // --- SerialFlashDevice ---------------------------------------------------------------------

  select(): void {
    this.settle();
    this.transactions += 1;
    this.stage = 'opcode';
    this.cmd = undefined;
    this.addressBytesLeft = 0;
    this.address = 0;
    this.waitClocksLeft = 0;
    this.outBits = 0;
    this.dataIn = 0;
    this.noise = undefined;
  }

  send(_phase: SendPhase, bytes: Uint8Array, pads: Pads, ddr: boolean): void {
    if (this.stage === 'deselected' || this.stage === 'ignored' || this.stage === 'misread') return;
    if (ddr) {
      this.misread();
      return;
    }
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      switch (this.stage) {
        case 'opcode':
          this.decode(bytes[i]!, pads);
          i += 1;
          break;
        case 'address': {
          if (pads !== this.addressPads) return this.misread();
          const take = Math.min(this.addressBytesLeft, n - i);
          for (let k = 0; k < take; k++) this.address = this.address * 256 + bytes[i + k]!;
          i += take;
          this.addressBytesLeft -= take;
          if (this.addressBytesLeft === 0) this.afterAddress();
          break;
        }
        case 'wait': {
          // Mode bits (or anything the host drives) during the wait only count as clocks.
          const clocksPerByte = 8 / pads;
          while (i < n && this.waitClocksLeft > 0) {
            this.waitClocksLeft -= clocksPerByte;
            i += 1;
          }
          if (this.waitClocksLeft <= 0) this.startData(-this.waitClocksLeft);
          break;
        }
        case 'data': {
          const cmd = this.cmd!;
          if (cmd.writesData) {
            if (pads !== this.dataPads) return this.misread();
            this.acceptData(bytes, i);
          } else {
            // The host drives while the part shifts out: the part's stream moves on.
            this.outBits += ((n - i) * 8 / pads) * this.dataPads;
          }
          i = n;
          break;
        }
        case 'done':
          this.cancelOnMoreClocks();
          return;
        default:
          return;
      }
    }
  }

  dummy(cycles: number, _pads: Pads, ddr: boolean): void {
    // Dummy clocks count as clocks whatever the pads: the host does not drive the lines.
    switch (this.stage) {
      case 'opcode':
        this.stage = 'ignored'; // undriven clocks: the part reads opcode 0xFF, which nothing answers
        return;
      case 'address':
        return this.misread();
      case 'wait':
        if (ddr) return this.misread();
        this.waitClocksLeft -= cycles;
        if (this.waitClocksLeft <= 0) this.startData(-this.waitClocksLeft);
        return;
      case 'data':
        if (ddr || this.cmd!.writesData) return this.misread();
        this.outBits += cycles * this.dataPads;
        return;
      case 'done':
        this.cancelOnMoreClocks();
        return;
      default:
        return;
    }
  }

  receive(count: number, pads: Pads, ddr: boolean): Uint8Array {
    this.settle();
    const cmd = this.cmd;
    switch (this.stage) {
      case 'wait':
      case 'data':
        if (!cmd!.readsData) break;
        if (ddr || pads !== this.dataPads) return this.noiseBytes(count);
        if (this.stage === 'wait') this.startData(0, -this.waitClocksLeft * this.dataPads);
        return this.produce(count);
      case 'address':
        if (!cmd!.readsData) break;
        this.misread();
        return this.noiseBytes(count);
      case 'misread':
        return this.noiseBytes(count);
      default:
        break;
    }
    return new Uint8Array(count).fill(UNDRIVEN_BYTE);
  }

  deselect(): void {
    const stage = this.stage;
    this.stage = 'deselected';
    const cmd = this.cmd;
    if (cmd === undefined) return;
    if (stage === 'done') this.execute(cmd);
    else if (stage === 'data' && cmd.writesData && this.dataIn > 0) this.execute(cmd);
  }

  // --- state ---------------------------------------------------------------------------------

  exportState(): FlashModelState {
    return exportFlashModelState(this.part.id, [this.status.sr1, this.status.sr2], this.array);
  }

  importState(state: FlashModelState): void {
    checkFlashModelState(this.part, state, 2);
    loadFlashModelArray(this.array, state);
    this.status.writeSr1(state.statusRegisters[0]!);
    this.status.sr2 = 0;
    this.status.writeSr2(state.statusRegisters[1]!);
    this.powerCycle();
  }

  powerCycle(): void {
    this.stage = 'deselected';
    this.cmd = undefined;
    this.status.wel = false;
    this.operationPending = false;
    this.busyUntilMs = Math.min(this.busyUntilMs, this.clock.now());
    this.fourByteMode = false;
    this.qpi = false;
    this.poweredDown = false;
    this.resetArmed = false;
  }

  // --- decoding ------------------------------------------------------------------------------

  private decode(opcode: number, pads: Pads): void {
    if (pads !== (this.qpi ? 4 : 1)) {
      this.stage = 'ignored';
      return;
    }
    const cmd = this.commands[opcode];
    if (
      cmd === undefined
      || (this.poweredDown && cmd.kind !== 'release-power-down')
      || (cmd.kind === 'exit-qpi' && !this.qpi)
      || (this.isBusy() && cmd.kind !== 'read-status-1' && cmd.kind !== 'read-status-2')
    ) {
      this.stage = 'ignored';
      return;
    }
    if (cmd.kind !== 'reset') this.resetArmed = false;
    this.cmd = cmd;
    this.addressPads = this.qpi ? 4 : cmd.addressPads;
    this.dataPads = this.qpi ? 4 : cmd.dataPads;
    if (!this.qpi && !this.status.quadEnabled && (cmd.addressPads === 4 || cmd.dataPads === 4)) {
      this.stage = 'misread';
      return;
    }
    if (cmd.kind === 'page-program') this.latch.fill(0xff);
    this.addressBytesLeft = cmd.address === 'mode' ? (this.fourByteMode ? 4 : 3) : cmd.address;
    if (this.addressBytesLeft > 0) this.stage = 'address';
    else this.afterAddress();
  }

  private afterAddress(): void {
    const cmd = this.cmd!;
    if (cmd.kind === 'page-program') this.latchPos = (this.address % this.part.sizeBytes) % this.pageBytes;
    if (cmd.waitClocks > 0) {
      this.waitClocksLeft = cmd.waitClocks;
      this.stage = 'wait';
    } else if (cmd.readsData || cmd.writesData) {
      this.startData(0);
    } else {
      this.stage = 'done';
    }
  }

  /** The wait is over; `extraClocks` already passed in data time (or `bits` given directly). */
  private startData(extraClocks: number, bits = extraClocks * this.dataPads): void {
    this.waitClocksLeft = 0;
    this.stage = 'data';
    if (this.cmd!.writesData && bits !== 0) {
      this.misread();
      return;
    }
    this.outBits = bits;
  }

  /**
   * More clocks after a complete command without data: CS# does not rise on the byte boundary, so
   * the part drops the command. 0xAB is the exception: its legacy form clocks 3 dummy bytes and
   * reads an ID (not modelled: the lines stay undriven) and still releases deep power-down.
   */
  private cancelOnMoreClocks(): void {
    if (this.cmd?.kind !== 'release-power-down') this.stage = 'ignored';
  }

  private misread(): void {
    if (this.stage !== 'deselected') this.stage = 'misread';
  }

  private acceptData(bytes: Uint8Array, from: number): void {
    const cmd = this.cmd!;
    const n = bytes.length;
    if (cmd.kind === 'page-program') {
      const page = this.pageBytes;
      let pos = this.latchPos;
      let i = from;
      while (i < n) {
        const chunk = Math.min(n - i, page - pos);
        this.latch.set(bytes.subarray(i, i + chunk), pos);
        pos += chunk;
        if (pos === page) pos = 0;
        i += chunk;
      }
      this.latchPos = pos;
    } else {
      for (let i = from; i < n && this.dataIn + (i - from) < 2; i++) {
        if (this.dataIn + (i - from) === 0) this.statusIn0 = bytes[i]!;
        else this.statusIn1 = bytes[i]!;
      }
    }
    this.dataIn += n - from;
  }

  // --- output --------------------------------------------------------------------------------

  /** `count` bytes of the part's output stream from bit `outBits` (negative: undriven 1s first). */
  private produce(count: number): Uint8Array {
    const start = this.outBits;
    this.outBits += count * 8;
    if (start >= 0 && (start & 7) === 0) return this.source(start / 8, count);
    const first = Math.floor(start / 8);
    const shift = start - first * 8;
    const src = this.sourceFrom(first, count + 1);
    const out = new Uint8Array(count);
    for (let j = 0; j < count; j++) out[j] = ((src[j]! << shift) | (src[j + 1]! >>> (8 - shift))) & 0xff;
    return out;
  }

  private sourceFrom(first: number, count: number): Uint8Array {
    if (first >= 0) return this.source(first, count);
    const out = new Uint8Array(count).fill(UNDRIVEN_BYTE);
    const skip = Math.min(-first, count);
    if (skip < count) out.set(this.source(0, count - skip), skip);
    return out;
  }

  /** The bytes the current command drives, from byte `offset` of its output. */
  private source(offset: number, count: number): Uint8Array {
    const cmd = this.cmd!;
    switch (cmd.kind) {
      case 'read-array':
        return this.array.read(this.address + offset, count);
      case 'read-jedec-id': {
        const out = new Uint8Array(count);
        for (let i = 0; i < count; i++) out[i] = this.jedecId[(offset + i) % 3]!;
        return out;
      }
      case 'read-sfdp': {
        const out = new Uint8Array(count).fill(0xff);
        const from = this.address + offset;
        if (from < this.sfdp.length) out.set(this.sfdp.subarray(from, Math.min(this.sfdp.length, from + count)));
        return out;
      }
      case 'read-status-1':
        return new Uint8Array(count).fill(this.status.read1(this.isBusy()));
      case 'read-status-2':
        return new Uint8Array(count).fill(this.status.read2());
      default:
        return new Uint8Array(count).fill(UNDRIVEN_BYTE);
    }
  }

  private noiseBytes(count: number): Uint8Array {
    this.noise ??= new LineNoise((this.address ^ ((this.cmd?.opcode ?? 0) << 24) ^ Math.imul(this.transactions, 0x9e37_79b1)) >>> 0);
    return this.noise.next(count);
  }

  // --- execution -----------------------------------------------------------------------------

  private execute(cmd: SpiNorCommand): void {
    switch (cmd.kind) {
      case 'write-enable':
        this.status.wel = true;
        return;
      case 'write-disable':
        this.status.wel = false;
        return;
      case 'enter-4-byte-mode':
        this.fourByteMode = true;
        return;
      case 'exit-4-byte-mode':
        this.fourByteMode = false;
        return;
      case 'reset-enable':
        this.resetArmed = true;
        return;
      case 'reset':
        if (this.resetArmed) this.softReset();
        return;
      case 'power-down':
        this.poweredDown = true;
        return;
      case 'release-power-down':
        this.poweredDown = false;
        return;
      case 'enter-qpi':
        this.qpi = true;
        return;
      case 'exit-qpi':
        this.qpi = false;
        return;
      case 'page-program':
        return this.pageProgram();
      case 'erase':
        return this.erase(cmd.eraseBytes);
      case 'chip-erase':
        return this.erase(this.part.sizeBytes);
      case 'write-status-1':
      case 'write-status-2':
        return this.writeStatus(cmd.kind);
      default:
        return;
    }
  }

  private pageProgram(): void {
    if (!this.writeAllowed()) return;
    const failed = this.faults.takeProgram();
    const address = this.address % this.part.sizeBytes;
    if (!failed) this.array.program(address - (address % this.pageBytes), this.latch);
    this.startOperation(this.part.timing.pageProgramUs.typ / 1000);
  }

  private erase(bytes: number): void {
    if (!this.writeAllowed()) return;
    const failed = this.faults.takeErase();
    const chip = bytes >= this.part.sizeBytes;
    const address = this.address % this.part.sizeBytes;
    if (!failed) this.array.erase(chip ? 0 : address - (address % bytes), bytes);
    this.startOperation(chip ? this.part.timing.chipEraseMs.typ : this.eraseTimeMs(bytes));
  }

  private eraseTimeMs(bytes: number): number {
    const t = this.part.timing.eraseMs[bytes];
    if (t !== undefined) return t.typ;
    // A database entry without this size: scale the smallest unit's time (UNVERIFIED by definition).
    const sector = this.part.timing.eraseMs[this.part.sectorBytes]?.typ ?? 0;
    return (sector * bytes) / this.part.sectorBytes;
  }

  private writeStatus(kind: 'write-status-1' | 'write-status-2'): void {
    if (!this.status.wel) return;
    if (kind === 'write-status-2') {
      this.status.writeSr2(this.statusIn0);
    } else {
      this.status.writeSr1(this.statusIn0);
      const write = this.part.quadEnable?.write;
      if (write === 'wrsr-2-bytes') this.status.writeSr2(this.dataIn >= 2 ? this.statusIn1 : 0); // QER 1: 1 byte clears SR2
      else if (write === 'wrsr2-0x31' && this.dataIn >= 2) this.status.writeSr2(this.statusIn1); // Winbond accepts both (§2.1)
    }
    this.startOperation(this.part.timing.writeStatusMs.typ);
  }

  /** WEL set and no block protection; a protected target refuses the command and clears WEL. */
  private writeAllowed(): boolean {
    if (!this.status.wel) return false;
    if (this.status.protectsArray) {
      this.status.wel = false;
      return false;
    }
    return true;
  }

  private startOperation(ms: number): void {
    this.busyUntilMs = this.clock.now() + this.faults.scale(ms);
    this.operationPending = true;
    this.settle();
  }

  /** WEL clears when the running operation has finished. */
  private settle(): void {
    if (this.operationPending && this.clock.now() >= this.busyUntilMs) {
      this.status.wel = false;
      this.operationPending = false;
    }
  }

  private softReset(): void {
    this.status.wel = false;
    this.fourByteMode = false;
    this.qpi = false;
    this.resetArmed = false;
  }
}
