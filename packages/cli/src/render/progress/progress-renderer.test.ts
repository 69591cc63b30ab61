import type { ProgressEvent } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../io.js';
import { pickStyle } from '../style.js';
import { pickProgressRenderer } from './progress-renderer.js';

function capture(o: { isTty: boolean; json?: boolean; quiet?: boolean; verbose?: boolean; columns?: number }) {
  let stderr = '';
  let stdout = '';
  const io: Io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, isTty: o.isTty, env: { NO_COLOR: '1' }, cwd: '/', platform: 'linux', ...(o.columns ? { columns: o.columns } : {}) };
  const r = pickProgressRenderer({ io, style: pickStyle(io, false), json: o.json ?? false, quiet: o.quiet ?? false, verbose: o.verbose ?? false });
  return { r, out: () => ({ stderr, stdout }) };
}

/** An erase of 64 KiB then a program of 8 KiB, as flash() emits them (times in ms of Clock). */
const run: ProgressEvent[] = [
  { type: 'phase-start', phase: 'erase', totalBytes: 65536 },
  { type: 'phase-progress', phase: 'erase', doneBytes: 32768, elapsedMs: 200, rateBytesPerSec: 163840 },
  { type: 'phase-progress', phase: 'erase', doneBytes: 65536, elapsedMs: 400, rateBytesPerSec: 163840 },
  { type: 'phase-end', phase: 'erase', ok: true },
  { type: 'notice', code: 'X', text: 'a workaround was applied' },
  { type: 'phase-start', phase: 'program', totalBytes: 8192 },
  { type: 'phase-progress', phase: 'program', doneBytes: 4096, elapsedMs: 100, rateBytesPerSec: 40960 },
  { type: 'phase-end', phase: 'program', ok: false },
];

describe('progress rendering', () => {
  it('draws a bar per phase on a TTY, redrawn in place, with bytes, rate and ETA', () => {
    const { r, out } = capture({ isTty: true });
    for (const e of run) r.onEvent(e);
    const frames = out().stderr.split('\r\x1b[2K');
    expect(frames).toContain('erase   ████████████░░░░░░░░░░░░  50%  32 KiB / 64 KiB  160 KiB/s  ETA 200 ms');
    expect(out().stderr).toContain('\r\x1b[2Kerase   ████████████████████████ 100%  64 KiB / 64 KiB  done in 400 ms  160 KiB/s\nnote a workaround was applied\n');
    expect(frames.at(-1)).toBe('program ████████████░░░░░░░░░░░░  50%  4 KiB / 8 KiB  failed\n');
    expect(out().stdout).toBe('');
  });

  it('prints plain lines (no carriage returns) when not a TTY', () => {
    const { r, out } = capture({ isTty: false });
    for (const e of run) r.onEvent(e);
    expect(out().stderr).toBe(
      [
        'erase   64 KiB',
        'erase   50%  32 KiB / 64 KiB  160 KiB/s',
        'erase   done 64 KiB in 400 ms (160 KiB/s)',
        'note a workaround was applied',
        'program 8 KiB',
        'program 50%  4 KiB / 8 KiB  40 KiB/s',
        'program failed after 4 KiB',
        '',
      ].join('\n'),
    );
  });

  it('is silent with --quiet, and with --json unless --verbose', () => {
    for (const o of [{ quiet: true }, { json: true }, { json: true, quiet: true, verbose: true }]) {
      const { r, out } = capture({ isTty: true, ...o });
      for (const e of run) r.onEvent(e);
      expect(out()).toEqual({ stderr: '', stdout: '' });
    }
    const { r, out } = capture({ isTty: true, json: true, verbose: true });
    for (const e of run) r.onEvent(e);
    expect(out().stdout).toBe('');
    expect(out().stderr).toContain('erase   done 64 KiB in 400 ms');
  });
});

describe('a narrow terminal', () => {
  it('drops rate and ETA, then the byte counts, so a bar never wraps', () => {
    const { r, out } = capture({ isTty: true, columns: 50 });
    r.onEvent(run[0]!);
    r.onEvent(run[1]!);
    const frames = out().stderr.split('\r\x1b[2K').filter((f) => f !== '');
    expect(frames.at(-1)).toBe('erase   ████████████░░░░░░░░░░░░  50%');
    for (const f of frames) expect(f.length).toBeLessThan(50);
  });
});

describe('phases without bytes', () => {
  it('get one line at their end on a TTY, no bar', () => {
    const { r, out } = capture({ isTty: true });
    r.onEvent({ type: 'phase-start', phase: 'erase', totalBytes: 0 });
    r.onEvent({ type: 'phase-end', phase: 'erase', ok: true });
    r.onEvent({ type: 'phase-start', phase: 'reset', totalBytes: 0 });
    r.onEvent({ type: 'phase-end', phase: 'reset', ok: true });
    expect(out().stderr).toBe('\r\x1b[2Kerase   done (nothing to do)\n\r\x1b[2Kreset   done\n');
  });
});
