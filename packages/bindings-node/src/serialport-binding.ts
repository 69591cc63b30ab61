import { ImxflashError, systemClock, type Clock, type SerialBinding, type SerialLink, type SerialPortInfo } from '@imxflash/core';

type SerialPortModule = typeof import('serialport');
type Port = InstanceType<SerialPortModule['SerialPort']>;

/** Longest single timer while a read waits. */
const WAIT_SLICE_MS = 50;

/** Loads serialport on first use (STYLE R3). */
async function loadSerialport(): Promise<SerialPortModule> {
  try {
    return await import('serialport');
  } catch (cause) {
    throw new ImxflashError('NATIVE_MODULE_MISSING', 'serialport could not be loaded', {
      hint: 'Install it (npm i serialport; prebuilt binaries for Linux, macOS, Windows), or use the USB serial downloader or --sim.',
      cause,
    });
  }
}

/**
 * `SerialBinding` over the serialport package: 8N1, no flow control. Reads take what has
 * arrived (buffered bytes first) and honour a Clock deadline; a port error or close while in use
 * is TRANSPORT_DISCONNECTED.
 */
export class SerialportBinding implements SerialBinding {
  constructor(private readonly clock: Clock = systemClock) {}

  async list(): Promise<SerialPortInfo[]> {
    const { SerialPort } = await loadSerialport();
    let ports: Awaited<ReturnType<typeof SerialPort.list>>;
    try {
      ports = await SerialPort.list();
    } catch (cause) {
      throw new ImxflashError('NATIVE_MODULE_MISSING', 'serialport could not list the ports', {
        hint: 'On Linux serialport lists ports with udevadm (package udev/systemd); name the port directly instead (--port /dev/ttyUSB0).',
        cause,
      });
    }
    return ports.map((p) => ({
      path: p.path,
      ...(p.vendorId ? { vid: Number.parseInt(p.vendorId, 16) } : {}),
      ...(p.productId ? { pid: Number.parseInt(p.productId, 16) } : {}),
      ...(p.serialNumber ? { serial: p.serialNumber } : {}),
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    }));
  }

  async open(path: string, baudRate: number): Promise<SerialLink> {
    const { SerialPort } = await loadSerialport();
    const port = new SerialPort({ path, baudRate, dataBits: 8, stopBits: 1, parity: 'none', rtscts: false, xon: false, xoff: false, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(openError(path, err)) : resolve())));
    const link = new SerialportLink(path, port, this.clock);
    await link.discardInput();
    return link;
  }
}

function openError(path: string, err: Error): ImxflashError {
  const text = err.message;
  if (/ENOENT|No such file|cannot find|not found/i.test(text)) {
    return new ImxflashError('PROBE_NOT_FOUND', `no serial port ${path}`, { hint: 'Check the port name (`imxflash probes` lists them).', cause: err, details: { path } });
  }
  if (/EACCES|Permission denied|Access denied/i.test(text)) {
    return new ImxflashError('PROBE_PERMISSION_DENIED', `no permission to open ${path}`, {
      hint: 'On Linux add yourself to the dialout group (sudo usermod -aG dialout $USER) and log in again.',
      cause: err,
      details: { path },
    });
  }
  return new ImxflashError('PROBE_BUSY', `cannot open ${path}: ${text}`, { hint: 'Close the other program using the port (a terminal, a debugger).', cause: err, details: { path } });
}

class SerialportLink implements SerialLink {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private waiter: (() => void) | undefined;
  private failure: ImxflashError | undefined;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly port: Port,
    private readonly clock: Clock,
  ) {
    port.on('data', (data: Buffer) => {
      this.chunks.push(data);
      this.buffered += data.length;
      this.wake();
    });
    port.on('error', (err: Error) => this.fail(err));
    port.on('close', () => {
      if (!this.closed) this.fail(new Error('port closed'));
    });
  }

  /** Drops bytes that arrived before the open (contract: input discarded up to the open). */
  async discardInput(): Promise<void> {
    await new Promise<void>((resolve) => this.port.flush(() => resolve()));
    this.chunks = [];
    this.buffered = 0;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.check();
    await new Promise<void>((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (err) => (err ? reject(this.lost(err)) : resolve()));
    });
    await new Promise<void>((resolve, reject) => this.port.drain((err) => (err ? reject(this.lost(err)) : resolve())));
  }

  async read(maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
    this.check();
    if (this.buffered === 0) {
      // Wait in short slices so no long timer outlives the read (the Clock has no cancel).
      const deadline = this.clock.now() + timeoutMs;
      while (this.buffered === 0 && this.failure === undefined && !this.closed) {
        const left = deadline - this.clock.now();
        if (left <= 0) break;
        await Promise.race([new Promise<void>((resolve) => (this.waiter = resolve)), this.clock.sleep(Math.min(WAIT_SLICE_MS, left))]);
      }
      this.check();
      if (this.buffered === 0) {
        throw new ImxflashError('TRANSPORT_TIMEOUT', `no bytes on ${this.path} within ${timeoutMs} ms`, {
          hint: 'The board did not answer: check TX/RX wiring, the baud rate and the boot mode.',
          details: { path: this.path, timeoutMs },
        });
      }
    }
    const all = Buffer.concat(this.chunks);
    const n = Math.min(maxBytes, all.length);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return new Uint8Array(all.subarray(0, n));
  }

  async setBaudRate(baudRate: number): Promise<void> {
    this.check();
    await new Promise<void>((resolve, reject) => this.port.update({ baudRate }, (err) => (err ? reject(this.lost(err)) : resolve())));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private fail(err: Error): void {
    this.failure ??= this.lost(err);
    this.wake();
  }

  private check(): void {
    if (this.closed) throw new ImxflashError('TRANSPORT_DISCONNECTED', `${this.path} is closed`, { hint: 'Open the port again.', details: { path: this.path } });
    if (this.failure !== undefined) throw this.failure;
  }

  private lost(cause: unknown): ImxflashError {
    return new ImxflashError('TRANSPORT_DISCONNECTED', `${this.path} failed or disconnected`, {
      hint: 'Check the USB-serial adapter and the board power, then run the command again.',
      cause,
      details: { path: this.path },
    });
  }
}
