import type { FlashPhase, ProgressEvent } from '@imxflash/core';
import type { Io } from '../../io.js';
import type { Style } from '../style.js';
import { formatBytes, formatDuration, formatRate } from '../units.js';
import { phaseLabel } from './phase-label.js';
import type { ProgressRenderer } from './progress-renderer.js';

const BAR_WIDTH = 24;

/**
 * One bar per phase on the terminal, redrawn in place (`\r` + erase line): bytes done of the
 * total, rate and ETA from the pipeline's Clock (modelled time under --sim). When the phase
 * ends the bar stays as its summary line.
 */
export class TtyProgress implements ProgressRenderer {
  private phase: FlashPhase | undefined;
  private total = 0;
  private last = { doneBytes: 0, elapsedMs: 0, rate: 0 };
  private open = false;

  constructor(
    private readonly io: Io,
    private readonly style: Style,
  ) {}

  onEvent(e: ProgressEvent): void {
    switch (e.type) {
      case 'plan-ready':
        return;
      case 'notice':
        this.finish();
        this.io.stderr.write(`${this.style.yellow('note')} ${e.text}\n`);
        if (this.phase !== undefined) this.draw();
        return;
      case 'phase-start':
        this.finish();
        this.phase = e.phase;
        this.total = e.totalBytes;
        this.last = { doneBytes: 0, elapsedMs: 0, rate: 0 };
        // A phase without bytes (reset, an erase with nothing to erase) gets one line at its end, no bar.
        if (e.totalBytes > 0) this.draw();
        return;
      case 'phase-progress':
        this.last = { doneBytes: e.doneBytes, elapsedMs: e.elapsedMs, rate: e.rateBytesPerSec };
        this.draw();
        return;
      case 'phase-end':
        if (this.total === 0) {
          const what = !e.ok ? this.style.red('failed') : e.phase === 'erase' || e.phase === 'program' ? `${this.style.green('done')} (nothing to do)` : this.style.green('done');
          this.io.stderr.write(`\r\x1b[2K${phaseLabel(e.phase)} ${what}\n`);
        } else {
          this.draw(e.ok ? 'done' : 'failed');
          this.io.stderr.write('\n');
        }
        this.open = false;
        this.phase = undefined;
        return;
    }
  }

  finish(): void {
    if (this.open) this.io.stderr.write('\n');
    this.open = false;
  }

  private draw(end?: 'done' | 'failed'): void {
    if (this.phase === undefined) return;
    const { doneBytes, elapsedMs, rate } = this.last;
    const fraction = this.total > 0 ? Math.min(1, doneBytes / this.total) : end === 'done' ? 1 : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = this.style.cyan('█'.repeat(filled)) + this.style.dim('░'.repeat(BAR_WIDTH - filled));
    const pct = `${Math.floor(fraction * 100)}`.padStart(3) + '%';
    const bytes = this.total > 0 ? `${formatBytes(doneBytes)} / ${formatBytes(this.total)}` : '';
    let tail: string;
    if (end === 'failed') tail = this.style.red('failed');
    else if (end === 'done') tail = `${this.style.green('done')} in ${formatDuration(elapsedMs)}${this.total > 0 && rate > 0 ? `  ${formatRate(rate)}` : ''}`;
    else if (rate > 0 && this.total > doneBytes) tail = `${formatRate(rate)}  ETA ${formatDuration(((this.total - doneBytes) * 1000) / rate)}`;
    else tail = '';
    // A line wider than the terminal wraps and `\r` then redraws only its last row: drop the tail, then the byte counts.
    const width = this.io.columns ?? Number.POSITIVE_INFINITY;
    const visible = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '').length;
    let line = `${phaseLabel(this.phase)} ${bar} ${pct}  ${bytes}${tail ? `  ${tail}` : ''}`;
    if (visible(line) >= width) line = `${phaseLabel(this.phase)} ${bar} ${pct}  ${bytes}`;
    if (visible(line) >= width) line = `${phaseLabel(this.phase)} ${bar} ${pct}`;
    this.io.stderr.write(`\r\x1b[2K${line}`);
    this.open = true;
  }
}
