import { BusFault, type Bus } from '../bus/bus.js';
import type { CortexM7Debug } from './cortex-m7-debug.js';
import type { DapTargetFaults } from './dap-target-faults.js';

/** SWD ACK values (ADIv5 §B4.2; research/cmsisdap.md §1.4). */
export const SWD_ACK = { OK: 1, WAIT: 2, FAULT: 4, NO_ACK: 7, /** Not an ACK: the data phase failed its parity check (DAP response bit 3). */ PARITY_ERROR: 8 } as const;
export type SwdAck = (typeof SWD_ACK)[keyof typeof SWD_ACK];

/** The RT1050's SW-DP DPIDR as NXP LinkServer logs it (research/cmsisdap.md §2.2). */
export const RT1050_DPIDR = 0x0bd1_1477;
/** The RT1050 AHB-AP IDR (§2.2; pyOCD's "AHB-AP used on m7, RT1050"). */
export const RT1050_AHB_AP_IDR = 0x0477_0041;
/** MEM-AP BASE: the Cortex-M7 ROM table (value UNVERIFIED for RT1050; bit 0 = entry present, bit 1 = ADIv5 format). */
const AP_BASE = 0xe00f_d003;

/** CTRL/STAT bits (research/cmsisdap.md §2.1). */
export const CTRL_STAT = {
  STICKYORUN: 1 << 1, STICKYCMP: 1 << 4, STICKYERR: 1 << 5, READOK: 1 << 6, WDATAERR: 1 << 7,
  CDBGPWRUPREQ: 1 << 28, CDBGPWRUPACK: 1 << 29, CSYSPWRUPREQ: 1 << 30, CSYSPWRUPACK: 1 << 31,
} as const;
const STICKY_BITS = CTRL_STAT.STICKYORUN | CTRL_STAT.STICKYCMP | CTRL_STAT.STICKYERR | CTRL_STAT.WDATAERR;

/** The TAR auto-increment boundary of the RT1050 AHB-AP (research/cmsisdap.md §2.4). */
export const TAR_WRAP_BYTES = 0x400;

export interface SwdResult {
  ack: SwdAck;
  value: number;
}

/**
 * The target side of the SWD wire: an SWJ-DP (line state, DPIDR, ABORT, CTRL/STAT with the power
 * handshake and sticky flags, SELECT, RDBUFF) and MEM-AP 0 (CSW, TAR with auto-increment that
 * wraps inside 1 KiB, DRW, BD0–BD3, CFG, BASE, IDR) onto the board's bus. The Cortex-M7 System
 * Control Space goes to {@link CortexM7Debug}; a BusFault becomes FAULT with STICKYERR set.
 *
 * Modelling decisions (UNVERIFIED against silicon, consistent with ADIv5):
 * - Out of power-on the port is in JTAG mode: every SWD packet gets no answer (NO_ACK) until the
 *   host sends ≥ 50 ones, the 0xE79E select code, and a line reset.
 * - After a line reset only a DPIDR read is answered; anything else gets NO_ACK (lock-out).
 * - An AP access while CDBGPWRUPACK is clear, or while STICKYERR is set, answers FAULT.
 * - AP reads are not posted here: the probe firmware hides posting from the host (DAP.c), so the
 *   model returns the value at once; RDBUFF repeats the last AP read.
 */
export class SwdTarget {
  private mode: 'jtag' | 'swd-reset' | 'swd' = 'jtag';
  private ones = 0;
  private capturing = -1;
  private captured = 0;
  private ctrlStat = 0;
  private select = 0;
  private rdbuff = 0;
  private csw = 0x0300_0002;
  private tar = 0;

  constructor(
    private readonly bus: Bus,
    private readonly core: CortexM7Debug,
    private readonly faults: DapTargetFaults,
  ) {}

  /** True once the line is in SWD mode and DPIDR has been read after the last line reset. */
  get connected(): boolean {
    return this.mode === 'swd';
  }

  get stickyFlags(): number {
    return this.ctrlStat & STICKY_BITS;
  }

  /** SWDIO bits clocked by DAP_SWJ_Sequence, LSB first. */
  swjBits(bits: Uint8Array, count: number): void {
    for (let i = 0; i < count; i++) {
      const bit = (bits[i >>> 3]! >>> (i & 7)) & 1;
      if (this.capturing >= 0) {
        this.captured |= bit << this.capturing;
        this.capturing += 1;
        if (this.capturing === 16) {
          if (this.captured === 0xe79e) this.mode = 'swd-reset';
          this.capturing = -1;
        }
      }
      if (bit === 1) {
        this.ones += 1;
        if (this.ones >= 50 && this.mode !== 'jtag') this.mode = 'swd-reset';
      } else {
        if (this.ones >= 50 && this.capturing < 0) {
          // The bit after a reset run starts a possible select code (0xE79E begins with a 0).
          this.capturing = 1;
          this.captured = 0;
        }
        this.ones = 0;
      }
    }
  }

  /** One SWD packet. `register` is A[3:2] as 0x0/0x4/0x8/0xC. */
  access(ap: boolean, read: boolean, register: number, value: number): SwdResult {
    if (this.mode === 'jtag') return { ack: SWD_ACK.NO_ACK, value: 0 };
    if (this.mode === 'swd-reset') {
      if (ap || !read || register !== 0) return { ack: SWD_ACK.NO_ACK, value: 0 };
      this.mode = 'swd';
    }
    return ap ? this.accessAp(read, register, value) : this.accessDp(read, register, value);
  }

  /** Power-on of the target (board reset): the port back in JTAG mode, power requests dropped. */
  powerOn(): void {
    this.mode = 'jtag';
    this.ctrlStat = 0;
    this.select = 0;
    this.csw = 0x0300_0002;
    this.tar = 0;
  }

  private accessDp(read: boolean, register: number, value: number): SwdResult {
    switch (register) {
      case 0x0:
        if (read) return ok(RT1050_DPIDR);
        // ABORT: the clear bits drop the matching sticky flags.
        if (value & 0x02) this.ctrlStat &= ~CTRL_STAT.STICKYCMP;
        if (value & 0x04) this.ctrlStat &= ~CTRL_STAT.STICKYERR;
        if (value & 0x08) this.ctrlStat &= ~CTRL_STAT.WDATAERR;
        if (value & 0x10) this.ctrlStat &= ~CTRL_STAT.STICKYORUN;
        return ok(0);
      case 0x4:
        if ((this.select & 0xf) !== 0) return ok(0); // other DP banks: not modelled, read as 0
        if (read) return ok(this.ctrlStatValue());
        // Power requests are acknowledged at once; sticky flags are not writable in SWD.
        this.ctrlStat = ((this.ctrlStat & STICKY_BITS) | (value & ~STICKY_BITS & ~(CTRL_STAT.CDBGPWRUPACK | CTRL_STAT.CSYSPWRUPACK))) >>> 0;
        return ok(0);
      case 0x8:
        if (read) return ok(this.rdbuff); // RESEND
        this.select = value >>> 0;
        return ok(0);
      default:
        if (!read) return ok(0);
        if ((this.ctrlStat & CTRL_STAT.STICKYERR) !== 0) return { ack: SWD_ACK.FAULT, value: 0 };
        return ok(this.rdbuff);
    }
  }

  private ctrlStatValue(): number {
    let v = this.ctrlStat;
    if (v & CTRL_STAT.CDBGPWRUPREQ) v |= CTRL_STAT.CDBGPWRUPACK;
    if (v & CTRL_STAT.CSYSPWRUPREQ) v |= CTRL_STAT.CSYSPWRUPACK;
    return v >>> 0;
  }

  private accessAp(read: boolean, register: number, value: number): SwdResult {
    const injected = this.faults.take();
    if (injected === 'wait') return { ack: SWD_ACK.WAIT, value: 0 };
    if (injected === 'parity') return { ack: SWD_ACK.PARITY_ERROR, value: 0 };
    if (injected === 'fault' || (this.ctrlStat & CTRL_STAT.STICKYERR) !== 0 || (this.ctrlStat & CTRL_STAT.CDBGPWRUPREQ) === 0) {
      this.ctrlStat |= CTRL_STAT.STICKYERR;
      return { ack: SWD_ACK.FAULT, value: 0 };
    }
    const apsel = this.select >>> 24;
    const address = (this.select & 0xf0) | register;
    if (apsel !== 0) return ok(read ? (this.rdbuff = 0) : 0); // no such AP: IDR reads 0
    try {
      const result = read ? this.readApRegister(address) : (this.writeApRegister(address, value >>> 0), 0);
      if (read) this.rdbuff = result;
      return ok(result);
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      this.ctrlStat |= CTRL_STAT.STICKYERR;
      return { ack: SWD_ACK.FAULT, value: 0 };
    }
  }

  private readApRegister(address: number): number {
    switch (address) {
      case 0x00: return (this.csw | 0x40) >>> 0; // DeviceEn reads 1
      case 0x04: return this.tar;
      case 0x0c: {
        const v = this.memRead(this.tar, this.csw & 7);
        this.advanceTar();
        return v;
      }
      case 0x10: case 0x14: case 0x18: case 0x1c:
        return this.memRead(((this.tar & ~0xf) | (address & 0xc)) >>> 0, 2);
      case 0xf4: return 0;
      case 0xf8: return AP_BASE;
      case 0xfc: return RT1050_AHB_AP_IDR;
      default: return 0;
    }
  }

  private writeApRegister(address: number, value: number): void {
    switch (address) {
      case 0x00: this.csw = value & ~0x80; return; // TrInProg is read-only
      case 0x04: this.tar = value; return;
      case 0x0c:
        this.memWrite(this.tar, this.csw & 7, value);
        this.advanceTar();
        return;
      case 0x10: case 0x14: case 0x18: case 0x1c:
        this.memWrite(((this.tar & ~0xf) | (address & 0xc)) >>> 0, 2, value);
        return;
      default:
        return;
    }
  }

  /** AddrInc single or packed: TAR moves by the access size, wrapping inside its 1 KiB block. */
  private advanceTar(): void {
    if (((this.csw >>> 4) & 3) === 0) return;
    const step = 1 << Math.min(this.csw & 7, 2);
    this.tar = ((this.tar & ~(TAR_WRAP_BYTES - 1)) | ((this.tar + step) & (TAR_WRAP_BYTES - 1))) >>> 0;
  }

  private memRead(address: number, size: number): number {
    if (this.core.owns(address)) return size === 2 ? this.core.read32((address & ~3) >>> 0) : laneOf(this.core.read32((address & ~3) >>> 0), address, size);
    switch (size) {
      case 0: return (this.bus.read8(address) << (8 * (address & 3))) >>> 0;
      case 1: return (this.bus.read16((address & ~1) >>> 0) << (8 * (address & 2))) >>> 0;
      default: return this.bus.read32((address & ~3) >>> 0);
    }
  }

  private memWrite(address: number, size: number, value: number): void {
    if (this.core.owns(address)) {
      if (size === 2) this.core.write32((address & ~3) >>> 0, value);
      return; // sub-word SCS writes: not modelled
    }
    switch (size) {
      case 0: this.bus.write8(address, (value >>> (8 * (address & 3))) & 0xff); return;
      case 1: this.bus.write16((address & ~1) >>> 0, (value >>> (8 * (address & 2))) & 0xffff); return;
      default: this.bus.write32((address & ~3) >>> 0, value);
    }
  }
}

function ok(value: number): SwdResult {
  return { ack: SWD_ACK.OK, value: value >>> 0 };
}

function laneOf(word: number, address: number, size: number): number {
  const mask = size === 0 ? 0xff : 0xffff;
  const shift = 8 * (address & (size === 0 ? 3 : 2));
  return ((word >>> shift) & mask) << shift;
}
