import { ImxflashError, type Clock } from '@imxflash/core';
import type { BlhostTransport } from '../transport/blhost-transport.js';
import {
  BLHOST_COMMAND, configureMemory, decodeResponse, encodePacket, execute, fillMemory, flashEraseAll, flashEraseRegion, getProperty, readMemory, reset,
  setProperty, writeMemory, type BlhostPacket, type BlhostResponse,
} from './commands.js';
import { DEFAULT_MAX_PACKET_SIZE, PROPERTY } from './properties.js';
import { checkStatus, statusError } from './status-codes.js';

export interface BlhostClientOptions {
  /** Reply timeout of quick commands (default 2000 ms, SPSDK uses 5000 for everything). */
  commandTimeoutMs?: number;
  /** Resends of an idempotent command whose reply was lost or damaged (default 2). */
  retries?: number;
  /** Link time per data byte, added to data-phase deadlines (UART: 10 bits / baud; USB: 0). */
  msPerByte?: number;
}

/** Bytes per ReadMemory command: progress and retry granularity (SPSDK splits reads too, research §2.4). */
const READ_CHUNK_BYTES = 64 * 1024;

/**
 * MCU-bootloader commands over one transport (research/spsdk.md §2.3–§2.4). Status codes become
 * coded errors (status-codes.ts). Replies that arrive after an operation's deadline (modelled or
 * real time on the Clock) count as timeouts, so a slow erase is reported even where the link
 * delivered the answer.
 */
export class BlhostClient {
  /** Largest data packet payload; read from the device with {@link readMaxPacketSize}. */
  maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
  private readonly commandTimeoutMs: number;
  private readonly retries: number;
  private readonly msPerByte: number;

  constructor(
    readonly transport: BlhostTransport,
    private readonly clock: Clock,
    options: BlhostClientOptions = {},
  ) {
    this.commandTimeoutMs = options.commandTimeoutMs ?? 2000;
    this.retries = options.retries ?? 2;
    this.msPerByte = options.msPerByte ?? 0;
  }

  async getProperty(tag: number, memoryId = 0): Promise<number[]> {
    const r = await this.exchange(getProperty(tag, memoryId), `get-property ${tag}`, this.commandTimeoutMs, true);
    if (r.kind !== 'get-property') throw this.mismatch('get-property', r);
    checkStatus(r.status, `get-property ${tag}`, { property: tag });
    return [...r.values];
  }

  /** GetProperty(MaxPacketSize), kept for data phases; keeps the default when the device refuses. */
  async readMaxPacketSize(): Promise<number> {
    try {
      const [size] = await this.getProperty(PROPERTY.MAX_PACKET_SIZE);
      if (size !== undefined && size >= 32 && size <= 0xffff) this.maxPacketSize = size;
    } catch (e) {
      if (!(e instanceof ImxflashError) || !e.code.startsWith('BLHOST_')) throw e;
    }
    return this.maxPacketSize;
  }

  async setProperty(tag: number, value: number): Promise<void> {
    await this.generic(setProperty(tag, value), `set-property ${tag}`, this.commandTimeoutMs, true);
  }

  async fillMemory(address: number, bytes: number, pattern: number): Promise<void> {
    await this.generic(fillMemory(address, bytes, pattern), 'fill-memory', this.commandTimeoutMs, true, { address });
  }

  async configureMemory(memoryId: number, configAddress: number, timeoutMs = 10_000): Promise<void> {
    await this.generic(configureMemory(memoryId, configAddress), `configure-memory ${memoryId}`, timeoutMs, true, { memoryId, configAddress });
  }

  async eraseRegion(address: number, bytes: number, memoryId: number, timeoutMs: number): Promise<void> {
    await this.generic(flashEraseRegion(address, bytes, memoryId), 'flash-erase-region', timeoutMs, true, { address, bytes });
  }

  async eraseAll(memoryId: number, timeoutMs: number): Promise<void> {
    await this.generic(flashEraseAll(memoryId), 'flash-erase-all', timeoutMs, true, { memoryId });
  }

  /** Execute: the flashloader jumps to `address` (Thumb bit set) with `stackPointer`. */
  async execute(address: number, argument: number, stackPointer: number): Promise<void> {
    await this.generic(execute(address, argument, stackPointer), 'execute', this.commandTimeoutMs, false, { address });
  }

  /** Reset: the device may reset before answering (status 10004 is success, research §2.4). */
  async reset(): Promise<void> {
    try {
      await this.generic(reset(), 'reset', this.commandTimeoutMs, false);
    } catch (e) {
      if (e instanceof ImxflashError && ['TRANSPORT_TIMEOUT', 'TRANSPORT_DISCONNECTED', 'BLHOST_NO_RESPONSE'].includes(e.code)) return;
      throw e;
    }
  }

  /** ReadMemory in chunks; `onProgress` gets bytes read so far. */
  async readMemory(address: number, bytes: number, memoryId: number, onProgress?: (doneBytes: number) => void): Promise<Uint8Array> {
    const out = new Uint8Array(bytes);
    for (let done = 0; done < bytes; ) {
      const n = Math.min(READ_CHUNK_BYTES, bytes - done);
      const chunk = await this.withRetries('read-memory', () => this.readOnce(address + done, n, memoryId, (d) => onProgress?.(done + d)));
      out.set(chunk, done);
      done += n;
      onProgress?.(done);
    }
    return out;
  }

  /**
   * WriteMemory: command, GenericResponse, data packets of maxPacketSize, final GenericResponse
   * (research §2.4). `programTimeoutMs` bounds the final answer (the device programs while data comes).
   */
  async writeMemory(address: number, data: Uint8Array, memoryId: number, programTimeoutMs: number, onProgress?: (doneBytes: number) => void): Promise<void> {
    const what = 'write-memory';
    const details = { address, bytes: data.length };
    const start = this.clock.now();
    const first = await this.exchange(writeMemory(address, data.length, memoryId), what, this.commandTimeoutMs, false);
    this.checkGeneric(first, BLHOST_COMMAND.WRITE_MEMORY, what, details);
    let sent = 0;
    while (sent < data.length) {
      const n = Math.min(this.maxPacketSize, data.length - sent);
      if ((await this.transport.sendData(data.subarray(sent, sent + n), this.commandTimeoutMs)) === 'aborted') break;
      sent += n;
      onProgress?.(sent);
    }
    const final = decodeResponse(await this.transport.readResponse(programTimeoutMs));
    this.checkLate(start, programTimeoutMs + this.commandTimeoutMs + data.length * this.msPerByte * 1.2, what);
    this.checkGeneric(final, BLHOST_COMMAND.WRITE_MEMORY, what, details);
    if (sent < data.length) throw statusError(10002, what, { ...details, sent });
  }

  private async readOnce(address: number, bytes: number, memoryId: number, onProgress: (doneBytes: number) => void): Promise<Uint8Array> {
    const what = 'read-memory';
    const first = await this.exchange(readMemory(address, bytes, memoryId), what, this.commandTimeoutMs, false);
    if (first.kind !== 'read-memory') throw this.mismatch(what, first);
    checkStatus(first.status, what, { address, bytes });
    const out = new Uint8Array(bytes);
    let got = 0;
    while (got < first.byteCount && got < bytes) {
      const packet = await this.transport.readData(this.commandTimeoutMs);
      if (packet === 'aborted') break;
      const n = Math.min(packet.length, bytes - got);
      out.set(packet.subarray(0, n), got);
      got += n;
      onProgress(got);
    }
    const final = decodeResponse(await this.transport.readResponse(this.commandTimeoutMs));
    this.checkGeneric(final, BLHOST_COMMAND.READ_MEMORY, what, { address, bytes });
    if (got < bytes) throw statusError(10002, what, { address, bytes, got });
    return out;
  }

  private async generic(packet: BlhostPacket, what: string, timeoutMs: number, idempotent: boolean, details: Record<string, unknown> = {}): Promise<void> {
    const r = await this.exchange(packet, what, timeoutMs, idempotent);
    this.checkGeneric(r, packet.tag, what, details);
  }

  private checkGeneric(r: BlhostResponse, tag: number, what: string, details: Record<string, unknown>): void {
    if (r.kind !== 'generic' || r.commandTag !== tag) throw this.mismatch(what, r);
    checkStatus(r.status, what, details);
  }

  /** Command → its first response; resends idempotent commands whose reply was lost or damaged. */
  private async exchange(packet: BlhostPacket, what: string, timeoutMs: number, idempotent: boolean): Promise<BlhostResponse> {
    const once = async (): Promise<BlhostResponse> => {
      const start = this.clock.now();
      await this.transport.sendCommand(encodePacket(packet), this.commandTimeoutMs);
      const r = decodeResponse(await this.transport.readResponse(timeoutMs));
      this.checkLate(start, timeoutMs, what);
      return r;
    };
    return idempotent ? this.withRetries(what, once) : once();
  }

  private async withRetries<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const retriable = e instanceof ImxflashError && (e.code === 'TRANSPORT_TIMEOUT' || e.code === 'BLHOST_FRAME_INVALID');
        if (!retriable || attempt >= this.retries) throw this.noResponse(e, what);
      }
    }
  }

  /** A reply later than the deadline: the real link would have timed out. */
  private checkLate(start: number, timeoutMs: number, what: string): void {
    const took = this.clock.now() - start;
    if (took <= timeoutMs) return;
    throw new ImxflashError(what.includes('erase') ? 'FLASH_TIMEOUT' : 'TRANSPORT_TIMEOUT', `${what}: the flashloader answered after ${Math.round(took)} ms (limit ${Math.round(timeoutMs)} ms)`, {
      hint: 'The flash is slower than its datasheet maximum or the link is stalled: power-cycle the board and retry; replace the part if it repeats.',
      details: { tookMs: took, timeoutMs },
    });
  }

  private noResponse(e: unknown, what: string): unknown {
    if (!(e instanceof ImxflashError) || e.code !== 'TRANSPORT_TIMEOUT') return e;
    return new ImxflashError('BLHOST_NO_RESPONSE', `${what}: no answer from the flashloader on ${this.transport.path}`, {
      hint: 'The flashloader stopped answering (reset, cable, power). Reset the board into serial-downloader mode and run the command again.',
      cause: e,
      details: { path: this.transport.path },
    });
  }

  private mismatch(what: string, r: BlhostResponse): ImxflashError {
    return new ImxflashError('BLHOST_FRAME_INVALID', `${what}: unexpected answer ${JSON.stringify(r)}`, {
      hint: 'The flashloader\'s answers are out of step; reset the board and run the command again.',
    });
  }
}
