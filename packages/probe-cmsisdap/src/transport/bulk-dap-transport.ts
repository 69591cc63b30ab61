import { ImxflashError, type UsbLink } from '@imxflash/core';
import { badRequest } from '../dap/dap-response.js';
import { newTransportStats, type DapTransport } from './dap-transport.js';

/**
 * CMSIS-DAP v2 over USB bulk (research/cmsisdap.md §1.6): commands go out with only their own
 * bytes; a command that is a whole multiple of the endpoint's max packet but shorter than the
 * DAP packet size is followed by a zero-length packet (pyOCD), so the probe sees it end.
 */
export class BulkDapTransport implements DapTransport {
  readonly version = 'v2' as const;
  readonly stats = newTransportStats();

  constructor(
    private readonly link: UsbLink,
    private readonly endpointOut: number,
    private readonly endpointIn: number,
    /** wMaxPacketSize of the OUT endpoint (512 at high speed, 64 at full speed). */
    private readonly maxPacket: number,
    public packetSize: number,
  ) {}

  async send(command: Uint8Array): Promise<void> {
    if (command.length > this.packetSize) throw badRequest(`a ${command.length}-byte command exceeds the ${this.packetSize}-byte DAP packet`);
    await this.link.transferOut(this.endpointOut, command, 1000);
    if (command.length % this.maxPacket === 0 && command.length < this.packetSize) await this.link.transferOut(this.endpointOut, new Uint8Array(0), 1000);
    this.stats.packetsOut += 1;
    this.stats.bytesOut += command.length;
  }

  async receive(timeoutMs: number): Promise<Uint8Array> {
    const data = await this.link.transferIn(this.endpointIn, this.packetSize, timeoutMs);
    this.stats.packetsIn += 1;
    this.stats.bytesIn += data.length;
    return data;
  }

  async drain(): Promise<void> {
    for (let i = 0; i < 64; i++) {
      try {
        await this.link.transferIn(this.endpointIn, this.packetSize, 1);
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
