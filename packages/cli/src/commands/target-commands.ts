import type { Command } from 'commander';
import { ImxflashError, buildBootImage, hex32, requireCapability, type ResetKind } from '@imxflash/core';
import type { CommandContext } from '../context.js';
import { parseChoice } from '../options/parse-address.js';
import { resolveBoard } from './board-options.js';
import { withDevice } from './device-session.js';
import { INPUT_FORMATS, loadFirmware } from './load-image.js';
import { addProbeOptions, portOf, selectorText, type ProbeFlags } from './probe-options.js';

export function registerTargetCommands(program: Command, contextFor: (cmd: Command) => CommandContext): void {
  addProbeOptions(
    program
      .command('run')
      .description('load a RAM-linked app into the target\'s RAM and start it (no flash write): sdp or cmsis-dap')
      .argument('<file>', 'an app linked to ITCM/DTCM/OCRAM: Intel HEX, S-record, ELF, or bin (with --base)'),
  )
    .option('--base <address>', 'load address of a bin input (e.g. 0x20002000)')
    .option('--input-format <format>', `input format: ${INPUT_FORMATS.join('|')} (default: detected)`)
    .action(async (file: string, o: ProbeFlags & { base?: string; inputFormat?: string }, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      // The same image the ROM would copy from flash: header (FCB, IVT, boot data) + app, placed at boot_data.start.
      const boot = buildBootImage(await loadFirmware(ctx, file, o), { chip: board.chip, part: board.part, mode: 'ram' });
      const layout = boot.layout!;
      const bytes = boot.bytes.subarray(0, layout.bootDataSize);
      await withDevice(ctx, board, selectorText(ctx.settings, o), { attachFlash: false, save: true, ...portOf(o) }, async (d) => {
        const what = `${d.info.driver} probe ${d.info.id}`;
        requireCapability(d.session.capabilities, 'run-ram-image', what);
        if (d.session.runRamImage === undefined) {
          throw new ImxflashError('CAPABILITY_UNAVAILABLE', `${what} declares run-ram-image but offers no way to run an image`, {
            hint: 'Use --probe sdp (the ROM loads and starts it), or flash it with `imxflash flash`.',
          });
        }
        const started = (await d.session.runRamImage(bytes, layout.imageStart, layout.ivtSelf)) ?? {};
        ctx.result({
          ok: true, command: 'run', file, loadAddress: layout.imageStart, bytes: bytes.length, ivt: layout.ivtSelf, entry: layout.entry,
          ...(started.pc !== undefined ? { pc: started.pc } : {}), ...(started.sp !== undefined ? { sp: started.sp } : {}),
          probe: d.info.driver, sim: ctx.settings.sim,
        });
        const core = started.pc !== undefined ? `, PC ${hex32(started.pc)}${started.sp !== undefined ? ` SP ${hex32(started.sp)}` : ''}` : '';
        ctx.say(`${ctx.style.green('✓')} loaded ${bytes.length} bytes at ${hex32(layout.imageStart)} and started ${file} (IVT ${hex32(layout.ivtSelf)}, entry ${hex32(layout.entry)}${core})`);
      });
    });

  addProbeOptions(program.command('reset').description('reset the target (system: run what is in flash; boot: into the serial downloader, where the probe can)'))
    .option('--kind <kind>', 'system | boot', 'system')
    .action(async (o: ProbeFlags & { kind: string }, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      const kind = parseChoice(o.kind, '--kind', ['system', 'boot'] as const) as ResetKind;
      // The target is attached first: some drivers (J-Link) name the device from it to reset.
      await withDevice(ctx, board, selectorText(ctx.settings, o), { attachFlash: true, save: true, ...portOf(o) }, async (d) => {
        requireCapability(d.session.capabilities, 'reset', `${d.info.driver} probe ${d.info.id}`);
        await d.session.reset(kind);
        const { simBootVerdict } = await import('../composition/sim-boot-verdict.js');
        const boot = d.env.sim && kind === 'system' ? simBootVerdict(d.env.sim.board) : undefined;
        ctx.result({ ok: true, command: 'reset', kind, probe: d.info.driver, sim: ctx.settings.sim, ...(boot ? { boot: { verdict: boot.verdict, text: boot.text, entry: boot.entry ?? null, stage: boot.stage ?? null, reason: boot.reason ?? null } } : {}) });
        ctx.say(`${ctx.style.green('✓')} reset (${kind}) through ${d.info.driver}`);
        if (boot) ctx.say(`${ctx.style.dim('boot   ')} ${boot.text}`);
      });
    });
}
