import { ImxflashError } from '@imxflash/core';
import {
  encodeFrame, FRAME_TYPE, syncPacket, UartPacketParser, type PingResponse, type UartPacket,
} from '../blhost/uart-framing.js';
import type { SerialReader } from './serial-reader.js';
import type { BlhostTransport } from './blhost-transport.js';

/** Resends of one packet after a NAK, and NAKs sent for one damaged packet, before giving up. */
const MAX_RETRIES = 3;

/** blhost over a UART (research/spsdk.md §2.1): framed packets with CRC16, each ACKed. */
export class BlhostUartTransport implements BlhostTransport {
  readonly link = 'serial';
  private readonly parser = new UartPacketParser();
  private pendingResponse: Uint8Array | undefined;

  constructor(private readonly reader: SerialReader) {}

  get path(): string {
    return this.reader.path;
  }

  /** PING → ping response (the flashloader's protocol version); also syncs the auto-baud. */
  async ping(timeoutMs: number): Promise<PingResponse> {
    this.parser.clear();
    await this.reader.write(syncPacket(FRAME_TYPE.PING));
    for (;;) {
      const p = await this.next(timeoutMs);
      if (p.kind === 'ping-response') return p.response;
    }
  }

  async sendCommand(packet: Uint8Array, timeoutMs: number): Promise<void> {
    this.pendingResponse = undefined;
    const result = await this.sendFramed(FRAME_TYPE.COMMAND, packet, timeoutMs);
    if (result === 'aborted') {
      throw new ImxflashError('BLHOST_DATA_ABORTED', `${this.path}: the flashloader answered a command with ACK_ABORT`, {
        hint: 'Reset the board and run the command again.',
      });
    }
  }

  async readResponse(timeoutMs: number): Promise<Uint8Array> {
    if (this.pendingResponse !== undefined) {
      const r = this.pendingResponse;
      this.pendingResponse = undefined;
      return r;
    }
    for (;;) {
      const p = await this.nextFramed(timeoutMs);
      if (p.type === FRAME_TYPE.COMMAND) return p.payload;
      // A repeated DATA frame (our ACK was lost): it was ACKed again by nextFramed; skip it.
    }
  }

  async sendData(payload: Uint8Array, timeoutMs: number): Promise<'ok' | 'aborted'> {
    return this.sendFramed(FRAME_TYPE.DATA, payload, timeoutMs);
  }

  async readData(timeoutMs: number): Promise<Uint8Array | 'aborted'> {
    const p = await this.nextFramed(timeoutMs);
    if (p.type === FRAME_TYPE.COMMAND) {
      this.pendingResponse = p.payload;
      return 'aborted';
    }
    return p.payload.length === 0 ? 'aborted' : p.payload;
  }

  async close(): Promise<void> {
    // The SerialLink belongs to the session.
  }

  /** Writes a frame and waits for ACK; NAK → resend (≤ MAX_RETRIES); ACK_ABORT → 'aborted'. */
  private async sendFramed(type: typeof FRAME_TYPE.COMMAND | typeof FRAME_TYPE.DATA, payload: Uint8Array, timeoutMs: number): Promise<'ok' | 'aborted'> {
    const frame = encodeFrame(type, payload);
    for (let attempt = 0; ; attempt++) {
      await this.reader.write(frame);
      for (;;) {
        const p = await this.next(timeoutMs);
        if (p.kind !== 'sync') continue; // a stale frame: ignore it while waiting for the ACK
        if (p.type === FRAME_TYPE.ACK) return 'ok';
        if (p.type === FRAME_TYPE.ACK_ABORT) return 'aborted';
        if (p.type === FRAME_TYPE.NAK) break;
      }
      if (attempt >= MAX_RETRIES) {
        throw new ImxflashError('BLHOST_NAK', `${this.path}: the flashloader NAKed a ${payload.length}-byte packet ${attempt + 1} times`, {
          hint: 'The line is noisy or the baud rate is off: use a shorter cable, a lower speed, or USB.',
          details: { attempts: attempt + 1 },
        });
      }
    }
  }

  /** The next framed packet, CRC-checked, ACKed; a damaged one is NAKed (the device resends). */
  private async nextFramed(timeoutMs: number): Promise<{ type: number; payload: Uint8Array }> {
    let naks = 0;
    for (;;) {
      let p: UartPacket;
      try {
        p = await this.next(timeoutMs);
      } catch (e) {
        if (!(e instanceof ImxflashError && e.code === 'BLHOST_FRAME_INVALID') || naks >= MAX_RETRIES) throw e;
        naks += 1;
        this.parser.clear();
        await this.reader.write(syncPacket(FRAME_TYPE.NAK));
        continue;
      }
      if (p.kind !== 'frame') continue; // stray ACKs and ping responses
      await this.reader.write(syncPacket(FRAME_TYPE.ACK));
      return { type: p.type, payload: p.payload };
    }
  }

  private async next(timeoutMs: number): Promise<UartPacket> {
    for (;;) {
      const p = this.parser.take();
      if (p !== undefined) return p;
      this.parser.push(await this.reader.readSome(timeoutMs));
    }
  }
}
