import { describe, expect, it } from 'vitest';
import { renderSimMarkdownTable, renderSimTextTable, simVerdictLines, type SimFlexspiRow } from './sim-flexspi-bench.js';
import { runSimFlexspiPass } from './sim-flexspi-pass.js';

// Correctness of the benchmark's pass on a small range; its speed is printed by `npm run bench`, never asserted here.
describe('sim FlexSPI bench pass', () => {
  it('block-erases and programs through raw registers; the flash holds the image; modelled time ≥ the busy bound', () => {
    const r = runSimFlexspiPass({ erase: 'blocks', sizeBytes: 128 * 1024 });
    expect(r).toMatchObject({ verified: true, pages: 512, sizeBytes: 128 * 1024 });
    expect(r.ipCommands).toBe(2 * 2 + 512 * 2 + r.statusPolls);
    expect(r.modelledMs).toBeGreaterThanOrEqual(2 * 150 + 512 * 0.2); // IS25WP064A typ (research/imxrt.md §2.4)
  });

  it('chip erase mode: 25 s of modelled erase', () => {
    const r = runSimFlexspiPass({ erase: 'chip', sizeBytes: 64 * 1024 });
    expect(r.verified).toBe(true);
    expect(r.modelledMs).toBeGreaterThanOrEqual(25_000 + 256 * 0.2);
  });

  it('renders rows and the goal verdict', () => {
    const row: SimFlexspiRow = {
      erase: 'blocks', sizeBytes: 8 << 20, pages: 32768, medianWallMs: 400, medianEraseWallMs: 80, mibPerS: 20,
      modelledMs: 26_476, busyBoundMs: 25_753.6, ipCommands: 216_192, statusPolls: 150_400, maxPeakRssKiB: 86_016,
    };
    expect(renderSimTextTable([row]).split('\n')[2]).toBe(
      '128 × 64 KiB  8 MiB, 32768 pages             400        20.0       26.48         25.75       216192        150400          84.0',
    );
    expect(renderSimMarkdownTable([row])).toContain('| 128 × 64 KiB | 8 MiB, 32768 pages | 400 | 20.0 | 26.48 | 25.75 | 216192 | 150400 | 84.0 |');
    expect(simVerdictLines([row, { ...row, erase: 'chip', mibPerS: 19.9 }])).toEqual([
      'meets the ≥ 20 MiB/s goal (block erase): 20.0 MiB/s',
      'MISSES the ≥ 20 MiB/s goal (chip erase): 19.9 MiB/s',
    ]);
  });
});
