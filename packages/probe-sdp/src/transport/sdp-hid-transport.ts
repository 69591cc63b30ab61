import type { HidLink } from '@imxflash/core';
import { commandReport, dataReports, parseInputReport, SDP_REPORT } from '../sdp/sdp-hid-reports.js';
import { readWordBe } from '../sdp/sdp-response.js';
import type { SdpTransport } from './sdp-transport.js';

/** SDP over USB HID (research/spsdk.md §1.4): reports 1/2 out, 3/4 in. */
export class SdpHidTransport implements SdpTransport {
  readonly link = 'usb';

  constructor(
    private readonly hid: HidLink,
    readonly path: string,
  ) {}

  async sendCommand(command: Uint8Array): Promise<void> {
    await this.hid.write(commandReport(command));
  }

  async sendData(data: Uint8Array, onChunk?: (doneBytes: number) => void): Promise<void> {
    let done = 0;
    for (const report of dataReports(data)) {
      await this.hid.write(report);
      done += report.length - 1;
      onChunk?.(done);
    }
  }

  async readHab(timeoutMs: number): Promise<number> {
    for (;;) {
      const { id, payload } = parseInputReport(await this.hid.read(timeoutMs));
      // A stale report 4 (an earlier failure word) may precede the HAB report: skip it.
      if (id === SDP_REPORT.HAB) return readWordBe(payload, 0, 'HAB status');
    }
  }

  async readData(bytes: number, timeoutMs: number): Promise<Uint8Array> {
    const out = new Uint8Array(bytes);
    let got = 0;
    while (got < bytes) {
      const { id, payload } = parseInputReport(await this.hid.read(timeoutMs));
      if (id !== SDP_REPORT.STATUS) continue;
      const n = Math.min(bytes - got, payload.length);
      out.set(payload.subarray(0, n), got);
      got += n;
    }
    return out;
  }

  async close(): Promise<void> {
    await this.hid.close();
  }
}
