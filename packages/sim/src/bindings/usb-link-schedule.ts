import type { LinkTiming } from '../time/link-timing.js';
import type { VirtualClock } from '../time/virtual-clock.js';

/**
 * When the packets of one virtual USB link move, per the pipelining model in link-timing.ts:
 * the OUT and IN endpoints are independent pipes; a host write occupies the next free OUT slot(s)
 * and the host's clock advances only by that; the device works through the packets that arrived
 * on its own timeline (VirtualClock.runOnDevice) with at most `queueDepth` of them buffered (a
 * further OUT is NAKed until the oldest buffered packet is done); each reply crosses the IN pipe
 * from max(its ready time, the next free IN slot) and the host reading it waits until it arrived.
 * A request followed by a read of its reply costs what it did serially: OUT + processing + IN.
 */
export class UsbLinkSchedule {
  private outFreeMs = 0;
  private inFreeMs = 0;
  /** Board time at which each packet in the device's buffers is done (ascending). */
  private buffered: number[] = [];

  constructor(
    private readonly clock: VirtualClock,
    private readonly timing: LinkTiming,
    /** Packets the device buffers (DAP_PACKET_COUNT for a CMSIS-DAP probe; 1 = strictly one at a time). */
    private readonly queueDepth: number,
  ) {}

  /** A host write of `bytes`: returns when it has arrived at the device; the host's clock is there too. */
  sendOut(bytes: number): number {
    let start = Math.max(this.clock.now(), this.outFreeMs);
    this.buffered = this.buffered.filter((doneMs) => doneMs > start);
    if (this.buffered.length >= this.queueDepth) {
      // NAKed until enough buffered packets are done to leave room for this one.
      start = Math.max(start, this.buffered[this.buffered.length - this.queueDepth]!);
      this.buffered = this.buffered.filter((doneMs) => doneMs > start);
    }
    const arrival = start + this.timing.transferMs(bytes);
    this.outFreeMs = arrival;
    this.clock.advanceTo(arrival);
    return arrival;
  }

  /** The device handles a packet that arrived at `arrivalMs`, on its own timeline. */
  process(arrivalMs: number, handle: () => void): void {
    this.buffered.push(this.clock.runOnDevice(arrivalMs, handle));
  }

  /** A reply of `bytes` the device sends now (board time): when it has arrived at the host. */
  sendIn(bytes: number): number {
    const start = Math.max(this.clock.now(), this.inFreeMs);
    this.inFreeMs = start + this.timing.transferMs(bytes);
    return this.inFreeMs;
  }
}
