import { describe, expect, it } from 'vitest';
import { parseEmulatorList } from './emulator-list.js';

describe('parseEmulatorList', () => {
  it('reads ShowEmuList lines (UNVERIFIED format, see emulator-list.ts)', () => {
    const out = 'J-Link[0]: Connection: USB, Serial number: 600112345, ProductName: J-Link V11\nJ-Link[1]: Connection: USB, Serial number: 621000000, ProductName: J-Link OpenSDA 2\n';
    expect(parseEmulatorList(out)).toEqual([
      { serial: '600112345', connection: 'USB', product: 'J-Link V11' },
      { serial: '621000000', connection: 'USB', product: 'J-Link OpenSDA 2' },
    ]);
  });
  it('falls back to the connection banner S/N (research/jlink.md T-5)', () => {
    const out = 'Connecting to J-Link via USB...O.K.\nFirmware: J-Link OpenSDA 2 compiled May 27 2019 11:01:03\nHardware version: V1.00\nS/N: 621000000\nVTref=3.300V\n';
    expect(parseEmulatorList(out)).toEqual([{ serial: '621000000', product: 'J-Link OpenSDA 2' }]);
    expect(parseEmulatorList('Connecting to J-Link via USB...FAILED: Cannot connect to J-Link.\n')).toEqual([]);
  });
});
