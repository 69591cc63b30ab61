import { describe, expect, it } from 'vitest';
import { parseJlinkBanner } from './banner.js';

describe('parseJlinkBanner', () => {
  it('reads the V6.46g banner (research/jlink.md T-4)', () => {
    const out = 'SEGGER J-Link Commander V6.46g (Compiled Jun 14 2019 19:36:40)\nDLL version V6.46g, compiled Jun 14 2019 19:36:30\n\n';
    expect(parseJlinkBanner(out)).toEqual({
      version: { major: 6, minor: 46, letter: 'g' },
      compiled: 'Jun 14 2019 19:36:40',
      dllVersion: { major: 6, minor: 46, letter: 'g' },
    });
  });
  it('reads banners after other output and with CRLF (T-15, T-17)', () => {
    expect(parseJlinkBanner('### Resetting Target ###\r\nSEGGER J-Link Commander V6.42d (Compiled Feb 15 2019 13:56:53)\r\n')?.version).toEqual({
      major: 6, minor: 42, letter: 'd',
    });
    expect(parseJlinkBanner('$ JLinkExe\nSEGGER J-Link Commander V8.12b (Compiled Jan 15 2025 13:47:46)\nDLL version V7.94e, compiled Jan 15 2025\n')).toMatchObject({
      version: { major: 8, minor: 12, letter: 'b' },
      dllVersion: { major: 7, minor: 94, letter: 'e' },
    });
  });
  it('returns undefined without a banner', () => {
    expect(parseJlinkBanner('jlink: Java linker')).toBeUndefined();
    expect(parseJlinkBanner('')).toBeUndefined();
  });
});
