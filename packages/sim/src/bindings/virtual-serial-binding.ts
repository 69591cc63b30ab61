import { ImxflashError, type Clock, type SerialBinding, type SerialLink, type SerialPortInfo } from '@imxflash/core';
import type { LinkFaults } from '../faults/link-faults.js';
import { uartTiming } from '../time/link-timing.js';
import { VirtualDeviceRegistry } from './virtual-device-registry.js';

/**
 * A UART of the virtual board (the ROM's serial downloader on LPUART1, then the flashloader).
 * The device answers bytes with bytes; it may transmit any number of chunks per call.
 */
export interface VirtualUartDevice {
  /** What `list()` shows besides the path (a USB-serial adapter's IDs, when modelled). */
  readonly info?: Omit<SerialPortInfo, 'path'>;
  /** Bytes from the host, in order; `transmit` sends bytes to the host. */
  onBytes(bytes: Uint8Array, transmit: (bytes: Uint8Array) => void): void;
  /** The host opened the port at `baudRate` (optional). */
  onOpen?(baudRate: number): void;
}

/**
 * `SerialBinding` over virtual UARTs: what serialport would show with the board's UART wired to
 * a USB-serial adapter. Every write and every device transmission crosses {@link LinkFaults} as
 * one packet and advances the board's clock by its UART time at the open baud rate (8N1).
 */
export class VirtualSerialBinding implements SerialBinding {
  private readonly registry = new VirtualDeviceRegistry<VirtualUartDevice, VirtualSerialLink>('sim-uart', 'serial port', 'Close the other program using the port.');

  constructor(
    private readonly clock: Clock & { advance(ms: number): void },
    private readonly faults: LinkFaults,
  ) {}

  /** Wires `device` to a new port; returns its path (`sim-uart:N`). */
  attach(device: VirtualUartDevice): string {
    return this.registry.attach(device);
  }

  /** Unplugs the adapter at `path`; an open link fails with TRANSPORT_DISCONNECTED. */
  detach(path: string): void {
    this.registry.detach(path);
  }

  async list(): Promise<SerialPortInfo[]> {
    return this.registry.entries().map(([path, device]) => ({ ...device.info, path }));
  }

  async open(path: string, baudRate: number): Promise<SerialLink> {
    const link = this.registry.open(path, (device, onClosed) => new VirtualSerialLink(path, device, baudRate, this.clock, this.faults, onClosed));
    link.opened(baudRate);
    return link;
  }
}

class VirtualSerialLink implements SerialLink {
  private inbox: Uint8Array = new Uint8Array(0);
  private state: 'open' | 'closed' | 'gone' = 'open';
  private timing;

  constructor(
    private readonly path: string,
    private readonly device: VirtualUartDevice,
    baudRate: number,
    private readonly clock: Clock & { advance(ms: number): void },
    private readonly faults: LinkFaults,
    private readonly onClosed: () => void,
  ) {
    this.timing = uartTiming(baudRate);
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.checkUsable();
    if (bytes.length === 0) return;
    const decision = this.faults.onPacket('to-device', bytes);
    this.clock.advance(this.timing.transferMs(bytes.length));
    if (decision === 'disconnect') throw this.lose();
    if (decision === 'drop') return;
    this.device.onBytes(decision === 'pass' ? bytes.slice() : decision.corrupt, (out) => this.deliver(out));
  }

  async read(maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
    if (this.inbox.length > 0) {
      const n = Math.min(maxBytes, this.inbox.length);
      const out = this.inbox.slice(0, n);
      this.inbox = this.inbox.slice(n);
      return out;
    }
    this.checkUsable();
    await this.clock.sleep(timeoutMs);
    throw new ImxflashError('TRANSPORT_TIMEOUT', `no bytes on ${this.path} within ${timeoutMs} ms`, {
      hint: 'The board did not answer: check the wiring, the baud rate and the boot mode.',
      details: { path: this.path, timeoutMs },
    });
  }

  async setBaudRate(baudRate: number): Promise<void> {
    this.timing = uartTiming(baudRate);
  }

  /** The binding registered this link: the device sees its host arrive. */
  opened(baudRate: number): void {
    this.device.onOpen?.(baudRate);
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.inbox = new Uint8Array(0);
    this.onClosed(); // also after a disconnect: the port can be opened again
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  unplugged(): void {
    this.state = 'gone';
  }

  private deliver(bytes: Uint8Array): void {
    if (this.state !== 'open' || bytes.length === 0) return;
    const decision = this.faults.onPacket('to-host', bytes);
    this.clock.advance(this.timing.transferMs(bytes.length));
    if (decision === 'disconnect') {
      this.state = 'gone';
      return;
    }
    if (decision === 'drop') return;
    const data = decision === 'pass' ? bytes : decision.corrupt;
    const next = new Uint8Array(this.inbox.length + data.length);
    next.set(this.inbox);
    next.set(data, this.inbox.length);
    this.inbox = next;
  }

  private checkUsable(): void {
    if (this.state === 'closed') throw new ImxflashError('TRANSPORT_DISCONNECTED', `${this.path} is closed`, { hint: 'Open the port again.', details: { path: this.path } });
    if (this.state === 'gone' || this.faults.disconnected) throw this.lose();
  }

  private lose(): ImxflashError {
    this.state = 'gone';
    return new ImxflashError('TRANSPORT_DISCONNECTED', `${this.path} disconnected`, {
      hint: 'Check the USB-serial adapter and the board power, then run the command again.',
      details: { path: this.path },
    });
  }
}
