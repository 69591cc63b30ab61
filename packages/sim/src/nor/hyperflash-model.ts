import type { FlashPart } from '@imxflash/core';
import type { Pads, SendPhase } from '../flash-bus/serial-flash-device.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import { checkFlashModelState, exportFlashModelState, loadFlashModelArray, type FlashModel, type FlashModelState } from './flash-model.js';
import { decodeHyperBusCa, HYPERBUS_CA_BYTES, type HyperBusCommandAddress } from './hyperbus-command-address.js';
import { LineNoise, UNDRIVEN_BYTE } from './line-noise.js';
import { NorArray } from './nor-array.js';
import { NorFaults } from './nor-faults.js';

export interface HyperFlashModelOptions {
  /** A saved array image (copied from offset 0; the rest is erased). */
  readonly initial?: Uint8Array;
}

/**
 * HyperFlash status register bits (research/imxrt.md §2.5: DRB = bit 7, 1 = ready, verified via the
 * SDK FCB busyOffset 15 / polarity 1). ESB, PSB and WBASB positions are from the datasheet from
 * memory: UNVERIFIED.
 */
export const HYPERFLASH_SR_DRB = 1 << 7;
export const HYPERFLASH_SR_ESB = 1 << 5;
export const HYPERFLASH_SR_PSB = 1 << 4;
export const HYPERFLASH_SR_WBASB = 1 << 3;

/** Wrapped bursts wrap inside this many bytes (CR0 default burst length; UNVERIFIED). */
const WRAPPED_BURST_BYTES = 32;

/** Where the part is in the unlock-cycle command set (research/imxrt.md §2.5). */
type CommandState =
  | 'read'
  | 'unlock-1'
  | 'unlocked'
  | 'program'
  | 'erase-setup'
  | 'erase-unlock-1'
  | 'erase-unlocked'
  | 'buffer-count'
  | 'buffer-load'
  | 'buffer-confirm';

/** What the current CS# low period is, once its 6 CA bytes are in. */
type Transaction =
  | 'deselected'
  | 'command-address'
  | 'read-array'
  | 'read-status'
  | 'read-register'
  | 'command'
  | 'program-data'
  | 'buffer-data'
  | 'ignored'
  | 'misread';

/**
 * The S26KS512S HyperFlash (part.interface 'hyperflash'): 8 pads, DDR, word addressed.
 *
 * Every CS# low period starts with the 6-byte CA ({@link decodeHyperBusCa}); whether the FlexSPI
 * LUT sends it as six CMD_DDR bytes (the SDK's command-write sequences) or as CMD_DDR + RADDR_DDR +
 * CADDR_DDR (the FCB read) does not matter to the part. Data words travel high byte first; the
 * array stores the bytes in wire order, so what is written is what is read back.
 *
 * Command writes (research §2.5), each one CS# period writing one 16-bit word to a word address
 * (only address bits 11:0 are compared with 0x555 / 0x2AA, and only the low byte of the data is
 * the command: UNVERIFIED):
 * - unlock: 0x555 ← 0xAA, 0x2AA ← 0x55;
 * - status read: 0x555 ← 0x70 (no unlock); the next read returns the status word (SR in the low
 *   byte: DRB bit 7 = ready) in every word of that read; 0x555 ← 0x71 clears the error bits
 *   (UNVERIFIED);
 * - program: unlock, 0x555 ← 0xA0, then one write of data: every word of that write is programmed,
 *   wrapping inside its 512-byte page (the NXP LUT's "page program"; one-word-only programming on
 *   the real part is possible: UNVERIFIED);
 * - write buffer: unlock, SA ← 0x25, SA ← word count − 1, the words (one page), SA ← 0x29
 *   (UNVERIFIED; a wrong count or address aborts with WBASB);
 * - sector erase: unlock, 0x555 ← 0x80, unlock, SA ← 0x30 (256 KiB sectors);
 * - chip erase: unlock, 0x555 ← 0x80, unlock, 0x555 ← 0x10;
 * - any unexpected word returns the part to read mode.
 * While busy, only 0x555 ← 0x70 is taken, and memory reads return the status word (AMD-style
 * "status data" during embedded operations: UNVERIFIED). Register space (CA[46] = 1: CR0/CR1,
 * ID/CFI) is not modelled: reads give 0xFF, writes are ignored. Read latency (dummy clocks) is not
 * checked. A phase on other than 8 pads DDR is misread.
 *
 * Faults: a failed program sets PSB, a failed erase ESB (HyperFlash, unlike SPI NOR, reports it).
 */
export class HyperFlashModel implements FlashModel {
  readonly part: FlashPart;
  readonly array: NorArray;
  readonly faults = new NorFaults();
  private readonly clock: VirtualClock;
  private readonly pageBytes: number;
  private readonly latch: Uint8Array;

  // Device state.
  private busyUntilMs = 0;
  private state: CommandState = 'read';
  private statusReadPending = false;
  private errorBits = 0;
  private bufferWordsLeft = 0;
  private bufferPageBase = -1;
  private transactions = 0;

  // The transaction in flight.
  private tx: Transaction = 'deselected';
  private readonly ca = new Uint8Array(HYPERBUS_CA_BYTES);
  private caLength = 0;
  private target: HyperBusCommandAddress | undefined;
  private outPos = 0;
  private dataBytes = 0;
  private commandWord = 0;
  private latchPos = 0;
  private noise: LineNoise | undefined;

  constructor(part: FlashPart, clock: VirtualClock, options: HyperFlashModelOptions = {}) {
    if (part.interface !== 'hyperflash') throw new RangeError(`${part.id} is not a HyperFlash part`);
    this.part = part;
    this.clock = clock;
    this.array = new NorArray(part.sizeBytes, options.initial);
    this.pageBytes = part.pageBytes;
    this.latch = new Uint8Array(part.pageBytes);
  }

  get busyUntil(): number {
    return this.busyUntilMs;
  }

  isBusy(): boolean {
    return this.clock.now() < this.busyUntilMs;
  }

  /** The status register as 0x70 reports it (low byte of the status word). */
  readStatusRegister(): number {
    return (this.isBusy() ? 0 : HYPERFLASH_SR_DRB) | this.errorBits;
  }

  // --- SerialFlashDevice ---------------------------------------------------------------------

  select(): void {
    this.transactions += 1;
    this.tx = 'command-address';
    this.caLength = 0;
    this.target = undefined;
    this.outPos = 0;
    this.dataBytes = 0;
    this.commandWord = 0;
    this.noise = undefined;
  }

  send(_phase: SendPhase, bytes: Uint8Array, pads: Pads, ddr: boolean): void {
    if (this.tx === 'deselected' || this.tx === 'ignored' || this.tx === 'misread') return;
    if (pads !== 8 || !ddr) {
      this.tx = 'misread';
      return;
    }
    let i = 0;
    while (this.tx === 'command-address' && i < bytes.length) {
      this.ca[this.caLength++] = bytes[i++]!;
      if (this.caLength === HYPERBUS_CA_BYTES) this.startTransaction();
    }
    if (i < bytes.length) this.acceptData(bytes, i);
  }

  dummy(_cycles: number, _pads: Pads, _ddr: boolean): void {
    // Initial latency is not checked (UNVERIFIED latency code); clocks before the CA is complete misread it.
    if (this.tx === 'command-address') this.tx = 'misread';
  }

  receive(count: number, pads: Pads, ddr: boolean): Uint8Array {
    if (this.tx === 'misread' || ((pads !== 8 || !ddr) && this.tx !== 'deselected')) return this.noiseBytes(count);
    const from = this.outPos;
    this.outPos += count;
    switch (this.tx) {
      case 'read-array':
        return this.readArray(from, count);
      case 'read-status': {
        const out = new Uint8Array(count);
        const sr = this.readStatusRegister();
        for (let i = 0; i < count; i++) out[i] = (from + i) % 2 === 1 ? sr : 0x00;
        return out;
      }
      default:
        return new Uint8Array(count).fill(UNDRIVEN_BYTE);
    }
  }

  deselect(): void {
    const tx = this.tx;
    this.tx = 'deselected';
    const target = this.target;
    if (target === undefined) return;
    switch (tx) {
      case 'read-status':
        this.statusReadPending = false;
        return;
      case 'command':
        if (this.dataBytes >= 2) this.command(target.wordAddress, this.commandWord & 0xff);
        return;
      case 'program-data':
        if (this.dataBytes > 0) this.program(target.wordAddress * 2);
        this.state = 'read';
        return;
      case 'buffer-data':
        return this.bufferData();
      default:
        return;
    }
  }

  // --- state ---------------------------------------------------------------------------------

  exportState(): FlashModelState {
    return exportFlashModelState(this.part.id, [], this.array);
  }

  importState(state: FlashModelState): void {
    checkFlashModelState(this.part, state, 0);
    loadFlashModelArray(this.array, state);
    this.powerCycle();
  }

  powerCycle(): void {
    this.tx = 'deselected';
    this.state = 'read';
    this.statusReadPending = false;
    this.errorBits = 0;
    this.busyUntilMs = Math.min(this.busyUntilMs, this.clock.now());
  }

  // --- transactions --------------------------------------------------------------------------

  private startTransaction(): void {
    const ca = decodeHyperBusCa(this.ca);
    this.target = ca;
    if (ca.read) {
      if (ca.registerSpace) this.tx = 'read-register';
      else if (this.statusReadPending || this.isBusy()) this.tx = 'read-status';
      else this.tx = 'read-array';
      return;
    }
    if (ca.registerSpace) {
      this.tx = 'ignored';
    } else if (!this.isBusy() && this.state === 'program') {
      this.tx = 'program-data';
      this.latch.fill(0xff);
      this.latchPos = (ca.wordAddress * 2) % this.pageBytes;
    } else if (!this.isBusy() && this.state === 'buffer-load') {
      this.tx = 'buffer-data';
      const byteAddress = (ca.wordAddress * 2) % this.part.sizeBytes;
      const page = byteAddress - (byteAddress % this.pageBytes);
      if (this.bufferPageBase < 0) this.bufferPageBase = page;
      if (page !== this.bufferPageBase) this.bufferWordsLeft = -1; // outside the buffer's page: abort
      this.latchPos = byteAddress % this.pageBytes;
    } else {
      this.tx = 'command';
    }
  }

  private acceptData(bytes: Uint8Array, from: number): void {
    const n = bytes.length - from;
    switch (this.tx) {
      case 'command':
        for (let i = from; i < bytes.length && this.dataBytes + (i - from) < 2; i++) {
          this.commandWord = (this.commandWord << 8) | bytes[i]!;
        }
        break;
      case 'program-data':
      case 'buffer-data': {
        const page = this.pageBytes;
        let pos = this.latchPos;
        let i = from;
        while (i < bytes.length) {
          const chunk = Math.min(bytes.length - i, page - pos);
          this.latch.set(bytes.subarray(i, i + chunk), pos);
          pos += chunk;
          if (pos === page) pos = 0;
          i += chunk;
        }
        this.latchPos = pos;
        break;
      }
      default:
        return;
    }
    this.dataBytes += n;
  }

  private readArray(from: number, count: number): Uint8Array {
    const start = this.target!.wordAddress * 2;
    if (this.target!.linearBurst) return this.array.read(start + from, count);
    const block = this.array.read(start - (start % WRAPPED_BURST_BYTES), WRAPPED_BURST_BYTES);
    const out = new Uint8Array(count);
    const first = (start % WRAPPED_BURST_BYTES) + from;
    for (let i = 0; i < count; i++) out[i] = block[(first + i) % WRAPPED_BURST_BYTES]!;
    return out;
  }

  private noiseBytes(count: number): Uint8Array {
    this.noise ??= new LineNoise(Math.imul(this.transactions, 0x9e37_79b1) ^ (this.target?.wordAddress ?? 0));
    return this.noise.next(count);
  }

  // --- the command set -----------------------------------------------------------------------

  private command(wordAddress: number, cmd: number): void {
    const at555 = (wordAddress & 0xfff) === 0x555;
    const at2aa = (wordAddress & 0xfff) === 0x2aa;
    if (this.isBusy()) {
      if (at555 && cmd === 0x70) this.statusReadPending = true;
      return;
    }
    const state = this.state;
    this.state = 'read';
    switch (state) {
      case 'read':
        if (at555 && cmd === 0xaa) this.state = 'unlock-1';
        else if (at555 && cmd === 0x70) this.statusReadPending = true;
        else if (at555 && cmd === 0x71) this.errorBits = 0;
        return;
      case 'unlock-1':
        if (at2aa && cmd === 0x55) this.state = 'unlocked';
        else this.command(wordAddress, cmd);
        return;
      case 'unlocked':
        if (at555 && cmd === 0xa0) this.state = 'program';
        else if (at555 && cmd === 0x80) this.state = 'erase-setup';
        else if (cmd === 0x25) this.state = 'buffer-count';
        return;
      case 'erase-setup':
        if (at555 && cmd === 0xaa) this.state = 'erase-unlock-1';
        return;
      case 'erase-unlock-1':
        if (at2aa && cmd === 0x55) this.state = 'erase-unlocked';
        return;
      case 'erase-unlocked':
        if (cmd === 0x30) this.erase(wordAddress * 2, this.part.sectorBytes);
        else if (at555 && cmd === 0x10) this.erase(0, this.part.sizeBytes);
        return;
      case 'buffer-count':
        return this.startBuffer((this.commandWord & 0xffff) + 1);
      case 'buffer-confirm':
        if (cmd === 0x29) this.program(this.bufferPageBase);
        else this.errorBits |= HYPERFLASH_SR_WBASB;
        return;
      default:
        return; // 'program' and 'buffer-load' take data transactions, not commands
    }
  }

  private startBuffer(words: number): void {
    if (words > this.pageBytes / 2) {
      this.errorBits |= HYPERFLASH_SR_WBASB;
      return;
    }
    this.latch.fill(0xff);
    this.bufferWordsLeft = words;
    this.bufferPageBase = -1;
    this.state = 'buffer-load';
  }

  private bufferData(): void {
    if (this.bufferWordsLeft >= 0) this.bufferWordsLeft -= Math.floor(this.dataBytes / 2);
    if (this.bufferWordsLeft > 0) return;
    if (this.bufferWordsLeft === 0) {
      this.state = 'buffer-confirm';
      return;
    }
    this.errorBits |= HYPERFLASH_SR_WBASB;
    this.state = 'read';
  }

  private program(byteAddress: number): void {
    const address = byteAddress % this.part.sizeBytes;
    if (this.faults.takeProgram()) this.errorBits |= HYPERFLASH_SR_PSB;
    else this.array.program(address - (address % this.pageBytes), this.latch);
    this.state = 'read';
    this.busyUntilMs = this.clock.now() + this.faults.scale(this.part.timing.pageProgramUs.typ / 1000);
  }

  private erase(byteAddress: number, bytes: number): void {
    const chip = bytes >= this.part.sizeBytes;
    const address = byteAddress % this.part.sizeBytes;
    if (this.faults.takeErase()) this.errorBits |= HYPERFLASH_SR_ESB;
    else this.array.erase(chip ? 0 : address - (address % bytes), bytes);
    const ms = chip ? this.part.timing.chipEraseMs.typ : (this.part.timing.eraseMs[bytes]?.typ ?? 0);
    this.busyUntilMs = this.clock.now() + this.faults.scale(ms);
  }
}
