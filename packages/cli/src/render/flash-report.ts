import { hex32, type FlashPhase, type FlashPlan, type FlashResult, type ProbeInfo } from '@imxflash/core';
import type { BoardChoice } from '../commands/board-options.js';
import type { FlashImage } from '../commands/load-image.js';
import type { SimBootResult } from '../composition/sim-boot-verdict.js';
import type { CommandContext } from '../context.js';
import { formatBytes, formatDuration } from './units.js';

const PHASES: readonly FlashPhase[] = ['read', 'erase', 'program', 'verify', 'reset'];

export function imageLine(image: FlashImage): string {
  const first = image.image.segments[0];
  const last = image.image.segments.at(-1);
  const span = first && last ? `${hex32(first.address)}–${hex32(last.address + last.data.length - 1)}` : '(empty)';
  if (!image.boot) return `raw data, ${formatBytes(image.image.byteCount)} in ${span}`;
  return `${image.boot.mode} boot image, ${formatBytes(image.image.byteCount)} of data in ${span}: ${image.boot.report.rom.summary}`;
}

export function planLine(plan: Pick<FlashPlan, 'chipErase'> & { totals: FlashPlan['totals'] }): string {
  const t = plan.totals;
  const parts = [
    plan.chipErase ? 'chip erase' : t.eraseBytes === 0 ? 'no erase needed' : `erase ${t.sectorsErased} sector${t.sectorsErased === 1 ? '' : 's'} (${formatBytes(t.eraseBytes)})`,
    `program ${formatBytes(t.programBytes)}`,
  ];
  if (t.skippedBytes > 0) parts.push(`${formatBytes(t.skippedBytes)} already there`);
  if (t.preservedBytes > 0) parts.push(`keep ${formatBytes(t.preservedBytes)} beside the image`);
  return parts.join(', ');
}

function phaseTimes(phaseMs: Partial<Record<FlashPhase, number>>, protectionCheckMs = 0): string {
  const parts = PHASES.filter((p) => phaseMs[p] !== undefined).map((p) => `${p} ${formatDuration(phaseMs[p]!)}`);
  // The block-protection read comes after the plan's read and before any erase.
  if (protectionCheckMs > 0) parts.splice(phaseMs.read !== undefined ? 1 : 0, 0, `protection check ${formatDuration(protectionCheckMs)}`);
  return parts.join(', ');
}

/** Milliseconds to the microsecond: the clock's float noise stays out of the JSON. */
const ms = (t: number) => Math.round(t * 1000) / 1000;

function boardJson(board: BoardChoice) {
  return { chip: board.chip.id, flash: board.part.id, defaulted: board.defaulted };
}

function bootJson(boot: SimBootResult | undefined) {
  if (!boot) return undefined;
  const { steps: _steps, ...rest } = boot;
  return rest;
}

/** What one flash run produced, as renderFlashResult and the gang report take it. */
export interface FlashRunReport {
  file: string;
  board: BoardChoice;
  image: FlashImage;
  result: FlashResult;
  probe: ProbeInfo;
  boot: SimBootResult | undefined;
  connectMs: number;
  notices: ReadonlyArray<{ code: string; text: string }>;
  sim: boolean;
}

/** The --json fields of one flash run (one board). */
export function flashResultJson(r: FlashRunReport): Record<string, unknown> {
  const { result } = r;
  return {
    file: r.file,
    ...boardJson(r.board),
    probe: { driver: r.probe.driver, id: r.probe.id, description: r.probe.description },
    sim: r.sim,
    image: { kind: r.image.boot ? 'boot' : 'raw', mode: r.image.boot?.mode ?? null, bytes: r.image.image.byteCount, flashBase: r.image.flashBase },
    plan: result.plan,
    erasedBytes: result.erasedBytes,
    programmedBytes: result.programmedBytes,
    skippedBytes: result.skippedBytes,
    confirmedBytes: result.confirmedBytes,
    preservedBytes: result.preservedBytes,
    verifiedBytes: result.verifiedBytes,
    verify: result.verify,
    reset: result.reset,
    // Clock time: modelled hardware time under --sim. connectMs: opening the probe and attaching the flash.
    connectMs: ms(r.connectMs),
    phaseMs: Object.fromEntries(Object.entries(result.phaseMs).map(([phase, t]) => [phase, ms(t)])),
    protectionCheckMs: ms(result.protectionCheckMs),
    totalMs: ms(r.connectMs + result.totalMs),
    notices: r.notices,
    ...(r.boot ? { boot: bootJson(r.boot) } : {}),
  };
}

export function renderFlashResult(ctx: CommandContext, r: FlashRunReport): void {
  const { result, style } = { ...r, style: ctx.style };
  if (ctx.json) {
    ctx.result({ ok: true, command: 'flash', ...flashResultJson(r) });
    return;
  }
  ctx.say(`${style.dim('image  ')} ${imageLine(r.image)}`);
  ctx.say(`${style.dim('plan   ')} ${planLine({ chipErase: result.plan.chipErase, totals: result.plan })}`);
  const verified = result.verify === 'none' ? 'not verified' : `verified ${formatBytes(result.verifiedBytes)} (${result.verify})`;
  // An unchanged re-flash writes nothing: the plan's read, or the probe's compare on the target
  // (J-Link's flash download), already proved every byte.
  const compared = result.programmedBytes === 0 && result.confirmedBytes > 0;
  const unchanged = compared || (result.programmedBytes === 0 && result.erasedBytes === 0);
  const how = compared ? `compared on the target by ${r.probe.driver}; nothing written` : `read through ${r.probe.driver}; nothing erased or written`;
  ctx.say(
    unchanged
      ? `${style.green('✓')} the flash already holds this image (${how})${result.reset ? ', reset' : ''}`
      : `${style.green('✓')} flashed ${formatBytes(result.programmedBytes)} through ${r.probe.driver}, ${verified}${result.reset ? ', reset' : ''}`,
  );
  ctx.say(`${style.dim('time   ')} connect ${formatDuration(r.connectMs)}, ${phaseTimes(result.phaseMs, result.protectionCheckMs)}; total ${formatDuration(r.connectMs + result.totalMs)}${r.sim ? ' (modelled hardware time)' : ''}`);
  if (r.boot) ctx.say(`${style.dim('boot   ')} ${r.boot.verdict === 'booted' ? style.green(r.boot.text) : style.red(r.boot.text)}`);
}

export function renderPlan(ctx: CommandContext, r: { file: string; board: BoardChoice; image: FlashImage; plan: FlashPlan; boot: SimBootResult | undefined }): void {
  const { plan, style } = { ...r, style: ctx.style };
  if (ctx.json) {
    ctx.result({
      ok: true,
      command: 'flash',
      dryRun: true,
      file: r.file,
      ...boardJson(r.board),
      image: { kind: r.image.boot ? 'boot' : 'raw', mode: r.image.boot?.mode ?? null, bytes: r.image.image.byteCount, flashBase: r.image.flashBase },
      plan: { chipErase: plan.chipErase, totals: plan.totals, erases: plan.erases, programs: plan.programs.map((p) => ({ address: p.address, bytes: p.data.length })), preserved: plan.preserved },
      rom: r.image.boot?.report.rom ?? null,
      ...(r.boot ? { boot: bootJson(r.boot) } : {}),
    });
    return;
  }
  ctx.say(`${style.bold('dry run')}: nothing is written`);
  ctx.say(`${style.dim('image  ')} ${imageLine(r.image)}`);
  ctx.say(`${style.dim('plan   ')} ${planLine(plan)}`);
  for (const e of plan.erases) ctx.say(`  erase   ${hex32(e.address)} +${formatBytes(e.bytes)}`);
  for (const p of plan.programs) ctx.say(`  program ${hex32(p.address)} +${formatBytes(p.data.length)}`);
  if (r.boot) ctx.say(`${style.dim('boot   ')} ${r.boot.verdict === 'booted' ? style.green(r.boot.text) : style.red(r.boot.text)}`);
  else if (r.image.boot) ctx.say(`${style.dim('boot   ')} ${r.image.boot.report.rom.summary}`);
}
