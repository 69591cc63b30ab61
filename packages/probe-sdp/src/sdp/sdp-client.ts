import { ImxflashError, type Clock } from '@imxflash/core';
import type { SdpTransport } from '../transport/sdp-transport.js';
import {
  dcdWrite, encodeSdpCommand, errorStatus, jumpAddress, readRegister, skipDcdHeader, writeFile, writeRegister, type SdpCommand, type SdpRegisterFormat,
} from './sdp-command.js';
import { decodeHabStatus, expectCompletion, readWordBe, SDP_COMPLETE, sdpStatusName, type HabState } from './sdp-response.js';

export interface SdpClientOptions {
  /** Wait for each reply word (default 1000 ms of Clock time). */
  replyTimeoutMs?: number;
  /** After JUMP_ADDRESS: how long a failure report may take before silence counts as success (default 500 ms). */
  jumpFailureWindowMs?: number;
  /** Link time per data byte, added to timeouts of data transfers (UART: 10 bits / baud). Default 0. */
  msPerByte?: number;
}

/**
 * The ROM serial downloader's commands over one transport (research/spsdk.md §1.2–§1.4 reply
 * sequences). Every reply starts with the HAB word, which is remembered in {@link hab}.
 */
export class SdpClient {
  /** HAB state from the latest reply; undefined before the first. */
  hab: HabState | undefined;
  private readonly replyTimeoutMs: number;
  private readonly jumpWindowMs: number;
  private readonly msPerByte: number;

  constructor(
    readonly transport: SdpTransport,
    private readonly clock: Clock,
    options: SdpClientOptions = {},
  ) {
    this.replyTimeoutMs = options.replyTimeoutMs ?? 1000;
    this.jumpWindowMs = options.jumpFailureWindowMs ?? 500;
    this.msPerByte = options.msPerByte ?? 0;
  }

  /** ERROR_STATUS: the ROM's status word (0xF0F0F0F0 = HAB success); also a "ping". */
  async errorStatus(): Promise<number> {
    await this.send(errorStatus());
    return readWordBe(await this.transport.readData(4, this.replyTimeoutMs), 0, 'ERROR_STATUS reply');
  }

  /** READ_REGISTER: `count` bytes from `address` in accesses of `format` bits. */
  async readRegister(address: number, count: number, format: SdpRegisterFormat = 32): Promise<Uint8Array> {
    await this.send(readRegister(address, format, count));
    return this.transport.readData(count, this.replyTimeoutMs + count * this.msPerByte);
  }

  /** One 32-bit register, little-endian as the core reads it. */
  async readWord(address: number): Promise<number> {
    const b = await this.readRegister(address, 4, 32);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  async writeRegister(address: number, value: number, format: SdpRegisterFormat = 32): Promise<void> {
    await this.send(writeRegister(address, format, value));
    expectCompletion(await this.word('WRITE_REGISTER'), SDP_COMPLETE.WRITE_REGISTER, 'WRITE_REGISTER');
  }

  /** WRITE_FILE: `data` to RAM at `address`; `onProgress` gets bytes sent. */
  async writeFile(address: number, data: Uint8Array, onProgress?: (doneBytes: number) => void): Promise<void> {
    await this.transport.sendCommand(encodeSdpCommand(writeFile(address, data.length)));
    await this.transport.sendData(data, onProgress);
    await this.readHab(data.length);
    expectCompletion(await this.word('WRITE_FILE', data.length), SDP_COMPLETE.WRITE_FILE, 'WRITE_FILE');
  }

  /** DCD_WRITE: the ROM runs the DCD's commands (clocks, SDRAM) staged at `address`. */
  async dcdWrite(address: number, dcd: Uint8Array): Promise<void> {
    await this.transport.sendCommand(encodeSdpCommand(dcdWrite(address, dcd.length)));
    await this.transport.sendData(dcd);
    await this.readHab(dcd.length);
    expectCompletion(await this.word('DCD_WRITE', dcd.length), SDP_COMPLETE.WRITE_REGISTER, 'DCD_WRITE');
  }

  /** SKIP_DCD_HEADER (SPSDK only; RT support UNVERIFIED, research §1.2). */
  async skipDcdHeader(): Promise<void> {
    await this.send(skipDcdHeader());
    expectCompletion(await this.word('SKIP_DCD_HEADER'), SDP_COMPLETE.SKIP_DCD_HEADER, 'SKIP_DCD_HEADER');
  }

  /**
   * JUMP_ADDRESS to the IVT at `ivtAddress` (research §1.4, §1.7): the HAB word, then a report 4
   * only on failure; silence (or the device vanishing to re-enumerate) means the jump happened.
   * Failure: SDP_HAB_LOCKED when HAB is closed (unsigned image), SDP_JUMP_FAILED otherwise.
   */
  async jump(ivtAddress: number): Promise<void> {
    await this.send(jumpAddress(ivtAddress));
    let word: number;
    try {
      word = readWordBe(await this.transport.readData(4, this.jumpWindowMs), 0, 'JUMP_ADDRESS failure word');
    } catch (e) {
      if (e instanceof ImxflashError && (e.code === 'TRANSPORT_TIMEOUT' || e.code === 'TRANSPORT_DISCONNECTED')) return;
      throw e;
    }
    const at = `0x${ivtAddress.toString(16).padStart(8, '0')}`;
    if (this.hab === 'closed') {
      throw new ImxflashError('SDP_HAB_LOCKED', `the ROM refused to jump to the IVT at ${at}: HAB is closed (${sdpStatusName(word)})`, {
        hint: 'This part only runs signed images. Use a flashloader signed with the part\'s keys (SPSDK nxpimage hab), or a part with HAB open.',
        details: { ivtAddress, word },
      });
    }
    throw new ImxflashError('SDP_JUMP_FAILED', `the ROM refused to jump to the IVT at ${at} (${sdpStatusName(word)})`, {
      hint: 'The address must hold a valid IVT (tag 0xD1, self = that address): load the file where its IVT says (IVT.self − IVT offset) and jump to IVT.self.',
      details: { ivtAddress, word },
    });
  }

  private async send(command: SdpCommand): Promise<void> {
    await this.transport.sendCommand(encodeSdpCommand(command));
    await this.readHab(0);
  }

  private async readHab(dataBytes: number): Promise<void> {
    this.hab = decodeHabStatus(await this.transport.readHab(this.replyTimeoutMs + dataBytes * this.msPerByte));
  }

  private async word(what: string, dataBytes = 0): Promise<number> {
    return readWordBe(await this.transport.readData(4, this.replyTimeoutMs + dataBytes * this.msPerByte), 0, `${what} reply`);
  }

  /** The Clock the client waits on (exposed for callers that poll). */
  get time(): Clock {
    return this.clock;
  }
}
