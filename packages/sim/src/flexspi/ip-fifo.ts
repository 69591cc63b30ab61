import { FIFO_WINDOW_WORDS } from './flexspi-registers.js';

const WINDOW_BYTES = FIFO_WINDOW_WORDS * 4;

/**
 * The IP TX FIFO (research/imxrt.md §1.2, §1.4, §1.5 step 8): `capacity` bytes (128 on RT10xx).
 * Software writes TFDR[0..31] (a 128-byte window) and then pushes one watermark block
 * ((TXWMRK+1)×8 bytes) by writing INTR.IPTXWE=1. A push when the FIFO lacks room for a whole
 * block is ignored (UNVERIFIED: the RM does not say; a driver waits for IPTXWE first).
 * The running WRITE instruction drains it from the front.
 */
export class IpTxFifo {
  private readonly buf: Uint8Array;
  private readonly window = new Uint8Array(WINDOW_BYTES);
  private readonly windowView = new DataView(this.window.buffer);
  /** Bytes held. */
  fill = 0;
  /** Bytes consumed by WRITE instructions since the last IP command started (IPTXFSTS.WRCNTR ×8). */
  consumed = 0;

  constructor(readonly capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  /** TFDR[index] = value (little-endian bytes in the window). */
  writeWindow(index: number, value: number): void {
    this.windowView.setUint32(index * 4, value >>> 0, true);
  }

  /** INTR.IPTXWE reads 1 when a whole watermark block fits. */
  hasRoomFor(watermarkBytes: number): boolean {
    return this.capacity - this.fill >= watermarkBytes;
  }

  /** Pushes the first `watermarkBytes` of the window; false when there was no room. */
  push(watermarkBytes: number): boolean {
    if (!this.hasRoomFor(watermarkBytes)) return false;
    const n = Math.min(watermarkBytes, WINDOW_BYTES);
    this.buf.set(this.window.subarray(0, n), this.fill);
    this.fill += n;
    return true;
  }

  /** Moves up to `dest.length - offset` bytes from the front into `dest`; returns how many. */
  take(dest: Uint8Array, offset: number): number {
    const n = Math.min(this.fill, dest.length - offset);
    if (n <= 0) return 0;
    dest.set(this.buf.subarray(0, n), offset);
    this.buf.copyWithin(0, n, this.fill);
    this.fill -= n;
    this.consumed += n;
    return n;
  }

  /** IPTXFCR.CLRIPTXF / MCR0.SWRESET. */
  clear(): void {
    this.fill = 0;
  }
}

/**
 * The IP RX FIFO (research/imxrt.md §1.2, §1.5 step 9): READ instructions fill it; RFDR[i] shows
 * word i of the block at the front; writing INTR.IPRXWA=1 pops one watermark block
 * ((RXWMRK+1)×8 bytes, or what is left). Byte-granular: IPRXFSTS.FILL = ceil(bytes / 8).
 */
export class IpRxFifo {
  private readonly buf: Uint8Array;
  fill = 0;
  /** Bytes received into the FIFO since the last IP command started (IPRXFSTS.RDCNTR ×8). */
  received = 0;

  constructor(readonly capacity: number) {
    // One window of slack so RFDR reads past the fill never index out of the buffer.
    this.buf = new Uint8Array(Math.max(capacity, WINDOW_BYTES) + 4);
  }

  /** RFDR[index]: word `index` of the front block, little-endian. Bytes past the fill read as stale. */
  readWindow(index: number): number {
    const b = this.buf;
    const i = index * 4;
    return ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)) >>> 0;
  }

  /** INTR.IPRXWA reads 1 when at least one watermark block is available. */
  hasWatermark(watermarkBytes: number): boolean {
    return this.fill >= watermarkBytes;
  }

  /** Appends as much of `bytes` as fits; returns how many were taken. */
  put(bytes: Uint8Array): number {
    const n = Math.min(bytes.length, this.capacity - this.fill);
    if (n <= 0) return 0;
    if (n <= 16) {
      // A status read moves 1–4 bytes: a loop beats TypedArray#set's call overhead.
      const buf = this.buf;
      for (let i = 0, j = this.fill; i < n; i++, j++) buf[j] = bytes[i] as number;
    } else {
      this.buf.set(n === bytes.length ? bytes : bytes.subarray(0, n), this.fill);
    }
    this.fill += n;
    this.received += n;
    return n;
  }

  /** Pops one watermark block (or everything left when less is held). */
  pop(watermarkBytes: number): void {
    const n = Math.min(watermarkBytes, this.fill);
    this.buf.copyWithin(0, n, this.fill);
    this.fill -= n;
  }

  /** IPRXFCR.CLRIPRXF / MCR0.SWRESET. */
  clear(): void {
    this.fill = 0;
  }
}
