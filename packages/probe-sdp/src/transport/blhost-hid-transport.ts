import { ImxflashError, type HidLink } from '@imxflash/core';
import { BLHOST_REPORT, decodeHidReport, encodeHidReport } from '../blhost/hid-framing.js';
import type { BlhostTransport } from './blhost-transport.js';

/** blhost over USB HID (research/spsdk.md §2.2): reports 1/2 out, 3/4 in, 4-byte header, no CRC. */
export class BlhostHidTransport implements BlhostTransport {
  readonly link = 'usb';
  /** A response that arrived while data was expected (the device aborted). */
  private pendingResponse: Uint8Array | undefined;

  constructor(
    private readonly hid: HidLink,
    readonly path: string,
  ) {}

  async sendCommand(packet: Uint8Array): Promise<void> {
    this.pendingResponse = undefined;
    await this.hid.write(encodeHidReport(BLHOST_REPORT.COMMAND_OUT, packet));
  }

  async readResponse(timeoutMs: number): Promise<Uint8Array> {
    if (this.pendingResponse !== undefined) {
      const r = this.pendingResponse;
      this.pendingResponse = undefined;
      return r;
    }
    for (;;) {
      const { id, payload } = decodeHidReport(await this.hid.read(timeoutMs));
      if (id === BLHOST_REPORT.COMMAND_IN) return payload;
      if (id !== BLHOST_REPORT.DATA_IN) throw unexpected(id);
      // A stray data report from an earlier, abandoned phase: skip it.
    }
  }

  async sendData(payload: Uint8Array): Promise<'ok' | 'aborted'> {
    await this.hid.write(encodeHidReport(BLHOST_REPORT.DATA_OUT, payload));
    return 'ok';
  }

  async readData(timeoutMs: number): Promise<Uint8Array | 'aborted'> {
    const { id, payload } = decodeHidReport(await this.hid.read(timeoutMs));
    if (id === BLHOST_REPORT.DATA_IN) return payload.length === 0 ? 'aborted' : payload;
    if (id === BLHOST_REPORT.COMMAND_IN) {
      this.pendingResponse = payload;
      return 'aborted';
    }
    throw unexpected(id);
  }

  async close(): Promise<void> {
    await this.hid.close();
  }
}

function unexpected(id: number): ImxflashError {
  return new ImxflashError('BLHOST_FRAME_INVALID', `blhost HID: unexpected input report id ${id}`, {
    hint: 'Something other than the flashloader answered; check which device is selected.',
    details: { id },
  });
}
