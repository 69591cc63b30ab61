import type { SimBoard } from '../board/create-sim-board.js';
import { SdpRomModel, type JumpTarget } from './sdp-rom-model.js';

/** The ROM serial downloader on its UART (research/spsdk.md §1.5): raw command bytes and data, raw replies. */
export class SdpRomUart {
  readonly model: SdpRomModel;
  private buffer: Uint8Array = new Uint8Array(0);
  private transmit: (bytes: Uint8Array) => void = () => {};

  constructor(board: SimBoard, onJump: (target: JumpTarget) => void) {
    this.model = new SdpRomModel(board, {
      hab: (word) => this.transmit(Uint8Array.of(word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff)),
      data: (bytes) => this.transmit(bytes.slice()),
    }, { onJump });
  }

  onBytes(bytes: Uint8Array, transmit: (bytes: Uint8Array) => void): void {
    this.transmit = transmit;
    let rest = bytes;
    while (rest.length > 0) {
      if (this.model.expectedDataBytes > 0) {
        rest = rest.subarray(this.model.data(rest));
        continue;
      }
      const need = 16 - this.buffer.length;
      const take = rest.subarray(0, need);
      const next = new Uint8Array(this.buffer.length + take.length);
      next.set(this.buffer);
      next.set(take, this.buffer.length);
      this.buffer = next;
      rest = rest.subarray(take.length);
      if (this.buffer.length === 16) {
        const command = this.buffer;
        this.buffer = new Uint8Array(0);
        this.model.command(command);
      }
    }
  }
}
