import { ImxflashError, systemClock, type Clock, type UsbBinding, type UsbDeviceInfo, type UsbEndpointInfo, type UsbInterfaceInfo, type UsbLink } from '@imxflash/core';

/*
 * The parts of the `usb` package (v3: a WebUSB implementation, `usb.getDevices()`) this binding
 * uses, typed structurally so this file compiles without the package's types and a fake can
 * stand in for it in tests.
 */
interface WebUsbEndpoint { endpointNumber: number; direction: 'in' | 'out'; type: 'bulk' | 'interrupt' | 'isochronous'; packetSize: number }
interface WebUsbAlternate { interfaceClass: number; interfaceSubclass: number; interfaceProtocol: number; interfaceName?: string | null; endpoints: WebUsbEndpoint[] }
interface WebUsbInterface { interfaceNumber: number; alternate?: WebUsbAlternate | null; alternates?: WebUsbAlternate[] }
export interface WebUsbDeviceLike {
  vendorId: number;
  productId: number;
  serialNumber?: string | null;
  manufacturerName?: string | null;
  productName?: string | null;
  bus?: string;
  address?: number;
  ports?: number[];
  configuration?: { interfaces: WebUsbInterface[] } | null;
  open(): Promise<void>;
  close(): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface?(interfaceNumber: number): Promise<void>;
  transferOut(endpointNumber: number, data: Uint8Array): Promise<{ status?: string; bytesWritten: number }>;
  transferIn(endpointNumber: number, length: number): Promise<{ status?: string; data?: DataView | null }>;
}
export interface WebUsbLike {
  getDevices(): Promise<WebUsbDeviceLike[]>;
}

/**
 * Loads `usb` on first use (STYLE R3) and finds its WebUSB object: with ESM it is the `usb` export
 * (or `webusb`), or the same under `default` when Node wraps the CommonJS module.
 */
async function loadUsb(importModule: () => Promise<unknown>): Promise<WebUsbLike> {
  let mod: Record<string, unknown>;
  try {
    mod = (await importModule()) as Record<string, unknown>;
  } catch (cause) {
    throw new ImxflashError('NATIVE_MODULE_MISSING', 'the usb module could not be loaded', {
      hint: 'Install it (npm i usb; prebuilt for Linux, macOS and Windows), or use a CMSIS-DAP v1 (HID) probe, --probe jlink, or --sim.',
      cause,
    });
  }
  const fallback = mod['default'] as Record<string, unknown> | undefined;
  for (const candidate of [mod['usb'], mod['webusb'], fallback?.['usb'], fallback?.['webusb']]) {
    if (candidate !== null && typeof candidate === 'object' && typeof (candidate as WebUsbLike).getDevices === 'function') return candidate as WebUsbLike;
  }
  throw new ImxflashError('NATIVE_MODULE_MISSING', 'the usb module has no WebUSB object (usb v3 expected)', {
    hint: 'Install usb version 3 (npm i usb@3).',
  });
}

/** Longest wait handed to the native layer at once, so the Clock deadline is honoured. */
const POLL_MS = 20;

/**
 * `UsbBinding` over the `usb` package's WebUSB layer (CMSIS-DAP v2 bulk). Listing never opens a
 * device. No USB bus or no libusb backend means no devices (an empty list), not an error;
 * a missing module is NATIVE_MODULE_MISSING, which drivers treat as "no probes".
 */
export class NodeUsbBinding implements UsbBinding {
  private readonly load: () => Promise<WebUsbLike>;

  constructor(
    private readonly clock: Clock = systemClock,
    /** For tests: stands in for `import('usb')` (resolves with the module's exports). */
    importModule: () => Promise<unknown> = () => import('usb'),
  ) {
    this.load = () => loadUsb(importModule);
  }

  async list(): Promise<UsbDeviceInfo[]> {
    const devices = await this.devices();
    return devices.map(([id, d]) => describe(id, d));
  }

  async open(id: string): Promise<UsbLink> {
    const device = (await this.devices()).find(([key]) => key === id)?.[1];
    if (device === undefined) throw new ImxflashError('PROBE_NOT_FOUND', `no USB device ${id}`, { hint: 'It was unplugged; list the probes again.', details: { id } });
    try {
      await device.open();
    } catch (cause) {
      const text = String((cause as Error)?.message ?? cause);
      const busy = /busy|in use|resource/i.test(text);
      throw new ImxflashError(busy ? 'PROBE_BUSY' : 'PROBE_PERMISSION_DENIED', `cannot open USB device ${id}: ${text}`, {
        hint: busy ? 'Close the other debugger or flasher, then retry.' : 'On Linux install a udev rule for the probe (SUBSYSTEM=="usb", its VID:PID, MODE="0660", GROUP="plugdev") and replug.',
        cause,
        details: { id },
      });
    }
    return new NodeUsbLink(describe(id, device), device, this.clock);
  }

  /** Devices with their ids (bus-port path, stable while plugged in); [] when there is no USB at all. */
  private async devices(): Promise<[string, WebUsbDeviceLike][]> {
    const usb = await this.load();
    let devices: WebUsbDeviceLike[];
    try {
      devices = await usb.getDevices();
    } catch {
      return []; // no USB bus, no libusb/udev backend: nothing to list
    }
    return devices.map((d, i) => [deviceId(d, i), d]);
  }
}

function deviceId(d: WebUsbDeviceLike, index: number): string {
  if (d.bus !== undefined && d.ports !== undefined && d.ports.length > 0) return `usb:${d.bus}-${d.ports.join('.')}`;
  if (d.bus !== undefined && d.address !== undefined) return `usb:${d.bus}:${d.address}`;
  return `usb:${d.vendorId.toString(16)}:${d.productId.toString(16)}:${d.serialNumber ?? index}`;
}

function describe(id: string, d: WebUsbDeviceLike): UsbDeviceInfo {
  const interfaces: UsbInterfaceInfo[] = [];
  for (const iface of d.configuration?.interfaces ?? []) {
    const alt = iface.alternate ?? iface.alternates?.[0];
    if (alt === undefined || alt === null) continue;
    interfaces.push({
      interfaceNumber: iface.interfaceNumber,
      interfaceClass: alt.interfaceClass,
      interfaceSubclass: alt.interfaceSubclass,
      interfaceProtocol: alt.interfaceProtocol,
      ...(alt.interfaceName ? { name: alt.interfaceName } : {}),
      endpoints: alt.endpoints.map((e): UsbEndpointInfo => ({ endpointNumber: e.endpointNumber, direction: e.direction, type: e.type, packetSize: e.packetSize })),
    });
  }
  return {
    id,
    vid: d.vendorId,
    pid: d.productId,
    ...(d.serialNumber ? { serial: d.serialNumber } : {}),
    ...(d.manufacturerName ? { manufacturer: d.manufacturerName } : {}),
    ...(d.productName ? { product: d.productName } : {}),
    interfaces,
    // Without access the OS hides the string descriptors; a device with none readable is likely locked.
    accessible: d.productName !== undefined && d.productName !== null,
  };
}

class NodeUsbLink implements UsbLink {
  private closed = false;
  private readonly claimed = new Set<number>();
  /** A transferIn that outlived its timeout: the next read collects its data first. */
  private pendingIn = new Map<number, Promise<{ status?: string; data?: DataView | null }>>();

  constructor(
    readonly info: UsbDeviceInfo,
    private readonly device: WebUsbDeviceLike,
    private readonly clock: Clock,
  ) {}

  async claimInterface(interfaceNumber: number): Promise<void> {
    this.check();
    try {
      await this.device.claimInterface(interfaceNumber);
      this.claimed.add(interfaceNumber);
    } catch (cause) {
      throw new ImxflashError('PROBE_BUSY', `interface ${interfaceNumber} of ${this.info.id} is in use`, {
        hint: 'Another program (a debugger, a kernel driver) holds the probe: close it and retry.',
        cause,
        details: { id: this.info.id, interfaceNumber },
      });
    }
  }

  async transferOut(endpointNumber: number, data: Uint8Array, timeoutMs: number): Promise<void> {
    this.check();
    const result = await this.withTimeout(this.device.transferOut(endpointNumber, data.slice()), timeoutMs, `OUT endpoint ${endpointNumber}`);
    if (result.status !== undefined && result.status !== 'ok') throw this.lost(new Error(`transfer status ${result.status}`));
  }

  async transferIn(endpointNumber: number, length: number, timeoutMs: number): Promise<Uint8Array> {
    this.check();
    const pending = this.pendingIn.get(endpointNumber) ?? this.device.transferIn(endpointNumber, length);
    this.pendingIn.set(endpointNumber, pending);
    const result = await this.withTimeout(pending, timeoutMs, `IN endpoint ${endpointNumber}`);
    this.pendingIn.delete(endpointNumber);
    if (result.status !== undefined && result.status !== 'ok') throw this.lost(new Error(`transfer status ${result.status}`));
    const view = result.data;
    return view ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice() : new Uint8Array(0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const n of this.claimed) await this.device.releaseInterface?.(n).catch(() => undefined);
    await this.device.close().catch(() => undefined);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Resolves with `work`, or rejects TRANSPORT_TIMEOUT after `timeoutMs` of Clock time (the transfer keeps running). */
  private async withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let settled = false;
    let value: T | undefined;
    let error: unknown;
    work.then(
      (v) => { settled = true; value = v; },
      (e) => { settled = true; error = e ?? new Error('transfer failed'); },
    );
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      await Promise.resolve();
      if (settled) {
        if (error !== undefined) throw this.lost(error);
        return value as T;
      }
      if (this.clock.now() >= deadline) {
        throw new ImxflashError('TRANSPORT_TIMEOUT', `no data on ${what} of ${this.info.id} within ${timeoutMs} ms`, {
          hint: 'The probe did not answer: unplug and replug it, then retry.',
          details: { id: this.info.id, timeoutMs },
        });
      }
      await Promise.race([work.then(() => undefined, () => undefined), this.clock.sleep(Math.min(POLL_MS, Math.max(0, deadline - this.clock.now())))]);
    }
  }

  private check(): void {
    if (this.closed) throw new ImxflashError('TRANSPORT_DISCONNECTED', `${this.info.id} is closed`, { hint: 'Open the device again.', details: { id: this.info.id } });
  }

  private lost(cause: unknown): ImxflashError {
    return new ImxflashError('TRANSPORT_DISCONNECTED', `${this.info.id} stopped answering (${String((cause as Error)?.message ?? cause)})`, {
      hint: 'Check the USB cable, then replug the probe and run the command again.',
      cause,
      details: { id: this.info.id },
    });
  }
}
