import { ImxflashError, categoryOf, type ProbeInfo } from '@imxflash/core';
import type { BoardChoice } from '../commands/board-options.js';
import type { FlashImage } from '../commands/load-image.js';
import type { CommandContext } from '../context.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { errorToJson } from './error-renderer.js';
import { flashResultJson, imageLine, type FlashRunReport } from './flash-report.js';
import { formatTable } from './table.js';
import { formatBytes, formatDuration } from './units.js';

/** How one board of a gang ended. */
export type GangBoardOutcome = { readonly index: number; readonly probe: ProbeInfo; readonly statePath: string | undefined } & (
  | { readonly ok: true; readonly report: FlashRunReport }
  | { readonly ok: false; readonly error: unknown; readonly notices: ReadonlyArray<{ code: string; text: string }> }
);

/** A board's exit code: 0, or its error's category (a bug in imxflash: internal). */
export function outcomeExitCode(o: GangBoardOutcome): number {
  if (o.ok) return EXIT.ok;
  return o.error instanceof ImxflashError ? exitCodeFor(categoryOf(o.error.code)) : EXIT.internal;
}

/**
 * The gang's summary: a table (board, probe, result, bytes, time, boot verdict), then each failed
 * board with its error and hint; with --json one object with a result per board. Returns the exit
 * code: the worst board's (device 2 < verify 3 < internal 4; input 1 only when nothing worse).
 */
export function renderGangReport(ctx: CommandContext, r: { file: string; board: BoardChoice; image: FlashImage; outcomes: readonly GangBoardOutcome[]; sim: boolean }): number {
  const exitCode = Math.max(EXIT.ok, ...r.outcomes.map(outcomeExitCode));
  const failed = r.outcomes.filter((o) => !o.ok);
  if (ctx.json) {
    ctx.result({
      ok: failed.length === 0,
      command: 'flash',
      gang: true,
      file: r.file,
      chip: r.board.chip.id,
      flash: r.board.part.id,
      sim: r.sim,
      boards: r.outcomes.map((o) => ({
        board: o.index,
        ...(o.statePath !== undefined ? { simState: o.statePath } : {}),
        ...(o.ok
          ? { ok: true, ...flashResultJson(o.report) }
          : { ok: false, probe: { driver: o.probe.driver, id: o.probe.id, description: o.probe.description }, error: errorToJson(o.error), notices: o.notices }),
      })),
      succeeded: r.outcomes.length - failed.length,
      failed: failed.map((o) => o.index),
      exitCode,
    });
  }
  const { style } = ctx;
  const first = r.outcomes.find((o) => o.ok);
  if (first?.ok) ctx.say(`${style.dim('image  ')} ${imageLine(first.report.image)}`);
  const rows = [['board', 'probe', 'result', 'programmed', 'verified', `time${r.sim ? ' (modelled)' : ''}`, ...(r.sim ? ['boot'] : [])]];
  for (const o of r.outcomes) {
    const probe = `${o.probe.driver} ${o.probe.serial ?? o.probe.id}`;
    if (o.ok) {
      const { result, boot, connectMs } = o.report;
      rows.push([
        String(o.index), probe, style.green('ok'), formatBytes(result.programmedBytes),
        result.verify === 'none' ? 'not verified' : formatBytes(result.verifiedBytes), formatDuration(connectMs + result.totalMs),
        ...(r.sim ? [boot ? (boot.verdict === 'booted' ? style.green(boot.text) : style.red(boot.text)) : ''] : []),
      ]);
    } else {
      const code = o.error instanceof ImxflashError ? o.error.code : 'INTERNAL';
      rows.push([String(o.index), probe, style.red(`failed ${code}`), '', '', '', ...(r.sim ? [''] : [])]);
    }
  }
  ctx.say(formatTable(rows, ''));
  const ok = r.outcomes.length - failed.length;
  ctx.say(
    failed.length === 0
      ? `${style.green('✓')} flashed ${ok} board${ok === 1 ? '' : 's'}`
      : `${style.red('✗')} ${ok} of ${r.outcomes.length} boards flashed; failed: ${failed.map((o) => `board ${o.index}`).join(', ')} (exit ${exitCode})`,
  );
  // Each failed board with its error and hint, on stderr like a single run's error.
  for (const o of failed) {
    const head = `board ${o.index} (${o.probe.driver} ${o.probe.serial ?? o.probe.id})`;
    if (o.error instanceof ImxflashError) {
      ctx.io.stderr.write(`${style.red(style.bold('error'))} ${head}: ${style.bold(o.error.code)}: ${o.error.message}\n`);
      if (o.error.hint) ctx.io.stderr.write(`${style.dim('hint:')} ${o.error.hint}\n`);
    } else {
      ctx.io.stderr.write(`${style.red(style.bold('internal error'))} ${head}: imxflash hit a bug. Please report it with this output.\n`);
      ctx.io.stderr.write(`${o.error instanceof Error ? (o.error.stack ?? o.error.message) : String(o.error)}\n`);
    }
  }
  return exitCode;
}
