import { describe, expect, it } from 'vitest';
import { formatVerdict, hexAddress, hexValue } from './boot-verdict.js';

describe('formatVerdict', () => {
  const common = { modeledMs: 1, stageMs: {}, steps: [] };

  it('prints a copy, XIP, a DCD and a vector-table entry', () => {
    expect(formatVerdict({ ...common, verdict: 'booted', entry: 0x2000_2043, pc: 0x2000_2043, xip: false, imageStart: 0x2000_0000, copied: { from: 0, to: 0x2000_0000, bytes: 0x210c } }))
      .toBe('booted: copied 0x210C bytes to 0x20000000, entry 0x20002043');
    expect(formatVerdict({ ...common, verdict: 'booted', entry: 0x6000_2000, pc: 0x6000_2043, sp: 0x2002_0000, vectorTable: 0x6000_2000, xip: true, imageStart: 0x6000_0000, dcdRan: 2 }))
      .toBe('booted: ran a DCD of 2 commands, XIP from 0x60000000, entry 0x60002000 (vector table: SP 0x20020000, PC 0x60002043)');
  });

  it('prints the stage and reason of a fallback', () => {
    expect(formatVerdict({ ...common, verdict: 'serial-downloader', stage: 'flexspi-config', reason: 'x' })).toBe('serial downloader: FlexSPI config: x');
    expect(formatVerdict({ ...common, verdict: 'serial-downloader', stage: 'boot-data', reason: 'y' })).toBe('serial downloader: boot data: y');
  });
});

describe('hex helpers', () => {
  it('pads addresses to 8 digits, values not', () => {
    expect(hexAddress(0x2000)).toBe('0x00002000');
    expect(hexAddress(-1)).toBe('0xFFFFFFFF');
    expect(hexValue(0x210c)).toBe('0x210C');
  });
});
