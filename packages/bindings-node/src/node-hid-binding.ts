import { ImxflashError, systemClock, type Clock, type HidBinding, type HidDeviceInfo, type HidFilter, type HidLink } from '@imxflash/core';

type NodeHid = typeof import('node-hid');
type HidAsyncDevice = Awaited<ReturnType<NodeHid['HIDAsync']['open']>>;

/** Loads node-hid on first use (STYLE R3): importing this file never touches the native module. */
async function loadNodeHid(): Promise<NodeHid> {
  try {
    return await import('node-hid');
  } catch (cause) {
    throw new ImxflashError('NATIVE_MODULE_MISSING', 'node-hid could not be loaded', {
      hint: 'Install it (npm i node-hid; it ships prebuilt binaries for Linux, macOS and Windows; on Linux hidraw needs libudev), or use --sim.',
      cause,
    });
  }
}

/** Longest single wait inside node-hid, so a Clock deadline is checked often. */
const READ_SLICE_MS = 50;

/**
 * `HidBinding` over node-hid's async API (hidapi). Reads wait in slices and honour the Clock
 * deadline; a failed write or read means the device went away (TRANSPORT_DISCONNECTED).
 */
export class NodeHidBinding implements HidBinding {
  constructor(private readonly clock: Clock = systemClock) {}

  async list(filter: HidFilter = {}): Promise<HidDeviceInfo[]> {
    const hid = await loadNodeHid();
    const devices = filter.vid !== undefined && filter.pid !== undefined ? await hid.devicesAsync(filter.vid, filter.pid) : await hid.devicesAsync();
    return devices
      .filter((d) => d.path !== undefined && (filter.vid === undefined || d.vendorId === filter.vid) && (filter.pid === undefined || d.productId === filter.pid))
      .map((d) => ({
        path: d.path!,
        vid: d.vendorId,
        pid: d.productId,
        ...(d.serialNumber ? { serial: d.serialNumber } : {}),
        ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
        ...(d.product ? { product: d.product } : {}),
        ...(d.interface >= 0 ? { interfaceNumber: d.interface } : {}),
        ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
      }));
  }

  async open(path: string): Promise<HidLink> {
    const hid = await loadNodeHid();
    let device: HidAsyncDevice;
    try {
      device = await hid.HIDAsync.open(path);
    } catch (cause) {
      const still = (await hid.devicesAsync()).some((d) => d.path === path);
      if (!still) throw new ImxflashError('PROBE_NOT_FOUND', `no HID device at ${path}`, { hint: 'It was unplugged or re-enumerated; list the devices again.', cause, details: { path } });
      throw new ImxflashError('PROBE_PERMISSION_DENIED', `cannot open the HID device at ${path}`, {
        hint: 'On Linux install udev rules for the device (hidraw, MODE 0666 for VIDs 1fc9, 15a2, 0d28; `imxflash doctor` prints them) and replug; or another program holds it.',
        cause,
        details: { path },
      });
    }
    return new NodeHidLink(path, device, this.clock);
  }
}

class NodeHidLink implements HidLink {
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly device: HidAsyncDevice,
    private readonly clock: Clock,
  ) {}

  async write(report: Uint8Array): Promise<void> {
    this.checkOpen();
    try {
      await this.device.write(Buffer.from(report.buffer, report.byteOffset, report.byteLength));
    } catch (cause) {
      throw this.lost(cause);
    }
  }

  async read(timeoutMs: number): Promise<Uint8Array> {
    this.checkOpen();
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      const left = deadline - this.clock.now();
      let data: Buffer | undefined;
      try {
        data = await this.device.read(Math.max(1, Math.min(READ_SLICE_MS, Math.ceil(left))));
      } catch (cause) {
        throw this.lost(cause);
      }
      if (data !== undefined && data.length > 0) return new Uint8Array(data);
      if (this.closed) throw this.lost(undefined);
      if (this.clock.now() >= deadline) {
        throw new ImxflashError('TRANSPORT_TIMEOUT', `no report from ${this.path} within ${timeoutMs} ms`, {
          hint: 'The device did not answer: check that it is in the expected mode, then retry.',
          details: { path: this.path, timeoutMs },
        });
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.device.close().catch(() => undefined);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new ImxflashError('TRANSPORT_DISCONNECTED', `${this.path} is closed`, { hint: 'Open the device again.', details: { path: this.path } });
  }

  private lost(cause: unknown): ImxflashError {
    return new ImxflashError('TRANSPORT_DISCONNECTED', `${this.path} disconnected`, {
      hint: 'Check the USB cable and the board power, then run the command again.',
      cause,
      details: { path: this.path },
    });
  }
}
