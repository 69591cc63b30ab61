import type { Bus } from '../bus/bus.js';
import { FLEXSPI_REG as R, INTR, IPFCR, LUT_KEY, LUTCR, MCR0, STS0 } from '../flexspi/flexspi-registers.js';
import { hexValue } from './boot-verdict.js';

/**
 * The ROM's FlexSPI driver: 32-bit register accesses on the bus, in the order of research/imxrt.md
 * §1.5 (the BL driver the ROM shares). Not a general driver: it offers exactly what the boot flow
 * needs (software reset, LUT update, command / config / read IP transfers). Every wait is a
 * bounded poll; the sim runs FlexSPI commands synchronously, so a poll that runs out means the
 * controller will never answer (MDIS set, clock gated, …).
 */

/** MCR0 fields besides SWRESET/MDIS (research §1.2). */
export const MCR0_FIELDS = {
  RXCLKSRC_SHIFT: 4,
  RXCLKSRC_MASK: 0x3 << 4,
  ARDFEN: 1 << 6,
  ATDFEN: 1 << 7,
  COMBINATIONEN: 1 << 13,
  IPGRANTWAIT_MASK: 0xff << 16,
  AHBGRANTWAIT_MASK: 0xff << 24,
} as const;
export const MCR2_FIELDS = { SAMEDEVICEEN: 1 << 15, SCKBDIFFOPT: 1 << 19 } as const;
export const AHBCR_FIELDS = { APAREN: 1 << 0, PREFETCHEN: 1 << 5, READADDROPT: 1 << 6 } as const;
/** AHBRXBUFxCR0: BUFSZ[7:0], MSTRID[19:16], PRIORITY[25:24]. */
export const AHBRXBUFCR0_CLEAR_MASK = 0xff | (0xf << 16) | (0x3 << 24);
export const FLSHCR2_CLRINSTRPTR = 0x8000_0000;

/** Polls of one status condition before the driver gives up. */
export const ROM_MAX_POLLS = 10_000;
/** Half the 128-byte IP FIFO as watermark, as BL does (RXWMRK = TXWMRK = 7 → 64 bytes; research §1.5 step 6). */
const WATERMARK_BYTES = 64;
const WATERMARK_FIELD = (WATERMARK_BYTES / 8 - 1) << IPFCR.WMRK_SHIFT;

/** STS1.IPCMDERRCODE meanings (research §1.2). */
const ERROR_CODES: Readonly<Record<number, string>> = {
  2: 'JMP_ON_CS in an IP sequence',
  3: 'unknown opcode',
  4: 'DUMMY_SDR in a DDR sequence',
  5: 'DUMMY_DDR in an SDR sequence',
  6: 'address beyond the flash size (FLSHxCR0)',
  0xe: 'sequence timeout',
  0xf: 'flash boundary crossed',
};

export type IpOutcome = { readonly ok: true; readonly rx: Uint8Array } | { readonly ok: false; readonly reason: string };

const NO_BYTES = new Uint8Array(0);

export class RomFlexspiDriver {
  constructor(
    private readonly bus: Bus,
    /** The FlexSPI register base. */
    readonly base: number,
  ) {}

  read(offset: number): number {
    return this.bus.read32(this.base + offset) >>> 0;
  }

  write(offset: number, value: number): void {
    this.bus.write32(this.base + offset, value >>> 0);
  }

  /** Read-modify-write: clears `clear`, then sets `set`. */
  modify(offset: number, clear: number, set: number): void {
    this.write(offset, ((this.read(offset) & ~clear) | set) >>> 0);
  }

  /** MCR0.SWRESET and wait until it self-clears (BL flexspi_swreset). False if it never clears. */
  softwareReset(): boolean {
    this.modify(R.MCR0, 0, MCR0.SWRESET);
    return this.poll(() => (this.read(R.MCR0) & MCR0.SWRESET) === 0);
  }

  /** STS0.ARBIDLE and SEQIDLE (research §1.5 step 1). */
  waitIdle(): boolean {
    const idle = STS0.ARBIDLE | STS0.SEQIDLE;
    return this.poll(() => (this.read(R.STS0) & idle) === idle);
  }

  /** Loads sequences from `seqIndex` (research §1.5 step 0): key + unlock, the words, key + lock. */
  updateLut(seqIndex: number, words: ArrayLike<number>): boolean {
    if (!this.waitIdle()) return false;
    this.write(R.LUTKEY, LUT_KEY);
    this.write(R.LUTCR, LUTCR.UNLOCK);
    for (let i = 0; i < words.length; i++) this.write(R.LUT0 + 4 * (4 * seqIndex + i), words[i] as number);
    this.write(R.LUTKEY, LUT_KEY);
    this.write(R.LUTCR, LUTCR.LOCK);
    return true;
  }

  /** A command-only IP transfer (WREN, …). */
  command(seqId: number, seqNum: number, address: number): IpOutcome {
    return this.transfer({ seqId, seqNum, address, dataBytes: 0 });
  }

  /**
   * A "config" IP transfer (device mode, config commands): `dataBytes` of the little-endian `arg`
   * word (zero-padded), the first watermark block filled before TRG as BL does.
   */
  config(seqId: number, seqNum: number, address: number, arg: number, dataBytes: number): IpOutcome {
    return this.transfer({ seqId, seqNum, address, dataBytes, tx: arg >>> 0 });
  }

  /** A read IP transfer of `bytes` bytes (status, …). */
  readData(seqId: number, seqNum: number, address: number, bytes: number): IpOutcome {
    return this.transfer({ seqId, seqNum, address, dataBytes: bytes, rx: true });
  }

  private transfer(t: { seqId: number; seqNum: number; address: number; dataBytes: number; tx?: number; rx?: boolean }): IpOutcome {
    // 1. Idle; 2. clear the saved instruction pointers of all four ports; 3. clear stale status
    // (written as plain W1C bits: a read-modify-write would also push/pop the FIFOs in INTR[6:5]).
    if (!this.waitIdle()) return { ok: false, reason: 'the FlexSPI never became idle (STS0)' };
    for (let p = 0; p < 4; p++) this.modify(R.FLSHA1CR2 + 4 * p, 0, FLSHCR2_CLRINSTRPTR);
    this.write(R.INTR, INTR.AHBCMDERR | INTR.IPCMDERR | INTR.AHBCMDGE | INTR.IPCMDGE | INTR.IPCMDDONE);
    // 4–5. Address, size, sequence.
    this.write(R.IPCR0, t.address);
    this.write(R.IPCR1, ((t.dataBytes & 0xffff) | ((t.seqId & 0xf) << 16) | (((t.seqNum - 1) & 7) << 24)) >>> 0);
    let rx = NO_BYTES;
    if (t.rx === true) {
      // 6. RX watermark + clear; 7. trigger; 9. collect.
      this.write(R.IPRXFCR, WATERMARK_FIELD | IPFCR.CLR);
      this.write(R.IPCMD, 1);
      rx = new Uint8Array(t.dataBytes);
      const got = this.collect(rx);
      if (got !== undefined) return { ok: false, reason: got };
    } else if (t.tx !== undefined) {
      // 6. TX watermark + clear; 8. BL order: fill and push the first (only) watermark block,
      // zero-padded, then trigger (research §1.5 step 8, "BL variant").
      this.write(R.IPTXFCR, WATERMARK_FIELD | IPFCR.CLR);
      if (!this.poll(() => (this.read(R.INTR) & INTR.IPTXWE) !== 0)) return { ok: false, reason: 'the IP TX FIFO never had room (INTR.IPTXWE)' };
      this.write(R.TFDR0, t.tx);
      for (let w = 1; w < WATERMARK_BYTES / 4; w++) this.write(R.TFDR0 + 4 * w, 0);
      this.write(R.INTR, INTR.IPTXWE);
      this.write(R.IPCMD, 1);
    } else {
      this.write(R.IPCMD, 1);
    }
    // 10. Done (or error); 11. errors.
    if (!this.poll(() => (this.read(R.INTR) & (INTR.IPCMDDONE | INTR.IPCMDERR)) !== 0)) {
      return { ok: false, reason: `IP command (sequence ${t.seqId}) never completed (INTR.IPCMDDONE)` };
    }
    const intr = this.read(R.INTR);
    const sts1 = this.read(R.STS1);
    this.write(R.INTR, INTR.IPCMDDONE | INTR.IPCMDERR | INTR.IPCMDGE | INTR.SEQTIMEOUT);
    if ((intr & INTR.IPCMDERR) !== 0) {
      const code = (sts1 >>> 24) & 0xf;
      const seq = (sts1 >>> 16) & 0xf;
      return { ok: false, reason: `IP command error code ${hexValue(code)} (${ERROR_CODES[code] ?? 'unknown'}) in sequence ${seq}` };
    }
    return { ok: true, rx };
  }

  /** Reads RX data as BL does: whole watermark blocks on IPRXWA, the tail once IPRXFSTS.FILL covers it. */
  private collect(out: Uint8Array): string | undefined {
    let got = 0;
    while (got < out.length) {
      const remaining = out.length - got;
      const ready =
        remaining >= WATERMARK_BYTES
          ? () => (this.read(R.INTR) & (INTR.IPRXWA | INTR.IPCMDERR)) !== 0
          : () => (this.read(R.INTR) & INTR.IPCMDERR) !== 0 || (this.read(R.IPRXFSTS) & 0xff) * 8 >= remaining;
      if (!this.poll(ready)) return `IP read (${out.length} bytes) stalled after ${got} bytes`;
      if ((this.read(R.INTR) & INTR.IPCMDERR) !== 0) return undefined; // reported after IPCMDDONE
      const n = Math.min(WATERMARK_BYTES, remaining);
      for (let k = 0; k < n; k += 4) {
        const word = this.read(R.RFDR0 + k);
        for (let j = 0; j < 4 && k + j < n; j++) out[got + k + j] = (word >>> (8 * j)) & 0xff;
      }
      this.write(R.INTR, INTR.IPRXWA);
      got += n;
    }
    return undefined;
  }

  private poll(done: () => boolean): boolean {
    for (let i = 0; i < ROM_MAX_POLLS; i++) if (done()) return true;
    return false;
  }
}
