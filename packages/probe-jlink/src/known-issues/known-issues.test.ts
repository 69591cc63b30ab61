import { describe, expect, it } from 'vitest';
import { jv } from '../version/jlink-version.js';
import { KNOWN_JLINK_ISSUES } from './known-issues.js';
import { blockingIssues, describeIssueVersions, issueAffectsVersion, matchKnownIssues } from './match-known-issues.js';

const ids = (v: string, family: Parameters<typeof matchKnownIssues>[1]) => blockingIssues(matchKnownIssues(jv(v), family)).map((i) => i.id);
const qspi105 = { family: 'rt105x', flash: 'spi-nor' } as const;

describe('known-issue database', () => {
  it('has unique ids, valid ranges and a source for every entry', () => {
    const seen = new Set<string>();
    for (const issue of KNOWN_JLINK_ISSUES) {
      expect(seen.has(issue.id), issue.id).toBe(false);
      seen.add(issue.id);
      expect(issue.sources.length, issue.id).toBeGreaterThan(0);
      for (const v of [issue.versions.from, issue.versions.before, issue.versions.through]) if (v !== undefined) expect(() => jv(v)).not.toThrow();
    }
  });
  it('RT105x QSPI: V6.82 to V6.84b break, V6.80d and V6.86 do not (research/jlink.md §0.2)', () => {
    expect(ids('6.82', qspi105)).toEqual(['rt105x-qspi-4byte-loader']);
    expect(ids('6.82d', qspi105)).toEqual(['rt105x-qspi-4byte-loader']);
    expect(ids('6.84b', qspi105)).toEqual(['rt105x-qspi-4byte-loader']);
    expect(ids('6.80d', qspi105)).toEqual([]);
    expect(ids('6.86', qspi105)).toEqual([]);
    expect(ids('6.62a', qspi105)).toEqual([]);
    expect(ids('7.94e', qspi105)).toEqual([]);
    expect(ids('6.82d', { family: 'rt105x', flash: 'hyperflash' })).toEqual([]);
    expect(ids('6.82d', { family: 'rt106x', flash: 'spi-nor' })).toEqual([]);
    expect(ids('6.30i', qspi105)).toEqual(['rt105x-no-flash-support']);
  });
  it('RT106x default loader 7.70d–7.82c is avoided by the loader suffix, not blocking', () => {
    const rt106 = { family: 'rt106x', flash: 'spi-nor' } as const;
    expect(matchKnownIssues(jv('7.70d'), rt106).map((i) => i.id)).toContain('rt106x-default-loader-hyperflash');
    expect(matchKnownIssues(jv('7.82c'), rt106).map((i) => i.id)).toContain('rt106x-default-loader-hyperflash');
    expect(matchKnownIssues(jv('7.82d'), rt106).map((i) => i.id)).not.toContain('rt106x-default-loader-hyperflash');
    expect(matchKnownIssues(jv('7.70c'), rt106).map((i) => i.id)).not.toContain('rt106x-default-loader-hyperflash');
    expect(ids('7.80a', rt106)).toEqual([]);
  });
  it('RT117x: 7.88l–7.94c and 7.86–7.86d break', () => {
    const rt117 = { family: 'rt117x', flash: 'spi-nor' } as const;
    expect(ids('7.88l', rt117)).toEqual(['rt117x-flash-7-88l']);
    expect(ids('7.94c', rt117)).toEqual(['rt117x-flash-7-88l']);
    expect(ids('7.94d', rt117)).toEqual([]);
    expect(ids('7.88k', rt117)).toEqual([]);
    expect(ids('7.86d', rt117)).toEqual(['rt117x-flexspi-7-86']);
    expect(ids('7.86e', rt117)).toEqual([]);
  });
  it('command-file parser bugs match their ranges', () => {
    const has = (v: string, id: string) => matchKnownIssues(jv(v)).some((i) => i.id === id);
    expect(has('7.88l', 'command-file-comment-lines')).toBe(true);
    expect(has('7.89', 'command-file-comment-lines')).toBe(true);
    expect(has('7.90', 'command-file-comment-lines')).toBe(false);
    expect(has('7.88l', 'command-file-command-strings')).toBe(true);
    expect(has('7.88m', 'command-file-command-strings')).toBe(false);
    expect(has('7.92e', 'command-file-cr-line-breaks')).toBe(true);
    expect(has('7.92f', 'command-file-cr-line-breaks')).toBe(false);
    expect(has('6.18a', 'exitonerror-linux-arm')).toBe(true);
    expect(has('8.10', 'exit-code-0-without-exitonerror')).toBe(true);
  });
  it('describes ranges for people', () => {
    expect(describeIssueVersions({ from: '6.82', before: '6.86', through: '6.84b' })).toBe('V6.82 to V6.84b (fixed in V6.86)');
    expect(describeIssueVersions({ before: '7.92f' })).toBe('before V7.92f');
    expect(describeIssueVersions({ from: '7.70' })).toBe('V7.70 and later');
    expect(describeIssueVersions({})).toBe('all versions');
    expect(issueAffectsVersion({ from: '7.50', through: '7.54b' }, jv('7.54c'))).toBe(false);
  });
});
