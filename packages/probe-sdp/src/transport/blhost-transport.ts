/**
 * How MCU-bootloader packets cross one link (research/spsdk.md §2.1 UART framing with ACKs and
 * CRC, §2.2 USB-HID reports). The client above speaks commands; this moves packets.
 */
export interface BlhostTransport {
  readonly link: 'usb' | 'serial';
  readonly path: string;
  /** Sends a command packet (UART: waits for its ACK, resending on NAK). */
  sendCommand(packet: Uint8Array, timeoutMs: number): Promise<void>;
  /** The next command/response packet from the device (UART: CRC-checked and ACKed, NAK + retry on a bad CRC). */
  readResponse(timeoutMs: number): Promise<Uint8Array>;
  /** One data packet to the device; 'aborted' when the device aborted the data phase. */
  sendData(payload: Uint8Array, timeoutMs: number): Promise<'ok' | 'aborted'>;
  /** One data packet from the device; 'aborted' when the device ended the data phase early (its response follows). */
  readData(timeoutMs: number): Promise<Uint8Array | 'aborted'>;
  close(): Promise<void>;
}
