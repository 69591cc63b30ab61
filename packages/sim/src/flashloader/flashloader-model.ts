import { ImxflashError } from '@imxflash/core';
import type { SimBoard } from '../board/create-sim-board.js';
import { BusFault } from '../bus/bus.js';
import { packPacket, unpackPacket } from './blhost-wire.js';
import { FL_STATUS, FlashloaderStatus } from './flashloader-status.js';
import { FlexspiNorMemory } from './flexspi-nor-memory.js';

/**
 * NXP's RT flashloader as a model (research/spsdk.md §2): MCU-bootloader commands on the board's
 * bus and its FlexSPI NOR (flexspi-nor-memory.ts). Transport-agnostic: the HID device and the
 * UART adapter feed it command packets and data packets and forward what it emits.
 *
 * Semantics (research §2.4, §2.8): WriteMemory answers GenericResponse(0) and then takes the data
 * phase; flash writes must start page-aligned (20105), need configure-memory first (10205) and an
 * erased target (10203); data is programmed page by page as it arrives. ReadMemory answers
 * ReadMemoryResponse, the data, then GenericResponse. A command packet during a data phase
 * abandons the phase (UNVERIFIED: what the real one does is not in the research).
 */
export interface FlashloaderOutput {
  /** A command/response packet (UART COMMAND frame, HID report 3). */
  response(packet: Uint8Array): void;
  /** A data packet to the host (UART DATA frame, HID report 4). */
  data(payload: Uint8Array): void;
}

export interface FlashloaderModelOptions {
  /** MaxPacketSize property: 1012 on HID, 512 on UART (NXPSDK bootloader_config.h, research §2.2). */
  maxPacketSize: number;
  /** Reset command: the model has answered; the board resets (the attach code re-runs the ROM). */
  onReset(): void;
  /**
   * Refuse flash writes that would change non-erased bytes with 10203 (default true), as builds
   * with BL_FEATURE_FLASH_CHECK_CUMULATIVE_WRITE do (UNVERIFIED: which NXP builds enable it).
   */
  cumulativeWriteCheck?: boolean;
}

/** Version the model reports (property 1): 'K' 1.4.0, the value of research §4.2's example. */
const CURRENT_VERSION = 0x4b01_0400;
/** AvailableCommands as MCUBU lists for the RT1052 flashloader (research §2.6). */
const AVAILABLE_COMMANDS = 0x5efdf;
const TAG = { ERASE_ALL: 0x01, ERASE_REGION: 0x02, READ: 0x03, WRITE: 0x04, FILL: 0x05, GET_PROPERTY: 0x07, EXECUTE: 0x09, RESET: 0x0b, SET_PROPERTY: 0x0c, CONFIGURE: 0x11 } as const;
const RESPONSE = { GENERIC: 0xa0, READ_MEMORY: 0xa3, GET_PROPERTY: 0xa7 } as const;

interface WritePhase {
  readonly address: number;
  readonly total: number;
  received: number;
  readonly target: 'flash' | 'ram';
  /** Bytes of the current page not yet programmed (flash only). */
  page: Uint8Array;
  pageFill: number;
  pageOffset: number;
  status: number;
}

export class FlashloaderModel {
  readonly nor: FlexspiNorMemory;
  private write: WritePhase | undefined;
  private verifyWrites = 1;

  constructor(
    private readonly board: SimBoard,
    private readonly out: FlashloaderOutput,
    private readonly options: FlashloaderModelOptions,
  ) {
    this.nor = new FlexspiNorMemory(board.chip, board.bus, board.peripherals.flexspi, board.clock);
  }

  /** True while a WriteMemory data phase waits for data. */
  get inDataPhase(): boolean {
    return this.write !== undefined;
  }

  command(bytes: Uint8Array): void {
    this.write = undefined;
    const p = unpackPacket(bytes);
    if (p === undefined) return; // not a packet: the real one ignores it (UNVERIFIED)
    const [a = 0, b = 0, c = 0] = p.params;
    try {
      switch (p.tag) {
        case TAG.GET_PROPERTY: return this.getProperty(a, b);
        case TAG.SET_PROPERTY: return this.generic(p.tag, a === 10 ? ((this.verifyWrites = b), 0) : a <= 31 ? FL_STATUS.READ_ONLY_PROPERTY : FL_STATUS.UNKNOWN_PROPERTY);
        case TAG.FILL: return this.generic(p.tag, this.fill(a, b, c));
        case TAG.CONFIGURE: return this.generic(p.tag, this.configure(a, b));
        case TAG.ERASE_REGION: return this.generic(p.tag, this.eraseRegion(a, b));
        case TAG.ERASE_ALL: return this.generic(p.tag, a === 9 ? this.run(() => this.nor.eraseAll()) : FL_STATUS.INVALID_ARGUMENT);
        case TAG.READ: return this.read(a, b);
        case TAG.WRITE: return this.startWrite(a, b);
        case TAG.EXECUTE: throw cannotExecute(a);
        case TAG.RESET:
          this.generic(p.tag, 0);
          this.options.onReset();
          return;
        default: return this.generic(p.tag, FL_STATUS.UNKNOWN_COMMAND);
      }
    } catch (e) {
      if (e instanceof FlashloaderStatus) return this.generic(p.tag, e.status);
      throw e;
    }
  }

  /** One data packet of a WriteMemory phase; returns false when the phase aborted (UART answers ACK_ABORT). */
  data(payload: Uint8Array): boolean {
    const w = this.write;
    if (w === undefined) return true; // stray data: ignored
    const n = Math.min(payload.length, w.total - w.received);
    if (w.status === 0) {
      try {
        if (w.target === 'ram') this.board.bus.writeBlock(w.address + w.received, payload.subarray(0, n));
        else this.feedPages(w, payload.subarray(0, n));
        if (w.target === 'flash' && w.received + n >= w.total && w.pageFill > 0) this.flushPage(w);
      } catch (e) {
        w.status = e instanceof FlashloaderStatus ? e.status : e instanceof BusFault ? FL_STATUS.MEMORY_WRITE_FAILED : rethrow(e);
      }
    }
    w.received += n;
    if (w.status !== 0) {
      this.write = undefined;
      this.generic(TAG.WRITE, w.status);
      return false;
    }
    if (w.received >= w.total) {
      this.write = undefined;
      this.generic(TAG.WRITE, w.status);
    }
    return true;
  }

  /** Reset: configuration lost (research §6 item 5: 10205 after a reset). */
  reset(): void {
    this.write = undefined;
    this.nor.forget();
  }

  private getProperty(tag: number, memoryId: number): void {
    const ok = (...values: number[]): void => this.out.response(packPacket(RESPONSE.GET_PROPERTY, 0, [0, ...values]));
    const ram = this.board.chip.memory.find((r) => r.name === 'OCRAM');
    switch (tag) {
      case 1: return ok(CURRENT_VERSION);
      case 2: return ok(0x11); // UART + USB-HID
      case 3: return ok(this.nor.ahbBase);
      case 4: return ok(this.nor.config?.sizeBytes ?? 0);
      case 5: return ok(this.nor.config?.sectorBytes ?? 0);
      case 7: return ok(AVAILABLE_COMMANDS);
      case 10: return ok(this.verifyWrites);
      case 11: return ok(this.options.maxPacketSize);
      case 14: return ok(ram?.start ?? 0);
      case 15: return ok(ram?.defaultEnabledBytes ?? 0);
      case 25: {
        if (memoryId !== 9) return this.out.response(packPacket(RESPONSE.GET_PROPERTY, 0, [FL_STATUS.INVALID_ARGUMENT]));
        const c = this.nor.config;
        if (c === undefined) return this.out.response(packPacket(RESPONSE.GET_PROPERTY, 0, [FL_STATUS.MEMORY_NOT_CONFIGURED]));
        return ok(0x1f, this.nor.ahbBase, c.sizeBytes / 1024, c.pageBytes, c.sectorBytes, c.blockBytes);
      }
      default: return this.out.response(packPacket(RESPONSE.GET_PROPERTY, 0, [FL_STATUS.UNKNOWN_PROPERTY]));
    }
  }

  private generic(tag: number, status: number): void {
    this.out.response(packPacket(RESPONSE.GENERIC, 0, [status, tag]));
  }

  private run(fn: () => void): number {
    fn();
    return 0;
  }

  private fill(address: number, bytes: number, pattern: number): number {
    if (!this.isRam(address, bytes)) return FL_STATUS.MEMORY_RANGE_INVALID;
    const out = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) out[i] = (pattern >>> (8 * (i & 3))) & 0xff;
    this.board.bus.writeBlock(address, out);
    return 0;
  }

  /** configure-memory (research §2.8): the word at `address` in RAM decides. */
  private configure(memoryId: number, address: number): number {
    if (memoryId !== 9) return FL_STATUS.INVALID_ARGUMENT;
    if (!this.isRam(address, 4)) return FL_STATUS.INVALID_ARGUMENT;
    const option0 = this.board.bus.read32(address);
    if (option0 >>> 28 === 0xc) {
      if ((option0 & 0xfff0_0000) === 0xcf90_0000) return 0; // instance switch: the model has one instance
      const option1 = ((option0 >>> 24) & 0xf) >= 1 ? this.board.bus.read32(address + 4) : undefined;
      this.nor.configureFromOption(option0, option1);
      return 0;
    }
    if (option0 === 0xf000_000f) return this.programFcb();
    if (option0 === 0x4246_4346) {
      if (!this.isRam(address, 512)) return FL_STATUS.INVALID_ARGUMENT;
      this.nor.configureFromFcb(this.board.bus.readBlock(address, 512));
      return 0;
    }
    return FL_STATUS.INVALID_ARGUMENT;
  }

  /** 0xF000000F: the current FCB goes to the chip's FCB offset, only over erased bytes (else 10203). */
  private programFcb(): number {
    const c = this.nor.need();
    const offset = this.board.chip.fcbOffset;
    if (!this.nor.read(offset, 512).every((b) => b === 0xff)) return FL_STATUS.MEMORY_CUMULATIVE_WRITE;
    for (let at = 0; at < 512; at += c.pageBytes) this.nor.programPage(offset + at, c.fcb.subarray(at, at + c.pageBytes));
    return 0;
  }

  private eraseRegion(address: number, bytes: number): number {
    const c = this.nor.need();
    const offset = this.flashOffset(address, bytes, c.sizeBytes);
    if (offset === undefined) return FL_STATUS.MEMORY_RANGE_INVALID;
    if (offset % c.sectorBytes !== 0 || bytes % c.sectorBytes !== 0) return FL_STATUS.MEMORY_ALIGNMENT_ERROR;
    this.nor.erase(offset, bytes);
    return 0;
  }

  private read(address: number, bytes: number): void {
    let data: Uint8Array;
    try {
      const c = this.inFlashWindow(address) ? this.nor.need() : undefined;
      if (c !== undefined) {
        const offset = this.flashOffset(address, bytes, c.sizeBytes);
        if (offset === undefined) throw new FlashloaderStatus(FL_STATUS.MEMORY_RANGE_INVALID, 'outside the flash');
        data = this.nor.read(offset, bytes);
      } else {
        if (!this.isRam(address, bytes)) throw new FlashloaderStatus(FL_STATUS.MEMORY_RANGE_INVALID, 'not RAM');
        data = this.board.bus.readBlock(address, bytes);
      }
    } catch (e) {
      if (!(e instanceof FlashloaderStatus)) throw e;
      this.out.response(packPacket(RESPONSE.READ_MEMORY, 0, [e.status, 0]));
      return;
    }
    this.out.response(packPacket(RESPONSE.READ_MEMORY, 1, [0, bytes]));
    for (let at = 0; at < bytes; at += this.options.maxPacketSize) this.out.data(data.subarray(at, Math.min(bytes, at + this.options.maxPacketSize)));
    this.generic(TAG.READ, 0);
  }

  private startWrite(address: number, bytes: number): void {
    let target: 'flash' | 'ram';
    let pageOffset = 0;
    if (this.inFlashWindow(address)) {
      const c = this.nor.need();
      const offset = this.flashOffset(address, bytes, c.sizeBytes);
      if (offset === undefined) return this.generic(TAG.WRITE, FL_STATUS.MEMORY_RANGE_INVALID);
      if (offset % c.pageBytes !== 0) return this.generic(TAG.WRITE, FL_STATUS.NOR_WRITE_ALIGNMENT);
      target = 'flash';
      pageOffset = offset;
    } else {
      if (!this.isRam(address, bytes)) return this.generic(TAG.WRITE, FL_STATUS.MEMORY_RANGE_INVALID);
      target = 'ram';
    }
    const pageBytes = this.nor.config?.pageBytes ?? 256;
    this.generic(TAG.WRITE, 0);
    if (bytes === 0) return this.generic(TAG.WRITE, 0);
    this.write = { address, total: bytes, received: 0, target, page: new Uint8Array(pageBytes), pageFill: 0, pageOffset, status: 0 };
  }

  private feedPages(w: WritePhase, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; ) {
      const n = Math.min(bytes.length - i, w.page.length - w.pageFill);
      w.page.set(bytes.subarray(i, i + n), w.pageFill);
      w.pageFill += n;
      i += n;
      if (w.pageFill === w.page.length) this.flushPage(w);
    }
  }

  /**
   * Programs the buffered page after the cumulative-write check: every byte the data would change
   * (data ≠ 0xFF) must read erased (UNVERIFIED granularity; research §2.5 says "writing to a
   * non-erased area"). Verify-writes compares what the NOR can hold: old AND new.
   */
  private flushPage(w: WritePhase): void {
    const data = w.page.subarray(0, w.pageFill);
    const current = this.nor.read(w.pageOffset, data.length);
    if ((this.options.cumulativeWriteCheck ?? true) && data.some((b, i) => b !== 0xff && current[i] !== 0xff)) {
      throw new FlashloaderStatus(FL_STATUS.MEMORY_CUMULATIVE_WRITE, `page at 0x${w.pageOffset.toString(16)} not erased`);
    }
    this.nor.programPage(w.pageOffset, data);
    if (this.verifyWrites !== 0 && !equal(this.nor.read(w.pageOffset, data.length), data.map((b, i) => b & current[i]!))) {
      throw new FlashloaderStatus(FL_STATUS.NOR_PROGRAM_FAIL, `verify of page 0x${w.pageOffset.toString(16)}`);
    }
    w.pageOffset += w.pageFill;
    w.pageFill = 0;
    w.page = new Uint8Array(w.page.length);
  }

  private inFlashWindow(address: number): boolean {
    const instance = this.board.chip.flexspi[this.board.chip.bootFlexspi]!;
    return address >= instance.ahbWindow.start && address < instance.ahbWindow.end;
  }

  private flashOffset(address: number, bytes: number, sizeBytes: number): number | undefined {
    const offset = address - this.nor.ahbBase;
    return offset >= 0 && offset + bytes <= sizeBytes ? offset : undefined;
  }

  private isRam(address: number, bytes: number): boolean {
    return this.board.chip.memory.some((r) => r.kind === 'ram' && r.needsInit === undefined && address >= r.start && address + bytes <= r.start + r.defaultEnabledBytes);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function rethrow(e: unknown): never {
  throw e;
}

/** Execute / a jump to code the sim cannot run. */
export function cannotExecute(address: number): ImxflashError {
  return new ImxflashError('SIM_CANNOT_EXECUTE', `the virtual board cannot run ARM code (jump to 0x${(address >>> 0).toString(16).padStart(8, '0')})`, {
    hint: 'The sim models the boot ROM and NXP\'s flashloader, not the CPU: on --sim, pass the sim\'s stand-in flashloader (buildSimFlashloaderImage) and check boot images with the boot ROM model instead of running them.',
    details: { address },
  });
}
