import type { ProgressEvent } from '@imxflash/core';
import type { CommandContext } from '../../context.js';
import { PlainProgress } from './plain-progress.js';
import { TtyProgress } from './tty-progress.js';

/** Renders a run's ProgressEvents (STYLE R8, R9): the pipeline emits, a renderer draws. */
export interface ProgressRenderer {
  onEvent(event: ProgressEvent): void;
  /** Ends a bar left open (the run failed mid-phase), so the error starts on its own line. */
  finish(): void;
}

const silent: ProgressRenderer = { onEvent: () => undefined, finish: () => undefined };

/**
 * Bars on a terminal, plain lines otherwise, nothing with --quiet; with --json progress goes to
 * stderr only when --verbose (stdout holds the one result object). Everything goes to stderr.
 */
export function pickProgressRenderer(ctx: Pick<CommandContext, 'io' | 'style' | 'json' | 'quiet' | 'verbose'>): ProgressRenderer {
  if (ctx.quiet) return silent;
  if (ctx.json) return ctx.verbose ? new PlainProgress(ctx.io, ctx.style) : silent;
  return ctx.io.isTty && ctx.io.env['TERM'] !== 'dumb' ? new TtyProgress(ctx.io, ctx.style) : new PlainProgress(ctx.io, ctx.style);
}
