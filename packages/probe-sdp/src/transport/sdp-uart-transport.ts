import { readWordBe } from '../sdp/sdp-response.js';
import type { SerialReader } from './serial-reader.js';
import type { SdpTransport } from './sdp-transport.js';

/** Bytes written per SerialLink.write while streaming data (progress granularity; the UART has no framing). */
const UART_CHUNK_BYTES = 1024;

/** SDP over a UART (research/spsdk.md §1.5): raw bytes, no framing, no CRC. */
export class SdpUartTransport implements SdpTransport {
  readonly link = 'serial';

  constructor(private readonly reader: SerialReader) {}

  get path(): string {
    return this.reader.path;
  }

  async sendCommand(command: Uint8Array): Promise<void> {
    await this.reader.write(command);
  }

  async sendData(data: Uint8Array, onChunk?: (doneBytes: number) => void): Promise<void> {
    for (let at = 0; at < data.length; at += UART_CHUNK_BYTES) {
      const end = Math.min(data.length, at + UART_CHUNK_BYTES);
      await this.reader.write(data.subarray(at, end));
      onChunk?.(end);
    }
  }

  async readHab(timeoutMs: number): Promise<number> {
    return readWordBe(await this.reader.readExactly(4, timeoutMs), 0, 'HAB status');
  }

  async readData(bytes: number, timeoutMs: number): Promise<Uint8Array> {
    return this.reader.readExactly(bytes, timeoutMs);
  }

  async close(): Promise<void> {
    // The SerialLink belongs to the session (the flashloader reuses the same port).
  }
}
