import { describe, expect, it } from 'vitest';
import { createFlexspiRig } from './testing/flexspi-rig.js';
import { QSPI_SEQ } from './testing/qspi-test-lut.js';
import { ipCommand } from './testing/raw-flexspi.js';
import { ScriptedFlashDevice } from './testing/scripted-flash-device.js';

const FLASH_BYTES = 8 << 20;
const PAGE = 256;

/** Erase + program the whole 8 MiB through raw register accesses, as a host tool over SWD would. */
function programAll(image: Uint8Array, watermarkBytes: number): { flash: ScriptedFlashDevice; modelledMs: number } {
  const flash = new ScriptedFlashDevice({ record: false, sizeBytes: FLASH_BYTES });
  flash.memory.fill(0);
  const { bus, base, clock } = createFlexspiRig({ flash });
  ipCommand(bus, base, { seqId: QSPI_SEQ.WRITE_ENABLE, address: 0 });
  ipCommand(bus, base, { seqId: QSPI_SEQ.CHIP_ERASE, address: 0 });
  for (let addr = 0; addr < FLASH_BYTES; addr += PAGE) {
    ipCommand(bus, base, { seqId: QSPI_SEQ.WRITE_ENABLE, address: addr });
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.PAGE_PROGRAM, address: addr, tx: image.subarray(addr, addr + PAGE), watermarkBytes });
    if (r.status !== 'done') throw new Error(`page 0x${addr.toString(16)}: ${r.status}`);
    ipCommand(bus, base, { seqId: QSPI_SEQ.READ_STATUS, address: 0, rxBytes: 1 });
  }
  return { flash, modelledMs: clock.now() };
}

// Wall speed (the ≥ 20 MiB/s goal) is measured by tools/bench, not asserted here.
describe('FlexSPI model, whole-chip program', () => {
  it('erases and programs 8 MiB through raw register writes, and models the serial time', () => {
    const image = new Uint8Array(FLASH_BYTES);
    for (let i = 0; i < image.length; i++) image[i] = Math.imul(i, 0x9e3779b1) >>> 24;
    const { flash, modelledMs } = programAll(image, 128);
    expect(Buffer.compare(flash.memory, image)).toBe(0); // toEqual on 8 MiB takes minutes
    // Modelled serial time at 30 MHz, 1 pad: ≥ 8 MiB × 8 bits / 30 MHz ≈ 2.24 s.
    expect(modelledMs).toBeGreaterThan(2236);
  }, 60_000);
});
