import type { FlashPhase, ProgressEvent } from '@imxflash/core';
import type { CommandContext } from '../../context.js';
import type { Io } from '../../io.js';
import type { Style } from '../style.js';
import { formatBytes } from '../units.js';
import { phaseLabel } from './phase-label.js';
import { PlainProgress } from './plain-progress.js';

/** Progress of a gang: each board's events go to its own renderer. */
export interface GangProgress {
  board(index: number): { onEvent(event: ProgressEvent): void };
  /** Leaves the terminal on a fresh line. */
  finish(): void;
}

const silent: GangProgress = { board: () => ({ onEvent: () => undefined }), finish: () => undefined };

/**
 * One line per board on a terminal, redrawn in place; plain lines prefixed `[board N]` otherwise;
 * nothing with --quiet (or --json without --verbose). Everything goes to stderr.
 */
export function pickGangProgress(ctx: Pick<CommandContext, 'io' | 'style' | 'json' | 'quiet' | 'verbose'>, boards: readonly number[]): GangProgress {
  if (ctx.quiet || (ctx.json && !ctx.verbose)) return silent;
  if (!ctx.json && ctx.io.isTty && ctx.io.env['TERM'] !== 'dumb') return new GangTtyProgress(ctx.io, ctx.style, boards);
  const width = String(Math.max(...boards)).length;
  return {
    board: (index) => new PlainProgress(prefixed(ctx.io, `[board ${String(index).padStart(width)}] `), ctx.style, { quarters: false }),
    finish: () => undefined,
  };
}

/** `io` with every stderr line starting with `prefix` (PlainProgress writes whole lines). */
function prefixed(io: Io, prefix: string): Io {
  return { ...io, stderr: { write: (text: string) => io.stderr.write(text.replace(/^(?=.)/gm, prefix)) } };
}

const BAR_WIDTH = 16;

/** A block of one line per board (phase, bar, bytes), redrawn with the cursor moved up over it. */
class GangTtyProgress implements GangProgress {
  private readonly state = new Map<number, { phase?: FlashPhase; total: number; done: number; status: string; note?: string }>();
  private drawn = 0;
  private readonly width: number;

  constructor(
    private readonly io: Io,
    private readonly style: Style,
    private readonly boards: readonly number[],
  ) {
    for (const b of boards) this.state.set(b, { total: 0, done: 0, status: 'connecting' });
    this.width = String(Math.max(...boards)).length;
  }

  board(index: number): { onEvent(event: ProgressEvent): void } {
    return {
      onEvent: (e) => {
        const s = this.state.get(index)!;
        switch (e.type) {
          case 'plan-ready':
            return;
          case 'notice':
            s.note = e.text;
            break;
          case 'phase-start':
            [s.phase, s.total, s.done, s.status] = [e.phase, e.totalBytes, 0, ''];
            break;
          case 'phase-progress':
            s.done = e.doneBytes;
            break;
          case 'phase-end':
            s.done = s.total;
            s.status = e.ok ? this.style.green('done') : this.style.red('failed');
            break;
        }
        this.draw();
      },
    };
  }

  finish(): void {
    this.draw();
    this.drawn = 0;
  }

  private draw(): void {
    const lines = this.boards.map((b) => this.line(b));
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    this.io.stderr.write(up + lines.map((l) => `\r\x1b[2K${l}\n`).join(''));
    this.drawn = lines.length;
  }

  private line(b: number): string {
    const s = this.state.get(b)!;
    const head = `board ${String(b).padStart(this.width)}`;
    if (s.phase === undefined) return `${head}  ${this.style.dim(s.note ?? s.status)}`;
    const fraction = s.total > 0 ? Math.min(1, s.done / s.total) : s.status === '' ? 0 : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = this.style.cyan('█'.repeat(filled)) + this.style.dim('░'.repeat(BAR_WIDTH - filled));
    const bytes = s.total > 0 ? `${formatBytes(s.done)} / ${formatBytes(s.total)}` : '';
    const line = `${head}  ${phaseLabel(s.phase)} ${bar} ${`${Math.floor(fraction * 100)}`.padStart(3)}%  ${bytes}${s.status ? `  ${s.status}` : ''}`;
    const max = this.io.columns ?? Number.POSITIVE_INFINITY;
    // A wrapped line would break the cursor-up redraw: drop the byte counts.
    return line.replace(/\x1b\[[0-9;]*m/g, '').length < max ? line : `${head}  ${phaseLabel(s.phase)} ${bar}`;
  }
}
