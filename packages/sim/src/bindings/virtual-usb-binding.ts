import { ImxflashError, type UsbBinding, type UsbDeviceInfo, type UsbLink } from '@imxflash/core';
import type { LinkFaults } from '../faults/link-faults.js';
import type { LinkTiming } from '../time/link-timing.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import { UsbLinkSchedule } from './usb-link-schedule.js';
import { VirtualDeviceRegistry } from './virtual-device-registry.js';

/**
 * A raw-USB device of the virtual board (a CMSIS-DAP v2 probe): bulk transfers in, bulk
 * transfers out. The binding charges link time and applies link faults; the device answers.
 */
export interface VirtualUsbDevice {
  /** What `list()` shows (the binding adds the id). */
  readonly info: Omit<UsbDeviceInfo, 'id'>;
  /** Cost of one transfer in each direction (bulkTiming()). */
  readonly timing: LinkTiming;
  /** OUT transfers the device buffers while it works (default 1; a CMSIS-DAP probe: DAP_PACKET_COUNT). See VirtualHidDevice. */
  readonly queueDepth?: number;
  /** One OUT transfer to `endpointNumber`; IN transfers for the host go through `reply(endpoint, data)`. */
  onTransferOut(endpointNumber: number, data: Uint8Array, reply: (endpointNumber: number, data: Uint8Array) => void): void;
  onOpen?(): void;
  onClose?(): void;
}

/**
 * `UsbBinding` over virtual devices (see VirtualHidBinding for the rules: attach/detach,
 * disconnects, faults, link time per endpoint with packets in flight overlapping).
 */
export class VirtualUsbBinding implements UsbBinding {
  private readonly registry = new VirtualDeviceRegistry<VirtualUsbDevice, VirtualUsbLink>('sim-usb', 'USB device', 'Close the other session first.');

  constructor(
    private readonly clock: VirtualClock,
    private readonly faults: LinkFaults,
  ) {}

  /** Plugs `device` in; returns its id (`sim-usb:N`). */
  attach(device: VirtualUsbDevice): string {
    return this.registry.attach(device);
  }

  /** Unplugs the device `id`; its open link (if any) is disconnected. */
  detach(id: string): void {
    this.registry.detach(id);
  }

  async list(): Promise<UsbDeviceInfo[]> {
    return this.registry.entries().map(([id, device]) => ({ ...device.info, id }));
  }

  async open(id: string): Promise<UsbLink> {
    const link = this.registry.open(id, (device, onClosed) => new VirtualUsbLink(id, device, this.clock, this.faults, onClosed));
    link.opened();
    return link;
  }
}

class VirtualUsbLink implements UsbLink {
  /** Per IN endpoint: transfers with the clock time at which each has reached the host. */
  private readonly inbox = new Map<number, { data: Uint8Array; arrivalMs: number }[]>();
  private readonly schedule: UsbLinkSchedule;
  private readonly claimed = new Set<number>();
  private state: 'open' | 'closed' | 'gone' = 'open';
  readonly info: UsbDeviceInfo;

  constructor(
    id: string,
    private readonly device: VirtualUsbDevice,
    private readonly clock: VirtualClock,
    private readonly faults: LinkFaults,
    private readonly onClosed: () => void,
  ) {
    this.info = { ...device.info, id };
    this.schedule = new UsbLinkSchedule(clock, device.timing, device.queueDepth ?? 1);
  }

  async claimInterface(interfaceNumber: number): Promise<void> {
    this.checkUsable();
    if (!this.info.interfaces.some((i) => i.interfaceNumber === interfaceNumber)) {
      throw new ImxflashError('CAPABILITY_UNAVAILABLE', `${this.info.id} has no interface ${interfaceNumber}`, {
        hint: 'Pick an interface from the device descriptors.',
        details: { id: this.info.id, interfaceNumber },
      });
    }
    this.claimed.add(interfaceNumber);
  }

  async transferOut(endpointNumber: number, data: Uint8Array, _timeoutMs: number): Promise<void> {
    this.checkUsable();
    const decision = this.faults.onPacket('to-device', data);
    const arrivalMs = this.schedule.sendOut(data.length);
    if (decision === 'disconnect') throw this.lose();
    if (decision === 'drop') return;
    const delivered = decision === 'pass' ? data.slice() : decision.corrupt;
    this.schedule.process(arrivalMs, () => this.device.onTransferOut(endpointNumber, delivered, (ep, reply) => this.deliver(ep, reply)));
  }

  async transferIn(endpointNumber: number, length: number, timeoutMs: number): Promise<Uint8Array> {
    const queue = this.inbox.get(endpointNumber);
    const next = queue?.shift();
    if (next !== undefined) {
      // A queued reply is waited for however long the device took (the sim keeps no reply past its timeout).
      this.clock.advanceTo(next.arrivalMs);
      return next.data.length > length ? next.data.subarray(0, length) : next.data;
    }
    this.checkUsable();
    await this.clock.sleep(timeoutMs);
    throw new ImxflashError('TRANSPORT_TIMEOUT', `no data from ${this.info.id} endpoint ${endpointNumber} within ${timeoutMs} ms`, {
      hint: 'The device did not answer: unplug and replug it, then retry.',
      details: { id: this.info.id, endpointNumber, timeoutMs },
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
    this.inbox.clear();
    // A link lost to a disconnect fault still holds the device: closing it frees the id for a reopen.
    this.onClosed();
    if (wasOpen) this.device.onClose?.();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  unplugged(): void {
    if (this.state === 'open') this.device.onClose?.();
    this.state = 'gone';
  }

  private deliver(endpointNumber: number, data: Uint8Array): void {
    if (this.state !== 'open') return;
    const decision = this.faults.onPacket('to-host', data);
    const arrivalMs = this.schedule.sendIn(data.length);
    if (decision === 'disconnect') {
      this.state = 'gone';
      return;
    }
    if (decision === 'drop') return;
    const queue = this.inbox.get(endpointNumber) ?? [];
    queue.push({ data: decision === 'pass' ? data.slice() : decision.corrupt, arrivalMs });
    this.inbox.set(endpointNumber, queue);
  }

  private checkUsable(): void {
    if (this.state === 'closed') {
      throw new ImxflashError('TRANSPORT_DISCONNECTED', `${this.info.id} is closed`, { hint: 'Open the device again.', details: { id: this.info.id } });
    }
    if (this.state === 'gone' || this.faults.disconnected) throw this.lose();
  }

  private lose(): ImxflashError {
    this.state = 'gone';
    return new ImxflashError('TRANSPORT_DISCONNECTED', `${this.info.id} disconnected`, {
      hint: 'Check the USB cable and the board power, then run the command again.',
      details: { id: this.info.id },
    });
  }
}
