import { describe, expect, it } from 'vitest';
import { parseAddress, parseChoice } from './parse-address.js';

describe('parseAddress', () => {
  it.each([
    ['0x60000000', 0x6000_0000],
    ['0XFFFFFFFF', 0xffff_ffff],
    ['4096', 4096],
    ['64K', 0x1_0000],
    ['8MiB', 0x80_0000],
  ])('%s → %d', (text, n) => expect(parseAddress(text, '--address')).toBe(n));

  it.each(['0x100000000', '-1', 'sixty', '0x', '1.5', ''])('rejects %j with CONFIG_BAD_ADDRESS', (text) => {
    expect(() => parseAddress(text, '--address')).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_ADDRESS' }));
  });
});

describe('parseChoice', () => {
  it('accepts any case and names the choices when wrong', () => {
    expect(parseChoice('XIP', '--mode', ['auto', 'xip'] as const)).toBe('xip');
    expect(() => parseChoice('rom', '--mode', ['auto', 'xip'] as const)).toThrowError(/auto, xip/);
  });
});
