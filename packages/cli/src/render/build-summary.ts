import { hex, hex32, type BootImage, type OutputFirmwareFormat } from '@imxflash/core';
import type { BoardChoice } from '../commands/board-options.js';
import type { CommandContext } from '../context.js';
import { renderFindings } from './inspect-report.js';
import { formatTable } from './table.js';

export interface BuildSummary {
  input: string;
  output: string;
  format: OutputFirmwareFormat;
  board: BoardChoice;
  boot: BootImage;
  bytesWritten: number;
}

export function renderBuildSummary(ctx: CommandContext, s: BuildSummary): void {
  const { boot, board } = s;
  const r = boot.report;
  const { style } = ctx;
  if (ctx.json) {
    ctx.result({
      ok: true,
      command: 'image build',
      input: s.input,
      output: s.output,
      format: s.format,
      bytes: s.bytesWritten,
      chip: board.chip.id,
      flash: board.part.id,
      defaulted: board.defaulted,
      mode: boot.mode,
      reason: boot.reason,
      flashBase: boot.flashBase,
      imageBytes: boot.bytes.length,
      layout: boot.layout ?? null,
      rom: r.rom,
      findings: r.findings,
    });
    return;
  }
  ctx.say(`${style.green('built')} ${style.bold(s.output)} (${s.format}, ${boot.bytes.length} bytes of flash from ${hex32(boot.flashBase)})`);
  const rows: string[][] = [
    ['chip', `${board.chip.name} (${board.chip.id})${board.defaulted.includes('chip') ? style.dim('  default; --chip to change') : ''}`],
    ['flash', `${board.part.name}, ${board.part.sizeBytes / 1024 / 1024} MiB ${board.part.interface === 'hyperflash' ? 'HyperFlash' : 'QSPI'}${board.defaulted.includes('flash') ? style.dim('  default; --flash to change') : ''}`],
    ['mode', `${boot.mode}: ${boot.reason}`],
  ];
  if (r.fcb) rows.push(['FCB', `${hex32(r.fcb.flashAddress)}  ${fcbLine(r)}`]);
  if (r.ivt) rows.push(['IVT', `${hex32(r.ivt.flashAddress)}  self ${hex32(r.ivt.self)}, entry ${hex32(r.ivt.entry)}, boot data ${hex32(r.ivt.bootData)}${r.ivt.dcd ? `, DCD ${hex32(r.ivt.dcd)}` : ''}`]);
  if (r.bootData) rows.push(['boot data', `${hex32(r.bootData.flashAddress)}  start ${hex32(r.bootData.start)}, size ${hex(r.bootData.size)}`]);
  if (boot.layout) rows.push(['app', `flash ${hex32(boot.flashBase + boot.layout.appStart - boot.layout.imageStart)}, runs at ${hex32(boot.layout.appStart)}–${hex32(boot.layout.appEnd - 1)}`]);
  ctx.say(formatTable(rows));
  ctx.say(style.bold(r.rom.summary));
  if (r.findings.length > 0) renderFindings(ctx, r.findings);
}

function fcbLine(r: BootImage['report']): string {
  const f = r.fcb!;
  const read = f.sequences.find((s) => s.index === 0);
  const clock = f.clockMhz !== undefined ? `${f.clockMhz} MHz` : `serialClkFreq ${f.fcb.serialClkFreq}`;
  const qe = { 'fcb-device-mode': ', ROM sets QE', 'fcb-config-command': ', QE via config command', 'not-handled': ', QE must already be set', 'not-needed': '', 'unknown-part': '' }[f.quadEnable];
  return `${read ? read.instructions[0] : 'no read sequence'}, ${f.readPads}-pad, ${clock}${qe}`;
}
