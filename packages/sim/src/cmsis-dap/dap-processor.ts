import type { VirtualClock } from '../time/virtual-clock.js';
import { SWD_BITS_PER_TRANSFER } from '../time/link-timing.js';
import { SWD_ACK, type SwdTarget } from './swd-target.js';

/**
 * Command ids the virtual probe implements (research/cmsisdap.md §1.2). Written out here, not
 * imported from the driver: the sim must not share a bug with the code it checks.
 */
const CMD = {
  INFO: 0x00, HOST_STATUS: 0x01, CONNECT: 0x02, DISCONNECT: 0x03, TRANSFER_CONFIGURE: 0x04, TRANSFER: 0x05,
  TRANSFER_BLOCK: 0x06, TRANSFER_ABORT: 0x07, WRITE_ABORT: 0x08, DELAY: 0x09, RESET_TARGET: 0x0a,
  SWJ_PINS: 0x10, SWJ_CLOCK: 0x11, SWJ_SEQUENCE: 0x12, SWD_CONFIGURE: 0x13,
} as const;
const DAP_OK = 0x00;
const DAP_ERROR = 0xff;
const MISMATCH = 1 << 4;

export interface DapProcessorOptions {
  /** DAP_PACKET_SIZE: the largest command and response (64 for FS HID, 512 for HS bulk). */
  packetSize: number;
  /** DAP_PACKET_COUNT: commands the host may have outstanding. */
  packetCount: number;
  vendor: string;
  product: string;
  serial: string;
  /** "2.1.0" for a v2 probe. */
  protocolVersion: string;
  firmwareVersion: string;
  /** Called when the host drives nRESET low (true) or releases it (false) with DAP_SWJ_Pins. */
  onResetPin?: (asserted: boolean) => void;
}

/** What the probe counted, for tests and benchmarks. */
export interface DapProcessorStats {
  commands: number;
  swdTransfers: number;
  /** Commands longer than the packet size or cut short: answered 0xFF, as firmware would misparse them. */
  malformed: number;
  /** Largest response the probe produced (must stay within the packet size). */
  largestResponse: number;
}

/**
 * The CMSIS-DAP command interpreter of the virtual probe: one command in, one response out (or
 * none for DAP_TransferAbort), with the spec's byte layout (research/cmsisdap.md §1.2–§1.4),
 * WAIT retries and value match as DAP.c does them, and SWD time on the board's clock at the
 * SWJ clock the host set (46 bits per packet plus the configured idle cycles).
 */
export class DapProcessor {
  readonly stats: DapProcessorStats = { commands: 0, swdTransfers: 0, malformed: 0, largestResponse: 0 };
  private clockHz = 1_000_000;
  private idleCycles = 0;
  private waitRetry = 100;
  private matchRetry = 0;
  private matchMask = 0xffff_ffff;
  private resetAsserted = false;

  constructor(
    private readonly target: SwdTarget,
    private readonly clock: VirtualClock,
    private readonly options: DapProcessorOptions,
  ) {}

  get swjClockHz(): number {
    return this.clockHz;
  }

  /** Handles one command packet; returns the response bytes, or undefined when none is due. */
  process(packet: Uint8Array): Uint8Array | undefined {
    this.stats.commands += 1;
    if (packet.length > this.options.packetSize) return this.malformed();
    try {
      const response = this.dispatch(packet);
      if (response !== undefined && response.length > this.stats.largestResponse) this.stats.largestResponse = response.length;
      return response;
    } catch (e) {
      if (e instanceof TruncatedCommand) return this.malformed();
      throw e;
    }
  }

  private malformed(): Uint8Array {
    this.stats.malformed += 1;
    return Uint8Array.of(0xff);
  }

  private dispatch(p: Uint8Array): Uint8Array | undefined {
    const id = byteAt(p, 0);
    switch (id) {
      case CMD.INFO: return this.info(byteAt(p, 1));
      case CMD.HOST_STATUS: byteAt(p, 2); return Uint8Array.of(id, DAP_OK);
      case CMD.CONNECT: {
        const port = byteAt(p, 1);
        return Uint8Array.of(id, port === 0 || port === 1 ? 1 : 0); // SWD only
      }
      case CMD.DISCONNECT: return Uint8Array.of(id, DAP_OK);
      case CMD.TRANSFER_CONFIGURE:
        this.idleCycles = byteAt(p, 1);
        this.waitRetry = u16(p, 2);
        this.matchRetry = u16(p, 4);
        return Uint8Array.of(id, DAP_OK);
      case CMD.TRANSFER: return this.transfer(p);
      case CMD.TRANSFER_BLOCK: return this.transferBlock(p);
      case CMD.TRANSFER_ABORT: return undefined; // nothing runs asynchronously here: nothing to abort
      case CMD.WRITE_ABORT: {
        const result = this.swd(false, false, 0x0, u32(p, 2));
        return Uint8Array.of(id, result.ack === SWD_ACK.OK ? DAP_OK : DAP_ERROR);
      }
      case CMD.DELAY: this.clock.advance(u16(p, 1) / 1000); return Uint8Array.of(id, DAP_OK);
      case CMD.RESET_TARGET: return Uint8Array.of(id, DAP_OK, 0); // no device-specific sequence
      case CMD.SWJ_PINS: return this.swjPins(byteAt(p, 1), byteAt(p, 2), u32(p, 3));
      case CMD.SWJ_CLOCK: {
        const hz = u32(p, 1);
        if (hz === 0) return Uint8Array.of(id, DAP_ERROR);
        this.clockHz = hz;
        return Uint8Array.of(id, DAP_OK);
      }
      case CMD.SWJ_SEQUENCE: {
        const count = byteAt(p, 1) || 256;
        const data = slice(p, 2, Math.ceil(count / 8));
        this.target.swjBits(data, count);
        this.clock.advance((count * 1000) / this.clockHz);
        return Uint8Array.of(id, DAP_OK);
      }
      case CMD.SWD_CONFIGURE: byteAt(p, 1); return Uint8Array.of(id, DAP_OK);
      default: return Uint8Array.of(0xff);
    }
  }

  private info(which: number): Uint8Array {
    const o = this.options;
    const text = (s: string) => new TextEncoder().encode(s + '\0');
    let info: Uint8Array;
    switch (which) {
      case 0x01: info = text(o.vendor); break;
      case 0x02: info = text(o.product); break;
      case 0x03: info = text(o.serial); break;
      case 0x04: info = text(o.protocolVersion); break;
      case 0x09: info = text(o.firmwareVersion); break;
      case 0xf0: info = Uint8Array.of(0x01); break; // SWD only
      case 0xfe: info = Uint8Array.of(o.packetCount); break;
      case 0xff: info = Uint8Array.of(o.packetSize & 0xff, o.packetSize >>> 8); break;
      default: info = new Uint8Array(0);
    }
    const out = new Uint8Array(2 + info.length);
    out[0] = CMD.INFO;
    out[1] = info.length;
    out.set(info, 2);
    return out;
  }

  private swjPins(output: number, select: number, waitUs: number): Uint8Array {
    if ((select & 0x80) !== 0) {
      const asserted = (output & 0x80) === 0;
      if (asserted !== this.resetAsserted) {
        this.resetAsserted = asserted;
        this.options.onResetPin?.(asserted);
      }
    }
    this.clock.advance(Math.min(waitUs, 3_000_000) / 1000 / 1000);
    // Inputs: SWCLK and SWDIO idle high, nRESET as driven.
    return Uint8Array.of(CMD.SWJ_PINS, 0x03 | (this.resetAsserted ? 0 : 0x80));
  }

  /** One SWD packet with the probe's WAIT retries; charges SWD time per attempt. */
  private swd(ap: boolean, read: boolean, register: number, value: number): { ack: number; value: number } {
    for (let retry = 0; ; retry++) {
      this.stats.swdTransfers += 1;
      this.clock.advance(((SWD_BITS_PER_TRANSFER + this.idleCycles) * 1000) / this.clockHz);
      const result = this.target.access(ap, read, register, value);
      if (result.ack !== SWD_ACK.WAIT || retry >= this.waitRetry) return result;
    }
  }

  private transfer(p: Uint8Array): Uint8Array {
    const count = byteAt(p, 2);
    const reads: number[] = [];
    let done = 0;
    let response: number = SWD_ACK.OK;
    let at = 3;
    for (let i = 0; i < count; i++) {
      const request = byteAt(p, at++);
      const ap = (request & 1) !== 0;
      const read = (request & 2) !== 0;
      const register = request & 0xc;
      if ((request & 0x20) !== 0) {
        // Match mask: sets the mask, touches no register.
        this.matchMask = u32(p, at);
        at += 4;
        done += 1;
        continue;
      }
      if (read && (request & 0x10) !== 0) {
        const match = u32(p, at);
        at += 4;
        let result = this.swd(ap, read, register, 0);
        for (let retry = 0; result.ack === SWD_ACK.OK && ((result.value & this.matchMask) >>> 0) !== match >>> 0 && retry < this.matchRetry; retry++) {
          result = this.swd(ap, read, register, 0);
        }
        response = result.ack;
        if (result.ack !== SWD_ACK.OK) break;
        if (((result.value & this.matchMask) >>> 0) !== match >>> 0) {
          response |= MISMATCH;
          break;
        }
        done += 1;
        continue;
      }
      const value = read ? 0 : u32(p, at);
      if (!read) at += 4;
      const result = this.swd(ap, read, register, value);
      response = result.ack;
      if (result.ack !== SWD_ACK.OK) break;
      if (read) reads.push(result.value);
      done += 1;
    }
    const out = new Uint8Array(3 + 4 * reads.length);
    out[0] = CMD.TRANSFER;
    out[1] = done;
    out[2] = response;
    for (let i = 0; i < reads.length; i++) put32(out, 3 + 4 * i, reads[i]!);
    return out;
  }

  private transferBlock(p: Uint8Array): Uint8Array {
    const count = u16(p, 2);
    const request = byteAt(p, 4);
    const ap = (request & 1) !== 0;
    const read = (request & 2) !== 0;
    const register = request & 0xc;
    if (!read && p.length < 5 + 4 * count) throw new TruncatedCommand();
    const out = new Uint8Array(4 + (read ? 4 * count : 0));
    let done = 0;
    let response: number = SWD_ACK.OK;
    for (; done < count; done++) {
      const result = this.swd(ap, read, register, read ? 0 : u32(p, 5 + 4 * done));
      response = result.ack;
      if (result.ack !== SWD_ACK.OK) break;
      if (read) put32(out, 4 + 4 * done, result.value);
    }
    out[0] = CMD.TRANSFER_BLOCK;
    out[1] = done & 0xff;
    out[2] = done >>> 8;
    out[3] = response;
    return read ? out.subarray(0, 4 + 4 * done) : out;
  }
}

class TruncatedCommand extends Error {}

function byteAt(p: Uint8Array, i: number): number {
  const v = p[i];
  if (v === undefined) throw new TruncatedCommand();
  return v;
}

function slice(p: Uint8Array, from: number, n: number): Uint8Array {
  if (p.length < from + n) throw new TruncatedCommand();
  return p.subarray(from, from + n);
}

function u16(p: Uint8Array, i: number): number {
  return byteAt(p, i) | (byteAt(p, i + 1) << 8);
}

function u32(p: Uint8Array, i: number): number {
  return (byteAt(p, i) | (byteAt(p, i + 1) << 8) | (byteAt(p, i + 2) << 16) | (byteAt(p, i + 3) << 24)) >>> 0;
}

function put32(out: Uint8Array, at: number, v: number): void {
  out[at] = v & 0xff;
  out[at + 1] = (v >>> 8) & 0xff;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = (v >>> 24) & 0xff;
}
