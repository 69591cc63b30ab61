import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.js';
import type { ProgressEvent } from './progress-event.js';
import { PhaseReporter } from './progress-reporter.js';

function setup(options: { minIntervalMs?: number; minStepBytes?: number } = {}) {
  const clock = new ManualClock(1000);
  const events: ProgressEvent[] = [];
  return { clock, events, opts: { clock, onProgress: (e: ProgressEvent) => events.push(e), ...options } };
}

describe('PhaseReporter', () => {
  it('emits start, rate-limited progress by bytes, the final total, then end', () => {
    const { clock, events, opts } = setup({ minIntervalMs: 1e9, minStepBytes: 400 });
    const rep = PhaseReporter.start('program', 1000, opts);
    for (let done = 100; done <= 1000; done += 100) {
      clock.advance(10);
      rep.update(done);
    }
    expect(rep.end(true)).toBe(100);
    expect(events).toEqual([
      { type: 'phase-start', phase: 'program', totalBytes: 1000 },
      { type: 'phase-progress', phase: 'program', doneBytes: 400, elapsedMs: 40, rateBytesPerSec: 10_000 },
      { type: 'phase-progress', phase: 'program', doneBytes: 800, elapsedMs: 80, rateBytesPerSec: 10_000 },
      { type: 'phase-progress', phase: 'program', doneBytes: 1000, elapsedMs: 100, rateBytesPerSec: 10_000 },
      { type: 'phase-end', phase: 'program', ok: true },
    ]);
  });

  it('rate-limits by Clock time too', () => {
    const { clock, events, opts } = setup({ minIntervalMs: 100, minStepBytes: 1e9 });
    const rep = PhaseReporter.start('erase', 10, opts);
    rep.update(1); // at 0 ms: held back
    clock.advance(100);
    rep.update(2); // 100 ms later: goes out
    clock.advance(50);
    rep.update(3); // held back
    expect(events.filter((e) => e.type === 'phase-progress').map((e) => (e.type === 'phase-progress' ? e.doneBytes : -1))).toEqual([2]);
  });

  it('never goes back, clamps at the total and ends once', () => {
    const { events, opts } = setup({ minIntervalMs: 0 });
    const rep = PhaseReporter.start('read', 10, opts);
    rep.update(6);
    rep.update(4);
    rep.advance(100);
    rep.end(false);
    rep.end(true);
    rep.update(10);
    expect(events.map((e) => e.type + (e.type === 'phase-progress' ? `:${e.doneBytes}` : e.type === 'phase-end' ? `:${e.ok}` : ''))).toEqual([
      'phase-start', 'phase-progress:6', 'phase-progress:10', 'phase-end:false',
    ]);
  });

  it('reports rate 0 while no time has passed', () => {
    const { events, opts } = setup();
    PhaseReporter.start('verify', 5, opts).update(5);
    expect(events[1]).toEqual({ type: 'phase-progress', phase: 'verify', doneBytes: 5, elapsedMs: 0, rateBytesPerSec: 0 });
  });
});
