import { ImxflashError } from '@imxflash/core';
import type { Io } from '../io.js';
import type { Style } from './style.js';

/**
 * A coded error is the user's to fix: code, message, hint. Anything else is a bug in imxflash:
 * print the stack so the report is useful (as pnpm's reporter does).
 */
export function renderError(io: Io, style: Style, e: unknown, verbose: boolean): void {
  if (e instanceof ImxflashError) {
    io.stderr.write(`${style.red(style.bold('error'))} ${style.bold(e.code)}: ${e.message}\n`);
    if (e.hint) io.stderr.write(`${style.dim('hint:')} ${e.hint}\n`);
    if (verbose && e.cause) io.stderr.write(style.dim(`cause: ${describeCause(e.cause)}\n`));
    return;
  }
  io.stderr.write(`${style.red(style.bold('internal error'))}: imxflash hit a bug. Please report it with this output.\n`);
  io.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
}

export function errorToJson(e: unknown): Record<string, unknown> {
  if (e instanceof ImxflashError) return e.toJSON();
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), details: {} };
}
