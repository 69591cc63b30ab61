import { ImxflashError, type HidLink } from '@imxflash/core';
import { badRequest } from '../dap/dap-response.js';
import { newTransportStats, type DapTransport } from './dap-transport.js';

/**
 * CMSIS-DAP v1 over HID (research/cmsisdap.md §1.6): every command goes out as a full-size
 * report padded with zeros, behind a 0x00 report-id byte (always, not only on Windows: on Linux
 * hidraw strips a leading 0x00, which would eat DAP_Info's id). Responses are full reports.
 */
export class HidDapTransport implements DapTransport {
  readonly version = 'v1' as const;
  readonly stats = newTransportStats();

  constructor(
    private readonly link: HidLink,
    /** The HID report size (64 at full speed); DAP_Info 0xFF may confirm it. */
    public packetSize: number,
  ) {}

  async send(command: Uint8Array): Promise<void> {
    if (command.length > this.packetSize) throw badRequest(`a ${command.length}-byte command exceeds the ${this.packetSize}-byte report`);
    const report = new Uint8Array(1 + this.packetSize);
    report.set(command, 1);
    await this.link.write(report);
    this.stats.packetsOut += 1;
    this.stats.bytesOut += report.length - 1;
  }

  async receive(timeoutMs: number): Promise<Uint8Array> {
    const report = await this.link.read(timeoutMs);
    this.stats.packetsIn += 1;
    this.stats.bytesIn += report.length;
    return report;
  }

  async drain(): Promise<void> {
    for (let i = 0; i < 64; i++) {
      try {
        await this.link.read(1);
      } catch (e) {
        if (e instanceof ImxflashError && e.code === 'TRANSPORT_TIMEOUT') return;
        throw e;
      }
    }
  }

  async close(): Promise<void> {
    await this.link.close();
  }
}
