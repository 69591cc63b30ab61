import { ImxflashError, type HidBinding, type HidDeviceInfo, type HidFilter, type HidLink } from '@imxflash/core';
import type { LinkFaults } from '../faults/link-faults.js';
import type { LinkTiming } from '../time/link-timing.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import { UsbLinkSchedule } from './usb-link-schedule.js';
import { VirtualDeviceRegistry } from './virtual-device-registry.js';

/**
 * A USB HID device of the virtual board (the ROM's serial downloader, the flashloader, a
 * CMSIS-DAP v1 probe). The binding moves whole reports and charges link time; the device only
 * answers. A device that needs time to act (an erase) advances the board's clock itself before
 * it replies: it runs on the board's own timeline (link-timing.ts, pipelining), so the host only
 * waits for that time when it reads the reply.
 */
export interface VirtualHidDevice {
  /** What `list()` shows (the binding adds the path). */
  readonly info: Omit<HidDeviceInfo, 'path'>;
  /** Cost of one report in each direction (hidTiming('full' | 'high')). */
  readonly timing: LinkTiming;
  /**
   * Output reports the device buffers while it works (default 1: the next report is NAKed until
   * the previous one is handled). A CMSIS-DAP probe buffers DAP_PACKET_COUNT.
   */
  readonly queueDepth?: number;
  /**
   * One output report from the host, report id first. Input reports for the host go through
   * `reply`, in order, any number of them (also none).
   */
  onOutputReport(report: Uint8Array, reply: (inputReport: Uint8Array) => void): void;
  /** The host opened the device (optional). */
  onOpen?(): void;
  /** The host closed the device or it was detached (optional). */
  onClose?(): void;
}

/**
 * `HidBinding` over virtual devices: what node-hid would show if the board were plugged in.
 * Devices attach and detach at run time (the ROM re-enumerates as the flashloader); a detach
 * fails open links with TRANSPORT_DISCONNECTED as the real binding does. Every report crosses
 * {@link LinkFaults} and takes the device's link timing on its endpoint (UsbLinkSchedule: OUT and
 * IN move independently, so reports in flight overlap).
 */
export class VirtualHidBinding implements HidBinding {
  private readonly registry = new VirtualDeviceRegistry<VirtualHidDevice, VirtualHidLink>('sim-hid', 'HID device', 'Close the other session first.');

  constructor(
    private readonly clock: VirtualClock,
    private readonly faults: LinkFaults,
  ) {}

  /** Plugs `device` in; returns its path (`sim-hid:N`). */
  attach(device: VirtualHidDevice): string {
    return this.registry.attach(device);
  }

  /** Unplugs the device at `path`; its open link (if any) is disconnected. */
  detach(path: string): void {
    this.registry.detach(path);
  }

  /** Paths of the attached devices, in attach order. */
  attachedPaths(): string[] {
    return this.registry.entries().map(([path]) => path);
  }

  async list(filter: HidFilter = {}): Promise<HidDeviceInfo[]> {
    const out: HidDeviceInfo[] = [];
    for (const [path, device] of this.registry.entries()) {
      if (filter.vid !== undefined && device.info.vid !== filter.vid) continue;
      if (filter.pid !== undefined && device.info.pid !== filter.pid) continue;
      out.push({ ...device.info, path });
    }
    return out;
  }

  async open(path: string): Promise<HidLink> {
    const link = this.registry.open(path, (device, onClosed) => new VirtualHidLink(path, device, this.clock, this.faults, onClosed));
    link.opened();
    return link;
  }
}

class VirtualHidLink implements HidLink {
  /** Input reports with the clock time at which each has reached the host. */
  private readonly inbox: { report: Uint8Array; arrivalMs: number }[] = [];
  private state: 'open' | 'closed' | 'gone' = 'open';
  private readonly schedule: UsbLinkSchedule;

  constructor(
    private readonly path: string,
    private readonly device: VirtualHidDevice,
    private readonly clock: VirtualClock,
    private readonly faults: LinkFaults,
    private readonly onClosed: () => void,
  ) {
    this.schedule = new UsbLinkSchedule(clock, device.timing, device.queueDepth ?? 1);
  }

  async write(report: Uint8Array): Promise<void> {
    this.checkUsable();
    const decision = this.faults.onPacket('to-device', report);
    const arrivalMs = this.schedule.sendOut(payloadBytes(report));
    if (decision === 'disconnect') throw this.lose();
    if (decision === 'drop') return;
    const delivered = decision === 'pass' ? report.slice() : decision.corrupt;
    this.schedule.process(arrivalMs, () => this.device.onOutputReport(delivered, (input) => this.deliver(input)));
  }

  async read(timeoutMs: number): Promise<Uint8Array> {
    const next = this.inbox.shift();
    if (next !== undefined) {
      // A queued reply is waited for however long the device took (the sim keeps no reply past its timeout).
      this.clock.advanceTo(next.arrivalMs);
      return next.report;
    }
    this.checkUsable();
    await this.clock.sleep(timeoutMs);
    throw new ImxflashError('TRANSPORT_TIMEOUT', `no report from ${this.path} within ${timeoutMs} ms`, {
      hint: 'The device did not answer: check that it is in the expected mode, then retry.',
      details: { path: this.path, timeoutMs },
    });
  }

  /** The binding registered this link: the device sees its host arrive. */
  opened(): void {
    this.device.onOpen?.();
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.inbox.length = 0;
    // A link lost to a disconnect fault still holds the device: closing it frees the path for a reopen.
    this.onClosed();
    if (wasOpen) this.device.onClose?.();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** The binding detached the device. */
  unplugged(): void {
    if (this.state === 'open') this.device.onClose?.();
    this.state = 'gone';
  }

  private deliver(input: Uint8Array): void {
    if (this.state !== 'open') return;
    const decision = this.faults.onPacket('to-host', input);
    const arrivalMs = this.schedule.sendIn(payloadBytes(input));
    if (decision === 'disconnect') {
      this.lose();
      return;
    }
    if (decision === 'drop') return;
    this.inbox.push({ report: decision === 'pass' ? input.slice() : decision.corrupt, arrivalMs });
  }

  private checkUsable(): void {
    if (this.state === 'closed') {
      throw new ImxflashError('TRANSPORT_DISCONNECTED', `${this.path} is closed`, { hint: 'Open the device again.', details: { path: this.path } });
    }
    if (this.state === 'gone' || this.faults.disconnected) throw this.lose();
  }

  /** The link is gone (a disconnect fault): the device sees its host go away, once. */
  private lose(): ImxflashError {
    if (this.state === 'open') this.device.onClose?.();
    this.state = 'gone';
    return new ImxflashError('TRANSPORT_DISCONNECTED', `${this.path} disconnected`, {
      hint: 'Check the USB cable and the board power, then run the command again.',
      details: { path: this.path },
    });
  }
}

/** Bytes a report puts on the wire: everything after the report-id byte (at least one packet). */
function payloadBytes(report: Uint8Array): number {
  return Math.max(1, report.length - 1);
}
