import type { Command } from 'commander';
import { ImxflashError, hex32, requireCapability, type MemoryImage, type ProbeSession, type ProgressListener, type ResetKind } from '@imxflash/core';
import type { CommandContext } from '../context.js';
import { parseChoice } from '../options/parse-address.js';
import { pickProgressRenderer } from '../render/progress/progress-renderer.js';
import { resolveBoard } from './board-options.js';
import { withDevice } from './device-session.js';
import { INPUT_FORMATS, loadFirmware } from './load-image.js';
import { addProbeOptions, selectorText, type ProbeFlags } from './probe-options.js';

/**
 * What `run` needs of a session that declares 'run-ram-image'. UNVERIFIED shape: core's
 * ProbeSession has no method for it yet; drivers that offer it are expected to add this one.
 */
interface RamImageRunner {
  runRamImage(image: MemoryImage, options: { onProgress?: ProgressListener; signal?: AbortSignal }): Promise<{ entry: number }>;
}

function hasRunner(s: ProbeSession): s is ProbeSession & RamImageRunner {
  return typeof (s as Partial<RamImageRunner>).runRamImage === 'function';
}

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
      const image = await loadFirmware(ctx, file, o);
      await withDevice(ctx, board, selectorText(ctx.settings, o), { attachFlash: false, save: true }, async (d) => {
        const what = `${d.info.driver} probe ${d.info.id}`;
        requireCapability(d.session.capabilities, 'run-ram-image', what);
        if (!hasRunner(d.session)) {
          throw new ImxflashError('CAPABILITY_UNAVAILABLE', `${what} declares run-ram-image but offers no way to run an image`, {
            hint: 'This driver build is incomplete; use --probe sdp or --probe cmsis-dap.',
          });
        }
        const progress = pickProgressRenderer(ctx);
        try {
          const { entry } = await d.session.runRamImage(image, { onProgress: (e) => progress.onEvent(e), ...(ctx.signal ? { signal: ctx.signal } : {}) });
          ctx.result({ ok: true, command: 'run', file, entry, probe: d.info.driver, sim: ctx.settings.sim });
          ctx.say(`${ctx.style.green('✓')} ${file} is running from ${hex32(entry)}`);
        } finally {
          progress.finish();
        }
      });
    });

  addProbeOptions(program.command('reset').description('reset the target (system: run what is in flash; boot: into the serial downloader, where the probe can)'))
    .option('--kind <kind>', 'system | boot', 'system')
    .action(async (o: ProbeFlags & { kind: string }, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      const kind = parseChoice(o.kind, '--kind', ['system', 'boot'] as const) as ResetKind;
      await withDevice(ctx, board, selectorText(ctx.settings, o), { attachFlash: false, save: true }, async (d) => {
        requireCapability(d.session.capabilities, 'reset', `${d.info.driver} probe ${d.info.id}`);
        await d.session.reset(kind);
        const { simBootVerdict } = await import('../composition/sim-boot-verdict.js');
        const boot = d.env.sim && kind === 'system' ? simBootVerdict(d.env.sim.board) : undefined;
        ctx.result({ ok: true, command: 'reset', kind, probe: d.info.driver, sim: ctx.settings.sim, ...(boot ? { boot: { verdict: boot.verdict, text: boot.text, entry: boot.entry ?? null, reason: boot.reason ?? null } } : {}) });
        ctx.say(`${ctx.style.green('✓')} reset (${kind}) through ${d.info.driver}`);
        if (boot) ctx.say(`${ctx.style.dim('boot   ')} ${boot.text}`);
      });
    });
}
