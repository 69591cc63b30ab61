import type { FlexspiInstance } from '@imxflash/core';
import { BusFault, type BusDevice } from '../bus/bus.js';
import type { FlexspiController } from './flexspi-controller.js';

/**
 * The FlexSPI AHB (XIP) window, e.g. 0x60000000–0x7F7FFFFF on the RT1050 (research/imxrt.md
 * §1.1), as a memory-like BusDevice: reads come from the AHB RX buffers or a LUT ARDSEQID fetch
 * (see FlexspiController.ahbLine); writes run AWRSEQID (FlexspiController.ahbWrite), one sequence
 * per bus write. Offset 0 is flash address 0 (the start of port A1). Unaligned access is allowed
 * (normal memory on the Cortex-M7). With the clock gate off every access faults 'clock-gated'.
 * The ARDF/ATDF views of the IP FIFOs are not modelled (unmapped).
 */
export class FlexspiAhbWindow implements BusDevice {
  readonly name: string;
  readonly base: number;
  readonly size: number;

  constructor(
    private readonly controller: FlexspiController,
    instance: FlexspiInstance,
  ) {
    this.name = `${instance.name} AHB window`;
    this.base = instance.ahbWindow.start;
    this.size = instance.ahbWindow.end - instance.ahbWindow.start;
  }

  checkAccess(offset: number, access: 'read' | 'write'): void {
    if (!this.controller.ahbClockOn()) throw new BusFault((this.base + offset) >>> 0, access, 'clock-gated');
  }

  read32(offset: number): number {
    const line = this.controller.ahbLine(offset, (this.base + offset) >>> 0);
    const i = offset - line.base;
    const d = line.data;
    if (i + 4 <= d.length) {
      return ((d[i] as number) | ((d[i + 1] as number) << 8) | ((d[i + 2] as number) << 16) | ((d[i + 3] as number) << 24)) >>> 0;
    }
    const b = this.readBlock(offset, 4);
    return ((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24)) >>> 0;
  }

  read8(offset: number): number {
    const line = this.controller.ahbLine(offset, (this.base + offset) >>> 0);
    return line.data[offset - line.base] as number;
  }

  /** Line by line: cached lines are copied as they are (stale or not), misses are fetched. */
  readBlock(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const at = offset + done;
      const line = this.controller.ahbLine(at, (this.base + at) >>> 0);
      const from = at - line.base;
      const n = Math.min(length - done, line.data.length - from);
      out.set(line.data.subarray(from, from + n), done);
      done += n;
    }
    return out;
  }

  write32(offset: number, value: number): void {
    const v = value >>> 0;
    this.controller.ahbWrite(offset, Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24), (this.base + offset) >>> 0);
  }

  write8(offset: number, value: number): void {
    this.controller.ahbWrite(offset, Uint8Array.of(value & 0xff), (this.base + offset) >>> 0);
  }

  writeBlock(offset: number, data: Uint8Array): void {
    this.controller.ahbWrite(offset, data.slice(), (this.base + offset) >>> 0);
  }
}
