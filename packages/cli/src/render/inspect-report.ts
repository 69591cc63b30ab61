import { hex, hex32, type Finding, type InspectReport } from '@imxflash/core';
import type { BoardChoice } from '../commands/board-options.js';
import type { CommandContext } from '../context.js';
import { formatTable } from './table.js';

export function renderInspectReport(ctx: CommandContext, o: { file: string; board: BoardChoice; report: InspectReport }): void {
  const r = o.report;
  const { style } = ctx;
  if (ctx.json) {
    ctx.result({
      ok: !r.findings.some((f) => f.severity === 'error'),
      command: 'image inspect',
      file: o.file,
      chip: r.chip.id,
      flash: r.part?.id ?? null,
      defaulted: o.board.defaulted,
      flashBase: r.flashBase,
      data: { start: r.dataStart, end: r.dataEnd },
      fcb: r.fcb ?? null,
      ivt: r.ivt ?? null,
      bootData: r.bootData ?? null,
      dcd: r.dcd ?? null,
      rom: r.rom,
      findings: r.findings,
    });
    return;
  }
  ctx.say(`${style.bold(o.file)}: ${r.chip.name}${r.part ? ` + ${r.part.name}` : ''}, data ${hex32(r.dataStart)}–${hex32(Math.max(r.dataStart, r.dataEnd - 1))}${o.board.defaulted.length ? style.dim(`  (${o.board.defaulted.map((d) => `--${d}`).join(', ')} defaulted)`) : ''}`);

  if (r.fcb) {
    const f = r.fcb.fcb;
    ctx.say(`\n${style.bold('FCB')} at ${hex32(r.fcb.flashAddress)} (${r.fcb.flashType === 'hyperflash' ? 'HyperFlash' : 'serial NOR'})`);
    ctx.say(
      formatTable([
        ['version', `${String.fromCharCode(f.version >>> 24)}${(f.version >> 16) & 0xff}.${(f.version >> 8) & 0xff}.${f.version & 0xff}`],
        ['readSampleClkSrc', String(f.readSampleClkSrc)],
        ['csHold / csSetup', `${f.csHoldTime} / ${f.csSetupTime}`],
        ['columnAddressWidth', String(f.columnAddressWidth)],
        ['controllerMiscOption', hex(f.controllerMiscOption)],
        ['deviceType / pads', `${f.deviceType} / ${f.sflashPadType}`],
        ['serialClkFreq', `${f.serialClkFreq} (${r.fcb.clockMhz !== undefined ? `${r.fcb.clockMhz} MHz` : 'not in this chip’s enum'})`],
        ['sflashA1Size', `${hex(f.sflashA1Size)} (${f.sflashA1Size / 1024} KiB)`],
        ['page / sector / block', `${hex(f.pageSize)} / ${hex(f.sectorSize)} / ${hex(f.blockSize)}`],
        ['ipcmdSerialClkFreq', String(f.ipcmdSerialClkFreq)],
        ['deviceModeCfg', f.deviceModeCfgEnable ? `type ${f.deviceModeType}, seq ${f.deviceModeSeq.seqId}×${f.deviceModeSeq.seqNum}, arg ${hex(f.deviceModeArg)}` : 'off'],
        ['configCmd', f.configCmdEnable ? f.configCmdSeqs.map((s, i) => (s.seqNum > 0 ? `seq ${s.seqId} arg ${hex(f.configCmdArgs[i]!)}` : '')).filter(Boolean).join('; ') : 'off'],
        ['quad enable', r.fcb.quadEnable],
      ]),
    );
    ctx.say(style.dim('  LUT'));
    ctx.say(formatTable(r.fcb.sequences.map((s) => [`  [${s.index}]`, s.role, s.instructions.join(' ; ')])));
  } else {
    ctx.say(`\n${style.bold('FCB')}: none`);
  }

  if (r.ivt) {
    ctx.say(`\n${style.bold('IVT')} at ${hex32(r.ivt.flashAddress)} (version ${hex(r.ivt.version)})`);
    ctx.say(
      formatTable([
        ['self', hex32(r.ivt.self)],
        ['entry', hex32(r.ivt.entry)],
        ['boot data', hex32(r.ivt.bootData)],
        ['dcd', r.ivt.dcd ? hex32(r.ivt.dcd) : '0 (none)'],
        ['csf', r.ivt.csf ? hex32(r.ivt.csf) : '0 (none)'],
      ]),
    );
  } else {
    ctx.say(`\n${style.bold('IVT')}: none`);
  }
  if (r.bootData) {
    ctx.say(`\n${style.bold('Boot data')} at ${hex32(r.bootData.flashAddress)}`);
    ctx.say(formatTable([['start', hex32(r.bootData.start)], ['size', `${hex(r.bootData.size)} (${r.bootData.size} bytes)`], ['plugin', String(r.bootData.plugin)]]));
  }
  if (r.dcd) {
    ctx.say(`\n${style.bold('DCD')} at ${hex32(r.dcd.flashAddress)} (${r.dcd.bytes} bytes)`);
    ctx.say(r.dcd.commands.map((c) => `  ${c}`).join('\n'));
  }
  ctx.say(`\n${r.rom.action === 'fallback' ? style.red(style.bold(r.rom.summary)) : style.green(style.bold(r.rom.summary))}`);
  renderFindings(ctx, r.findings);
}

export function renderFindings(ctx: CommandContext, findings: readonly Finding[]): void {
  const { style } = ctx;
  if (findings.length === 0) {
    ctx.say('no findings');
    return;
  }
  ctx.say(`\n${findings.length} finding${findings.length === 1 ? '' : 's'}:`);
  for (const f of findings) {
    const sev = f.severity === 'error' ? style.red('error  ') : f.severity === 'warning' ? style.yellow('warning') : style.cyan('info   ');
    ctx.say(`  ${sev} ${style.bold(f.id)}: ${f.message}`);
    ctx.say(`          ${style.dim('ROM:')} ${f.rom}`);
    ctx.say(`          ${style.dim('fix:')} ${f.fix}`);
  }
}
