import { ImxflashError, type Clock, type SerialLink } from '@imxflash/core';

/**
 * Exact-length reads over a SerialLink (which returns whatever has arrived): keeps leftovers,
 * and a deadline on the Clock for the whole read (STYLE R12).
 */
export class SerialReader {
  private leftover: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly serial: SerialLink,
    private readonly clock: Clock,
    readonly path: string,
  ) {}

  /** Exactly `bytes` bytes, or TRANSPORT_TIMEOUT when they did not all come within `timeoutMs`. */
  async readExactly(bytes: number, timeoutMs: number): Promise<Uint8Array> {
    const out = new Uint8Array(bytes);
    let got = Math.min(bytes, this.leftover.length);
    out.set(this.leftover.subarray(0, got));
    this.leftover = this.leftover.slice(got);
    const deadline = this.clock.now() + timeoutMs;
    while (got < bytes) {
      const left = deadline - this.clock.now();
      if (left <= 0) throw this.timeout(bytes, got, timeoutMs);
      let chunk: Uint8Array;
      try {
        chunk = await this.serial.read(Math.max(bytes - got, 256), left);
      } catch (e) {
        if (e instanceof ImxflashError && e.code === 'TRANSPORT_TIMEOUT') throw this.timeout(bytes, got, timeoutMs);
        throw e;
      }
      const n = Math.min(bytes - got, chunk.length);
      out.set(chunk.subarray(0, n), got);
      got += n;
      if (n < chunk.length) this.leftover = concat(this.leftover, chunk.subarray(n));
    }
    return out;
  }

  /** Whatever arrives next (≥ 1 byte), leftovers first; TRANSPORT_TIMEOUT when nothing came. */
  async readSome(timeoutMs: number): Promise<Uint8Array> {
    if (this.leftover.length > 0) {
      const out = this.leftover;
      this.leftover = new Uint8Array(0);
      return out;
    }
    return this.serial.read(4096, timeoutMs);
  }

  /** Puts bytes back in front (a packet parser read past its packet). */
  unread(bytes: Uint8Array): void {
    this.leftover = concat(bytes, this.leftover);
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.serial.write(bytes);
  }

  private timeout(bytes: number, got: number, timeoutMs: number): ImxflashError {
    return new ImxflashError('TRANSPORT_TIMEOUT', `${this.path}: ${got} of ${bytes} bytes arrived within ${timeoutMs} ms`, {
      hint: 'The board did not answer: check the UART wiring (TX/RX crossed, GND), the baud rate, and that it is in serial-downloader mode.',
      details: { path: this.path, expected: bytes, received: got, timeoutMs },
    });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
