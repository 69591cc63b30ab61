import type { SimBoard } from '../board/create-sim-board.js';
import { crc16, pingResponse, uartFrame, WIRE } from './blhost-wire.js';
import { FlashloaderModel } from './flashloader-model.js';

/** MaxPacketSize over UART: BL_EXPANDED_FRAMING_PACKET_SIZE (research §2.2; the prebuilt value is UNVERIFIED). */
export const FLASHLOADER_UART_MAX_PACKET = 512;

/**
 * The flashloader's UART side (research/spsdk.md §2.1): PING → ping response; COMMAND and DATA
 * frames are CRC-checked, answered ACK (or NAK for a bad CRC, ACK_ABORT when a data phase
 * aborts). The device's own frames go one at a time: the next only after the host's ACK, and a
 * NAK resends the last one.
 */
export class FlashloaderUart {
  readonly model: FlashloaderModel;
  private buffer: Uint8Array = new Uint8Array(0);
  private readonly queue: Uint8Array[] = [];
  private awaitingAck: Uint8Array | undefined;
  private transmit: (bytes: Uint8Array) => void = () => {};

  constructor(board: SimBoard, onReset: () => void, cumulativeWriteCheck = true) {
    this.model = new FlashloaderModel(board, {
      response: (packet) => this.queue.push(uartFrame(WIRE.COMMAND, packet)),
      data: (payload) => this.queue.push(uartFrame(WIRE.DATA, payload)),
    }, { maxPacketSize: FLASHLOADER_UART_MAX_PACKET, onReset, cumulativeWriteCheck });
  }

  onBytes(bytes: Uint8Array, transmit: (bytes: Uint8Array) => void): void {
    this.transmit = transmit;
    const next = new Uint8Array(this.buffer.length + bytes.length);
    next.set(this.buffer);
    next.set(bytes, this.buffer.length);
    this.buffer = next;
    for (;;) {
      const start = this.buffer.indexOf(WIRE.START);
      if (start < 0) {
        this.buffer = new Uint8Array(0);
        return;
      }
      this.buffer = this.buffer.subarray(start);
      if (this.buffer.length < 2) return;
      const type = this.buffer[1]!;
      if (type === WIRE.COMMAND || type === WIRE.DATA) {
        if (this.buffer.length < 6) return;
        const length = this.buffer[2]! | (this.buffer[3]! << 8);
        if (this.buffer.length < 6 + length) return;
        const frame = this.buffer.slice(0, 6 + length);
        this.buffer = this.buffer.slice(6 + length);
        this.onFrame(type, frame);
        continue;
      }
      this.buffer = this.buffer.subarray(2);
      if (type === WIRE.PING) {
        this.queue.length = 0;
        this.awaitingAck = undefined;
        transmit(pingResponse());
      } else if (type === WIRE.ACK) {
        this.awaitingAck = undefined;
        this.pump();
      } else if (type === WIRE.NAK && this.awaitingAck !== undefined) {
        transmit(this.awaitingAck);
      }
    }
  }

  private onFrame(type: number, frame: Uint8Array): void {
    const crc = frame[4]! | (frame[5]! << 8);
    if (crc16([frame.subarray(0, 4), frame.subarray(6)]) !== crc) {
      this.transmit(Uint8Array.of(WIRE.START, WIRE.NAK));
      return;
    }
    const payload = frame.subarray(6);
    if (type === WIRE.COMMAND) {
      this.queue.length = 0;
      this.awaitingAck = undefined;
      this.transmit(Uint8Array.of(WIRE.START, WIRE.ACK));
      this.model.command(payload);
    } else {
      const accepted = this.model.data(payload);
      this.transmit(Uint8Array.of(WIRE.START, accepted ? WIRE.ACK : WIRE.ACK_ABORT));
    }
    this.pump();
  }

  /** Sends the next queued frame unless one still waits for its ACK. */
  private pump(): void {
    if (this.awaitingAck !== undefined) return;
    const next = this.queue.shift();
    if (next === undefined) return;
    this.awaitingAck = next;
    this.transmit(next);
  }
}
