import type { Chip } from '@imxflash/core';
import type { Bus } from '../../bus/bus.js';
import * as regs from '../flexspi-registers.js';
import * as lutDecoder from '../lut-decoder.js';

// Module-local copies (hot loops read locals, not vitest's per-import getters).
const { FLEXSPI_REG: R, INTR, IPFCR, LUT_KEY, LUTCR, MCR0, STS0 } = regs;
const { LUT_WORDS_PER_SEQ } = lutDecoder;

/**
 * Test utilities that drive a FlexSPI through raw 32-bit register accesses on a Bus, step by step
 * as research/imxrt.md §1.5 describes (SDK FLEXSPI_TransferBlocking / BL flexspi_command_xfer).
 * Not a driver: no Clock, no retries; a bounded number of polls instead of a deadline, because
 * the sim runs commands synchronously. Used by the sim's tests, the raw end-to-end test and the
 * benchmark.
 */

const NO_BYTES = new Uint8Array(0);

export interface IpCommandRequest {
  /** ISEQID: the first LUT sequence. */
  seqId: number;
  /** How many consecutive sequences run (ISEQNUM + 1); default 1. */
  seqCount?: number;
  /** IPCR0.SFAR: flash address in the linear A1/A2/B1/B2 space. */
  address: number;
  /** IDATSZ; default `tx.length`, else `rxBytes`, else 0. */
  size?: number;
  /** Program data, streamed through TFDR + INTR.IPTXWE pushes. */
  tx?: Uint8Array;
  /** Bytes to collect from RFDR + INTR.IPRXWA pops. */
  rxBytes?: number;
  /** FIFO watermark in bytes, a multiple of 8 (default 64 = BL's TXWMRK/RXWMRK 7). */
  watermarkBytes?: number;
  /** BL order: fill the first TX block before TRG (default false: SDK order, TRG first). */
  prefillTx?: boolean;
  /** Polls of any one status condition before giving up (default 10 000). */
  maxPolls?: number;
}

export type IpCommandResult =
  | { readonly status: 'done'; readonly rx: Uint8Array }
  | { readonly status: 'error'; readonly errorCode: number; readonly errorSeqId: number; readonly rx: Uint8Array }
  | { readonly status: 'timeout'; readonly waitingFor: 'idle' | 'tx-room' | 'rx-data' | 'done'; readonly rx: Uint8Array };

/** Runs one IP command (research §1.5 steps 1–11) and returns its outcome and the RX bytes. */
export function ipCommand(bus: Bus, base: number, request: IpCommandRequest): IpCommandResult {
  const tx = request.tx;
  const rxBytes = request.rxBytes ?? 0;
  const size = request.size ?? tx?.length ?? rxBytes;
  const wm = request.watermarkBytes ?? 64;
  const maxPolls = request.maxPolls ?? 10_000;
  const rx = rxBytes > 0 ? new Uint8Array(rxBytes) : NO_BYTES;
  const intrAddr = base + R.INTR;

  // 1. Wait for idle (STS0.ARBIDLE and SEQIDLE).
  const idle = STS0.SEQIDLE | STS0.ARBIDLE;
  let polls = 0;
  while ((bus.read32(base + R.STS0) & idle) !== idle) {
    if (++polls >= maxPolls) return { status: 'timeout', waitingFor: 'idle', rx };
  }
  // 2. FLSHA1CR2.CLRINSTRPTR (bit 31).
  bus.write32(base + R.FLSHA1CR2, (bus.read32(base + R.FLSHA1CR2) | 0x8000_0000) >>> 0);
  // 3. Clear stale status.
  bus.write32(intrAddr, INTR.AHBCMDERR | INTR.IPCMDERR | INTR.AHBCMDGE | INTR.IPCMDGE | INTR.IPCMDDONE);
  // 4–5. Address, size, sequence.
  bus.write32(base + R.IPCR0, request.address >>> 0);
  bus.write32(base + R.IPCR1, ((size & 0xffff) | ((request.seqId & 0xf) << 16) | ((((request.seqCount ?? 1) - 1) & 7) << 24)) >>> 0);
  // 6. Clear both FIFOs and set the watermarks.
  const wmField = ((wm / 8 - 1) << IPFCR.WMRK_SHIFT) >>> 0;
  bus.write32(base + R.IPTXFCR, wmField | IPFCR.CLR);
  bus.write32(base + R.IPRXFCR, wmField | IPFCR.CLR);

  let sent = 0;
  if (request.prefillTx === true && tx !== undefined && tx.length > 0) sent += pushTxBlock(bus, base, tx, sent, wm);
  // 7. Trigger.
  bus.write32(base + R.IPCMD, 1);
  // 8. Stream TX data: wait for IPTXWE (watching IPCMDERR), fill TFDR, push.
  if (tx !== undefined) {
    while (sent < tx.length) {
      const intr = waitIntr(bus, intrAddr, INTR.IPTXWE, maxPolls);
      if (intr < 0) return { status: 'timeout', waitingFor: 'tx-room', rx };
      if ((intr & INTR.IPCMDERR) !== 0) break;
      sent += pushTxBlock(bus, base, tx, sent, wm);
    }
  }
  // 9. Collect RX data: whole watermark blocks on IPRXWA, the tail once IPRXFSTS.FILL covers it.
  let got = 0;
  while (got < rxBytes) {
    const remaining = rxBytes - got;
    let failed = false;
    if (remaining >= wm) {
      const intr = waitIntr(bus, intrAddr, INTR.IPRXWA, maxPolls);
      if (intr < 0) return { status: 'timeout', waitingFor: 'rx-data', rx };
      failed = (intr & INTR.IPCMDERR) !== 0;
    } else {
      let polls = 0;
      for (; polls < maxPolls; polls++) {
        if ((bus.read32(intrAddr) & INTR.IPCMDERR) !== 0) { failed = true; break; }
        if ((bus.read32(base + R.IPRXFSTS) & 0xff) * 8 >= remaining) break;
      }
      if (polls === maxPolls) return { status: 'timeout', waitingFor: 'rx-data', rx };
    }
    if (failed) break;
    const n = Math.min(wm, remaining);
    readRfdr(bus, base, rx, got, n);
    bus.write32(intrAddr, INTR.IPRXWA);
    got += n;
  }
  // 10. Wait for IPCMDDONE.
  const intr = waitIntr(bus, intrAddr, INTR.IPCMDDONE, maxPolls, false);
  if (intr < 0) return { status: 'timeout', waitingFor: 'done', rx };
  // 11. Errors, then clear the flags.
  const sts1 = bus.read32(base + R.STS1);
  bus.write32(intrAddr, INTR.IPCMDDONE | INTR.IPCMDERR | INTR.IPCMDGE | INTR.SEQTIMEOUT);
  if ((intr & INTR.IPCMDERR) !== 0) {
    return { status: 'error', errorCode: (sts1 >>> 24) & 0xf, errorSeqId: (sts1 >>> 16) & 0xf, rx };
  }
  return { status: 'done', rx };
}

/** Loads LUT sequences from `seqIndex` (research §1.5 step 0): key + unlock, words, key + lock. */
export function writeLut(bus: Bus, base: number, seqIndex: number, words: ArrayLike<number>): void {
  bus.write32(base + R.LUTKEY, LUT_KEY);
  bus.write32(base + R.LUTCR, LUTCR.UNLOCK);
  for (let i = 0; i < words.length; i++) bus.write32(base + R.LUT0 + 4 * (seqIndex * LUT_WORDS_PER_SEQ + i), (words[i] as number) >>> 0);
  bus.write32(base + R.LUTKEY, LUT_KEY);
  bus.write32(base + R.LUTCR, LUTCR.LOCK);
}

/**
 * What a host tool does before its first IP command (research/cmsisdap.md §3.5 and imxrt.md
 * §1.6, reduced): FlexSPI clock gate on and port-A pads muxed (chip.flexspiBringUp), MDIS=0,
 * FLSHA1CR0 = flash size (other ports 0), SWRESET. Returns the register base.
 */
export function bringUpFlexspi(bus: Bus, chip: Chip, flashSizeBytes: number, instanceIndex = chip.bootFlexspi): number {
  const instance = chip.flexspi[instanceIndex];
  if (instance === undefined) throw new RangeError(`chip ${chip.id} has no FlexSPI instance ${instanceIndex}`);
  const bringUp = instanceIndex === chip.bootFlexspi ? chip.flexspiBringUp : undefined;
  if (bringUp !== undefined) {
    const { register, shift } = bringUp.clockGate;
    bus.write32(register, (bus.read32(register) | (3 << shift)) >>> 0);
    for (const pad of bringUp.pads) bus.write32(pad.muxRegister, pad.alt);
  }
  const base = instance.registerBase;
  bus.write32(base + R.MCR0, (bus.read32(base + R.MCR0) & ~MCR0.MDIS) >>> 0);
  bus.write32(base + R.FLSHA1CR0, Math.ceil(flashSizeBytes / 1024));
  for (let p = 1; p < 4; p++) bus.write32(base + R.FLSHA1CR0 + 4 * p, 0);
  bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.SWRESET);
  for (let i = 0; i < 1000 && (bus.read32(base + R.MCR0) & MCR0.SWRESET) !== 0; i++);
  return base;
}

/** Polls INTR until `bit` (or, with `watchErrors`, IPCMDERR) is set; returns INTR, or -1 after `maxPolls`. */
function waitIntr(bus: Bus, intrAddr: number, bit: number, maxPolls: number, watchErrors = true): number {
  const mask = watchErrors ? bit | INTR.IPCMDERR : bit;
  for (let i = 0; i < maxPolls; i++) {
    const intr = bus.read32(intrAddr);
    if ((intr & mask) !== 0) return intr;
  }
  return -1;
}

/** Fills TFDR with the next block (≤ watermark) and pushes it with INTR.IPTXWE; returns its length. */
function pushTxBlock(bus: Bus, base: number, tx: Uint8Array, from: number, wm: number): number {
  const n = Math.min(wm, tx.length - from);
  writeTfdr(bus, base, tx, from, n);
  bus.write32(base + R.INTR, INTR.IPTXWE);
  return n;
}

/** TFDR[0..] ← `n` bytes of `data` from `from`, little-endian words, the last one zero-padded. */
function writeTfdr(bus: Bus, base: number, data: Uint8Array, from: number, n: number): void {
  const words = n >>> 2;
  let a = base + R.TFDR0;
  let i = from;
  for (let w = 0; w < words; w++, a += 4, i += 4) {
    bus.write32(a, ((data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24)) >>> 0);
  }
  const tail = n & 3;
  if (tail !== 0) {
    let v = 0;
    for (let k = 0; k < tail; k++) v |= (data[i + k] as number) << (8 * k);
    bus.write32(a, v >>> 0);
  }
}

/** `n` bytes from RFDR[0..] into `out` at `at` (little-endian words; the last one partial). */
function readRfdr(bus: Bus, base: number, out: Uint8Array, at: number, n: number): void {
  let a = base + R.RFDR0;
  for (let k = 0; k < n; k += 4, a += 4) {
    const v = bus.read32(a);
    const m = Math.min(4, n - k);
    for (let j = 0; j < m; j++) out[at + k + j] = (v >>> (8 * j)) & 0xff;
  }
}
