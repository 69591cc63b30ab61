import { describe, expect, it } from 'vitest';
import { parseMem32Reads } from './parse-mem32.js';

describe('parseMem32Reads', () => {
  it('takes each read from the line with its address, among echoes, register dumps and other chatter', () => {
    const out = [
      'J-Link>h',
      'PC = 00200000, CycleCnt = 00000000',
      'R0 = 00000000, R1 = 00000000, R2 = 00000000, R3 = 00000000',
      'J-Link>w4 0x402A8000, 0xFFFF8002',
      'Writing FFFF8002 -> 402A8000',
      'J-Link>mem32 0x400FC080, 1',
      '400FC080 = FFFFFFFF ',
      'J-Link>Sleep 1',
      'Sleep(1)',
      'J-Link>mem32 0x402A8014, 1',
      '402a8014 = 0x00000001',
      'J-Link>mem32 0x402A8100, 1',
      '0x402A8100 =   4E 00000000',
      '402A8100 = 0000004E 00000000',
    ].join('\r\n');
    const words = parseMem32Reads(out, [
      { index: 3, address: 0x400f_c080 },
      { index: 7, address: 0x402a_8014 },
      { index: 8, address: 0x402a_8100 },
    ]);
    // The malformed '=   4E' line (not 8 digits) is skipped; the next line with the address counts.
    expect([...words]).toEqual([
      [3, 0xffff_ffff],
      [7, 1],
      [8, 0x4e],
    ]);
  });
  it('the same address read twice gives the two lines in order', () => {
    const out = 'J-Link>mem32 0x402A8014, 1\n402A8014 = 00000000\nJ-Link>mem32 0x402A8014, 1\n402A8014 = 00000001\n';
    expect([...parseMem32Reads(out, [{ index: 0, address: 0x402a_8014 }, { index: 2, address: 0x402a_8014 }])]).toEqual([
      [0, 0],
      [2, 1],
    ]);
  });
  it('a read with no line for its address is JLINK_READ_FAILED with a hint, naming the address', () => {
    const out = 'J-Link>mem32 0x402A8014, 1\nCould not read memory.\n402A8018 = 00000000\n';
    expect(() => parseMem32Reads(out, [{ index: 0, address: 0x402a_8014 }])).toThrow(
      expect.objectContaining({ code: 'JLINK_READ_FAILED', message: expect.stringContaining('0x402A8014'), hint: expect.stringMatching(/\S/) }),
    );
  });
  it('a line used by one read is not used again by the next', () => {
    expect(() => parseMem32Reads('402A8014 = 00000000\n', [{ index: 0, address: 0x402a_8014 }, { index: 1, address: 0x402a_8014 }])).toThrow(
      expect.objectContaining({ code: 'JLINK_READ_FAILED' }),
    );
  });
});
