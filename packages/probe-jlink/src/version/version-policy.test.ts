import { describe, expect, it } from 'vitest';
import type { JlinkInstallation } from '../discovery/jlink-installation.js';
import { jv } from './jlink-version.js';
import { selectJlinkInstallation } from './version-policy.js';

const install = (v: string): JlinkInstallation => ({
  dir: `/opt/SEGGER/JLink_V${v.replace('.', '')}`,
  exe: `/opt/SEGGER/JLink_V${v.replace('.', '')}/JLinkExe`,
  version: jv(v),
  versionSource: 'banner',
  foundBy: 'default-folder',
});
const v682d = install('6.82d');
const v794e = install('7.94e');
const v662a = install('6.62a');
const target = { context: { family: 'rt105x', flash: 'spi-nor' } as const, targetText: 'RT1052 with QSPI flash' };

describe('selectJlinkInstallation', () => {
  it('prefers the newest installation when nothing is pinned', () => {
    expect(selectJlinkInstallation([v682d, v794e, v662a], { policy: 'strict', ...target }).installation).toBe(v794e);
  });
  it('auto: a pinned V6.82d is replaced by the newest clean version, with a notice', () => {
    const s = selectJlinkInstallation([v682d, v662a, v794e], { policy: 'auto', pin: jv('6.82d'), ...target });
    expect(s.installation).toBe(v794e);
    expect(s.notices[0]).toMatchObject({ code: 'jlink-version-switched', text: expect.stringContaining('using V7.94e') });
  });
  it('strict: refuses V6.82d with the RT105x QSPI explanation and names the alternatives', () => {
    let caught: unknown;
    try {
      selectJlinkInstallation([v682d, v794e], { policy: 'strict', pin: jv('6.82d'), ...target });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({
      code: 'JLINK_KNOWN_ISSUE',
      message: expect.stringContaining('Writing target memory failed.'),
      hint: expect.stringContaining('V6.82 to V6.84b (fixed in V6.86)'),
      details: { version: 'V6.82d', alternatives: ['V7.94e'] },
    });
    expect((caught as { hint: string }).hint).toContain('--probe sdp');
  });
  it('auto with only affected installs stops like strict', () => {
    expect(() => selectJlinkInstallation([v682d], { policy: 'auto', ...target })).toThrow(
      expect.objectContaining({ code: 'JLINK_KNOWN_ISSUE', hint: expect.stringContaining('No installed version avoids it') }),
    );
  });
  it('warn: goes ahead with V6.82d and says why it may fail', () => {
    const s = selectJlinkInstallation([v682d], { policy: 'warn', ...target });
    expect(s.installation).toBe(v682d);
    expect(s.notices.map((n) => n.code)).toEqual(['jlink-known-issue:rt105x-qspi-4byte-loader']);
  });
  it('a pin that is not installed and an empty list are JLINK_NOT_INSTALLED', () => {
    expect(() => selectJlinkInstallation([v794e], { policy: 'auto', pin: jv('6.62a'), ...target })).toThrow(
      expect.objectContaining({ code: 'JLINK_NOT_INSTALLED', hint: expect.stringContaining('V7.94e') }),
    );
    expect(() => selectJlinkInstallation([], { policy: 'auto', ...target })).toThrow(expect.objectContaining({ code: 'JLINK_NOT_INSTALLED' }));
  });
});
