/**
 * How SDP bytes cross one link (USB HID reports or a raw UART stream, research/spsdk.md §1.4,
 * §1.5). The client above it speaks SDP commands; implementations only move bytes.
 */
export interface SdpTransport {
  /** `usb` or `serial`, and a path for messages. */
  readonly link: 'usb' | 'serial';
  readonly path: string;
  /** Sends the 16-byte command packet. */
  sendCommand(command: Uint8Array): Promise<void>;
  /** Sends data after WRITE_FILE / DCD_WRITE, chunked as the link needs. `onChunk` gets bytes sent so far. */
  sendData(data: Uint8Array, onChunk?: (doneBytes: number) => void): Promise<void>;
  /** The 4-byte HAB word (report 3 / the first 4 UART bytes), big-endian. */
  readHab(timeoutMs: number): Promise<number>;
  /** `bytes` bytes of status or read data (report-4 payloads / raw UART bytes). */
  readData(bytes: number, timeoutMs: number): Promise<Uint8Array>;
  close(): Promise<void>;
}
