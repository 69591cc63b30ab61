import type { SimBoard } from '../board/create-sim-board.js';
import { BusFault } from '../bus/bus.js';

/**
 * The boot ROM's serial downloader (research/spsdk.md §1): SDP commands on the board's bus.
 * Transport-agnostic: the HID device and the UART adapter feed it 16-byte commands and data and
 * forward the HAB word and the status/data bytes it emits. The sim decodes packets itself (it
 * never uses the driver's codecs).
 *
 * Reply sequences (research §1.4): READ_REGISTER → HAB, data; WRITE_REGISTER → HAB, 0x128A8A12;
 * WRITE_FILE → (data) HAB, 0x88888888; DCD_WRITE → (data, executed) HAB, 0x128A8A12;
 * ERROR_STATUS → HAB, status; SKIP_DCD_HEADER → HAB, 0x900DD009; JUMP_ADDRESS → HAB, and a status
 * word only when the jump fails.
 */
export interface SdpRomOutput {
  /** The 4-byte HAB word (report 3; raw on UART). */
  hab(word: number): void;
  /** Status word or read data (report 4 payloads; raw on UART). */
  data(bytes: Uint8Array): void;
}

export interface JumpTarget {
  readonly ivtAddress: number;
  readonly entry: number;
}

export interface SdpRomModelOptions {
  /**
   * The IVT passed the ROM's checks. The callback decides what runs: the sim's flashloader
   * (re-enumeration) or SIM_CANNOT_EXECUTE (it throws). Called after the HAB word went out.
   */
  onJump(target: JumpTarget): void;
}

const HAB_OPEN = 0x5678_7856;
const HAB_CLOSED = 0x1234_3412;
const COMPLETE_REGISTER = 0x128a_8a12;
const COMPLETE_FILE = 0x8888_8888;
const SKIP_DCD_OK = 0x900d_d009;
const HAB_SUCCESS = 0xf0f0_f0f0;
/**
 * What the model answers when a jump, a write or a DCD fails. The real ROM's words for these
 * cases are not in the research: UNVERIFIED values, chosen to be none of the documented ones.
 */
export const SIM_SDP_FAILURE = { JUMP: 0x3333_3333, WRITE: 0x5555_5555, DCD: 0x6666_6666 } as const;

type Pending = { readonly kind: 'file' | 'dcd'; readonly address: number; readonly total: number; received: number; failed: boolean; readonly dcd: Uint8Array | undefined };

export class SdpRomModel {
  private pending: Pending | undefined;
  private lastStatus = HAB_SUCCESS;

  constructor(
    private readonly board: SimBoard,
    private readonly out: SdpRomOutput,
    private readonly options: SdpRomModelOptions,
  ) {}

  /** SEC_CONFIG[1] (SBMR2 bit 1) set = HAB closed. */
  get habClosed(): boolean {
    return (this.board.peripherals.src.sbmr2 & 2) !== 0;
  }

  /** Data bytes the current WRITE_FILE / DCD_WRITE still expects (0 = waiting for a command). */
  get expectedDataBytes(): number {
    return this.pending === undefined ? 0 : this.pending.total - this.pending.received;
  }

  /** One 16-byte command packet (big-endian fields, research §1.1). */
  command(packet: Uint8Array): void {
    if (packet.length < 16) return;
    const v = new DataView(packet.buffer, packet.byteOffset, 16);
    const type = v.getUint16(0);
    const address = v.getUint32(2);
    const format = v.getUint8(6);
    const count = v.getUint32(7);
    const value = v.getUint32(11);
    this.pending = undefined;
    switch (type) {
      case 0x0101: return this.readRegister(address, format, count);
      case 0x0202: return this.writeRegister(address, format, value);
      case 0x0404:
      case 0x0a0a:
        this.pending = { kind: type === 0x0404 ? 'file' : 'dcd', address, total: count, received: 0, failed: false, dcd: type === 0x0a0a ? new Uint8Array(count) : undefined };
        if (count === 0) this.finishData();
        return;
      case 0x0505:
        this.hab();
        return this.word(this.lastStatus);
      case 0x0c0c:
        this.hab();
        return this.word(SKIP_DCD_OK);
      case 0x0b0b: return this.jump(address);
      default:
        return; // unknown tags get no answer (UNVERIFIED)
    }
  }

  /** Data after WRITE_FILE / DCD_WRITE; returns how many bytes it took (the rest belongs to the next command). */
  data(bytes: Uint8Array): number {
    const p = this.pending;
    if (p === undefined) return 0;
    const n = Math.min(bytes.length, p.total - p.received);
    const chunk = bytes.subarray(0, n);
    if (p.dcd !== undefined) p.dcd.set(chunk, p.received);
    else if (!p.failed) {
      try {
        this.board.bus.writeBlock(p.address + p.received, chunk);
      } catch (e) {
        if (!(e instanceof BusFault)) throw e;
        p.failed = true;
      }
    }
    p.received += n;
    if (p.received >= p.total) this.finishData();
    return n;
  }

  private finishData(): void {
    const p = this.pending!;
    this.pending = undefined;
    this.hab();
    if (p.kind === 'file') {
      this.lastStatus = p.failed ? SIM_SDP_FAILURE.WRITE : HAB_SUCCESS;
      return this.word(p.failed ? SIM_SDP_FAILURE.WRITE : COMPLETE_FILE);
    }
    const ok = this.runDcd(p.dcd!);
    this.lastStatus = ok ? HAB_SUCCESS : SIM_SDP_FAILURE.DCD;
    this.word(ok ? COMPLETE_REGISTER : SIM_SDP_FAILURE.DCD);
  }

  private readRegister(address: number, format: number, count: number): void {
    this.hab();
    const width = format === 8 ? 1 : format === 16 ? 2 : 4;
    const out = new Uint8Array(count);
    const bus = this.board.bus;
    for (let at = 0; at < count; at += width) {
      let v = 0;
      try {
        v = width === 1 ? bus.read8(address + at) : width === 2 ? bus.read16(address + at) : bus.read32(address + at);
      } catch (e) {
        if (!(e instanceof BusFault)) throw e; // a faulting address reads as 0 (UNVERIFIED)
      }
      for (let b = 0; b < width && at + b < count; b++) out[at + b] = (v >>> (8 * b)) & 0xff;
    }
    this.out.data(out);
  }

  private writeRegister(address: number, format: number, value: number): void {
    this.hab();
    const bus = this.board.bus;
    try {
      if (format === 8) bus.write8(address, value & 0xff);
      else if (format === 16) bus.write16(address, value & 0xffff);
      else bus.write32(address, value >>> 0);
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      return this.word(SIM_SDP_FAILURE.WRITE);
    }
    this.word(COMPLETE_REGISTER);
  }

  /** IVT checks (research §1.7, §3.4): tag D1, length 0x0020, version 0x40–0x4E, self = address; HAB closed needs a CSF. */
  private jump(address: number): void {
    this.hab();
    let ivt: Uint8Array | undefined;
    try {
      ivt = this.board.bus.readBlock(address, 32);
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
    }
    const le = (at: number): number => (ivt![at]! | (ivt![at + 1]! << 8) | (ivt![at + 2]! << 16) | (ivt![at + 3]! << 24)) >>> 0;
    const valid = ivt !== undefined && ivt[0] === 0xd1 && ivt[1] === 0x00 && ivt[2] === 0x20 && ivt[3]! >= 0x40 && ivt[3]! <= 0x4e && le(20) === address && le(4) !== 0;
    if (!valid || (this.habClosed && le(24) === 0)) {
      this.lastStatus = SIM_SDP_FAILURE.JUMP;
      return this.word(SIM_SDP_FAILURE.JUMP);
    }
    this.options.onJump({ ivtAddress: address, entry: le(4) });
  }

  /** DCD (research §3.5): Write Data (0xCC) with its four ops; Check Data (0xCF) and NOP pass. */
  private runDcd(dcd: Uint8Array): boolean {
    if (dcd.length < 4 || dcd[0] !== 0xd2) return false;
    const length = Math.min(dcd.length, (dcd[1]! << 8) | dcd[2]!);
    const be = (at: number): number => ((dcd[at]! << 24) | (dcd[at + 1]! << 16) | (dcd[at + 2]! << 8) | dcd[at + 3]!) >>> 0;
    const bus = this.board.bus;
    try {
      for (let at = 4; at + 4 <= length; ) {
        const tag = dcd[at]!;
        const cmdLength = (dcd[at + 1]! << 8) | dcd[at + 2]!;
        const param = dcd[at + 3]!;
        if (cmdLength < 4 || at + cmdLength > length) return false;
        if (tag === 0xcc) {
          const width = param & 7;
          const op = (param >>> 3) & 3;
          for (let p = at + 4; p + 8 <= at + cmdLength; p += 8) {
            const addr = be(p);
            const val = be(p + 4);
            const read = (): number => (width === 1 ? bus.read8(addr) : width === 2 ? bus.read16(addr) : bus.read32(addr));
            const next = op === 0 ? val : op === 1 ? val : op === 2 ? read() & ~val : read() | val;
            if (width === 1) bus.write8(addr, next & 0xff);
            else if (width === 2) bus.write16(addr, next & 0xffff);
            else bus.write32(addr, next >>> 0);
          }
        } else if (tag !== 0xcf && tag !== 0xc0) {
          return false;
        }
        at += cmdLength;
      }
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      return false;
    }
    return true;
  }

  private hab(): void {
    this.out.hab(this.habClosed ? HAB_CLOSED : HAB_OPEN);
  }

  private word(w: number): void {
    this.out.data(Uint8Array.of(w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff));
  }
}
