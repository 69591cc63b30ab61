import type { FlashPhase, ProgressEvent } from '@imxflash/core';
import type { Io } from '../../io.js';
import type { Style } from '../style.js';
import { formatBytes, formatDuration, formatRate } from '../units.js';
import { phaseLabel } from './phase-label.js';
import type { ProgressRenderer } from './progress-renderer.js';

/**
 * Lines for logs and pipes: one when a phase starts, one at each quarter, one when it ends;
 * no carriage returns.
 */
export class PlainProgress implements ProgressRenderer {
  private total = 0;
  private quarter = 0;
  private last: { doneBytes: number; elapsedMs: number; rate: number } = { doneBytes: 0, elapsedMs: 0, rate: 0 };

  /** `quarters: false` (a gang: eight boards' quarter lines drown the rest) keeps the start and end lines only. */
  constructor(
    private readonly io: Io,
    private readonly style: Style,
    private readonly o: { quarters?: boolean } = {},
  ) {}

  onEvent(e: ProgressEvent): void {
    switch (e.type) {
      case 'plan-ready':
        return;
      case 'notice':
        this.line(`${this.style.yellow('note')} ${e.text}`);
        return;
      case 'phase-start':
        this.total = e.totalBytes;
        this.quarter = 0;
        this.last = { doneBytes: 0, elapsedMs: 0, rate: 0 };
        if (e.totalBytes > 0) this.line(`${phaseLabel(e.phase)} ${formatBytes(e.totalBytes)}`);
        return;
      case 'phase-progress': {
        this.last = { doneBytes: e.doneBytes, elapsedMs: e.elapsedMs, rate: e.rateBytesPerSec };
        if (this.total === 0) return;
        const q = Math.floor((4 * e.doneBytes) / this.total);
        if (q > this.quarter && q < 4 && this.o.quarters !== false) {
          this.quarter = q;
          this.line(`${phaseLabel(e.phase)} ${q * 25}%  ${formatBytes(e.doneBytes)} / ${formatBytes(this.total)}  ${formatRate(e.rateBytesPerSec)}`);
        }
        return;
      }
      case 'phase-end':
        this.line(this.endLine(e.phase, e.ok));
        return;
    }
  }

  finish(): void {}

  private endLine(phase: FlashPhase, ok: boolean): string {
    if (!ok) return `${phaseLabel(phase)} ${this.style.red('failed')} after ${formatBytes(this.last.doneBytes)}`;
    if (this.total === 0) return `${phaseLabel(phase)} ${this.style.green('done')}${phase === 'erase' || phase === 'program' ? ' (nothing to do)' : ''}`;
    return `${phaseLabel(phase)} ${this.style.green('done')} ${formatBytes(this.total)} in ${formatDuration(this.last.elapsedMs)} (${formatRate(this.last.rate)})`;
  }

  private line(text: string): void {
    this.io.stderr.write(text + '\n');
  }
}
