import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareJlinkVersions, formatJlinkVersion, jlinkFolderName, parseJlinkVersion, tryParseJlinkVersion, versionFromFolderName, versionKey,
} from './jlink-version.js';

describe('J-Link versions', () => {
  it('orders 6.82d < 6.86 < 6.86a < 7.70c < 7.70d < 7.94e < 8.12b', () => {
    const ordered = ['6.82d', '6.86', '6.86a', '7.70c', '7.70d', '7.94e', '8.12b'];
    const shuffled = ['7.94e', '6.86a', '8.12b', '6.82d', '7.70d', '6.86', '7.70c'];
    expect(shuffled.map(parseJlinkVersion).sort(compareJlinkVersions).map(formatJlinkVersion)).toEqual(ordered.map((v) => `V${v}`));
  });
  it('parses the spellings in banners, folders and options', () => {
    expect(parseJlinkVersion('V6.82d')).toEqual({ major: 6, minor: 82, letter: 'd' });
    expect(parseJlinkVersion('v7.70D')).toEqual({ major: 7, minor: 70, letter: 'd' });
    expect(parseJlinkVersion('7.94')).toEqual({ major: 7, minor: 94, letter: '' });
    expect(versionFromFolderName('JLink_V682d')).toEqual({ major: 6, minor: 82, letter: 'd' });
    expect(versionFromFolderName('JLink_V794')).toEqual({ major: 7, minor: 94, letter: '' });
    expect(versionFromFolderName('JLink')).toBeUndefined();
    expect(jlinkFolderName(parseJlinkVersion('6.62a'))).toBe('JLink_V662a');
    expect(versionKey(parseJlinkVersion('6.62d'))).toBe(66204); // the SONAME libjlinkarm.so.6.62.4 encoding
  });
  it('refuses non-versions with JLINK_VERSION_INVALID', () => {
    for (const bad of ['', '6', '6.82dd', 'latest', '6..82', '6.82-d']) {
      expect(() => parseJlinkVersion(bad)).toThrow(expect.objectContaining({ code: 'JLINK_VERSION_INVALID' }));
    }
  });
  it('round-trips format → parse and keeps key order equal to compare order', () => {
    const version = fc.record({ major: fc.integer({ min: 1, max: 9 }), minor: fc.integer({ min: 0, max: 99 }), letter: fc.constantFrom('', 'a', 'd', 'z') });
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(parseJlinkVersion(formatJlinkVersion(a))).toEqual(a);
        expect(versionFromFolderName(jlinkFolderName(a))).toEqual(a);
        expect(Math.sign(compareJlinkVersions(a, b))).toBe(Math.sign(versionKey(a) - versionKey(b)));
      }),
    );
    expect(tryParseJlinkVersion('nonsense')).toBeUndefined();
  });
});
