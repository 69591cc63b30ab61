import type { Command } from 'commander';
import {
  BOOT_MODE_REQUESTS,
  FlashContents,
  ImxflashError,
  bootFlashBase,
  flash,
  planFlash,
  withEraseTiming,
  type BootModeRequest,
  type EraseStrategy,
  type FlashGeometry,
  type FlashPlan,
  type VerifyMethod,
} from '@imxflash/core';
import type { SimBootResult } from '../composition/sim-boot-verdict.js';
import type { CommandContext } from '../context.js';
import { parseChoice } from '../options/parse-address.js';
import { renderFlashResult, renderPlan } from '../render/flash-report.js';
import { resolveBoard, type BoardChoice } from './board-options.js';
import { withDevice } from './device-session.js';
import { INPUT_FORMATS, loadFlashImage, type FlashImage } from './load-image.js';
import { addProbeOptions, portOf, selectorText, type ProbeFlags } from './probe-options.js';

const ERASE_STRATEGIES: readonly EraseStrategy[] = ['auto', 'sector', 'chip'];
const VERIFY_METHODS = ['read-back', 'checksum'] as const;

interface FlashFlags {
  /** Repeatable: several values flash several boards (see gang-targets.ts). */
  serial?: string[];
  port?: string[];
  all?: boolean;
  simBoards?: string;
  base?: string;
  inputFormat?: string;
  mode?: string;
  raw?: boolean;
  erase?: string;
  verify: boolean;
  verifyBy: string;
  reset: boolean;
  dryRun?: boolean;
}

export function registerFlashCommand(program: Command, contextFor: (cmd: Command) => CommandContext): void {
  addProbeOptions(
    program
      .command('flash')
      .description('build the boot image, then erase, program, verify and reset through a probe (or --sim)')
      .argument('<file>', 'the linked app: Intel HEX, S-record, ELF, or bin (with --base)'),
    { repeatable: true },
  )
    .option('--all', 'flash every probe --probe matches, all at once (one session per board; one board failing does not stop the others)')
    .option('--sim-boards <n>', `with --sim: plug in n independent virtual boards (state files <sim-state>.board1…n), for --all or several --serial/--port (max ${MAX_SIM_BOARDS})`)
    .option('--base <address>', 'load address of a bin input (e.g. 0x20002000)')
    .option('--input-format <format>', `input format: ${INPUT_FORMATS.join('|')} (default: detected)`)
    .option('--mode <mode>', `boot image: ${BOOT_MODE_REQUESTS.join('|')} (default auto)`)
    .option('--raw', 'write the file as it is (data, a second-stage image): no boot headers, no bootability check')
    .option('--erase <how>', `${ERASE_STRATEGIES.join('|')}: sector and block erases, or one chip erase (default auto)`)
    .option('--no-verify', 'skip the verify after programming')
    .option('--verify-by <method>', `${VERIFY_METHODS.join('|')} (checksum: CRC on the target where the probe can)`, 'read-back')
    .option('--no-reset', 'leave the target halted after flashing')
    .option('--dry-run', 'print the plan and the boot verdict; write nothing')
    .addHelpText(
      'after',
      `
Examples:
  $ imxflash flash app.hex                              auto: the one probe connected
  $ imxflash flash app.hex --sim                        the virtual RT1052 + IS25WP064A board
  $ imxflash flash app.elf --probe jlink --chip rt1062 --flash w25q64jv
  $ imxflash flash data.bin --raw --base 0x60100000 --probe cmsis-dap
  $ imxflash flash app.hex --dry-run --sim
  $ imxflash flash app.hex --probe sdp --all             every board in serial-download mode, at once
  $ imxflash flash app.hex --probe cmsis-dap --serial A --serial B
  $ imxflash flash app.hex --sim --probe sdp --all --sim-boards 8`,
    )
    .action(async (file: string, o: FlashFlags, cmd: Command) => {
      const ctx = contextFor(cmd);
      const s = ctx.settings;
      const board = resolveBoard(s);
      const fromFlag = (name: string) => cmd.getOptionValueSource(name) === 'cli';
      const mode = parseChoice(o.mode ?? s.mode ?? 'auto', '--mode', BOOT_MODE_REQUESTS) as BootModeRequest;
      const erase = parseChoice(o.erase ?? s.erase ?? 'auto', '--erase', ERASE_STRATEGIES);
      const verify: VerifyMethod = (fromFlag('verify') ? o.verify : (s.verify ?? true)) ? parseChoice(o.verifyBy, '--verify-by', VERIFY_METHODS) : 'none';
      const reset = fromFlag('reset') ? o.reset : (s.reset ?? true);
      const serials = o.serial ?? [];
      const ports = o.port ?? [];
      const simBoards = parseSimBoards(o.simBoards, s.sim);
      const gang = Boolean(o.all) || serials.length > 1 || ports.length > 1;
      if (gang && serials.length > 0 && ports.length > 0) {
        throw new ImxflashError('CONFIG_BAD_OPTION', 'several boards are named by --serial or by --port, not both', { hint: 'Use --serial for CMSIS-DAP and J-Link probes, --port for serial downloaders on UARTs.' });
      }
      if (gang && (serials.length > 0 || ports.length > 0) && o.all) {
        throw new ImxflashError('CONFIG_BAD_OPTION', '--all takes every probe --probe matches; it does not combine with --serial or --port', { hint: 'Drop --all to flash the named probes, or drop --serial/--port to flash them all.' });
      }
      if (!gang && simBoards > 1) {
        throw new ImxflashError('CONFIG_BAD_OPTION', `--sim-boards ${simBoards} plugs in ${simBoards} boards: say which to flash`, { hint: 'Add --all (every board), or several --serial / --port.' });
      }
      const flags: ProbeFlags = { ...(serials[0] !== undefined ? { serial: serials[0] } : {}), ...(ports[0] !== undefined ? { port: ports[0] } : {}) };
      const selector = gang ? gangSelector(s.probe, serials) : selectorText(s, flags);
      const image = await loadFlashImage(ctx, file, board, { ...o, mode, raw: Boolean(o.raw) });

      if (o.dryRun) {
        if (gang) throw new ImxflashError('CONFIG_BAD_OPTION', '--dry-run plans one board; it does not combine with --all or several --serial/--port', { hint: 'Dry-run one board (the plan is per board), then flash them all.' });
        return dryRun(ctx, { file, board, image, erase, selector, flags });
      }
      if (gang) {
        const { flashGang } = await import('./flash-gang.js');
        return flashGang(ctx, { file, board, image, request: { selector, all: Boolean(o.all), serials, ports, simBoards }, settings: { verify, erase, raw: Boolean(o.raw), reset } });
      }

      const { result, probe, boot, connectMs, notices } = await withDevice(ctx, board, selector, {
        attachFlash: true,
        save: true,
        ...portOf(flags),
        announce: (info, sim) => `flashing ${file} → ${board.chip.name} + ${board.part.id} through ${info.description}${sim ? ' (sim)' : ''}`,
      }, async (d) => {
        const r = await flash(image.image, d.device!, {
          clock: d.env.clock,
          verify,
          erase,
          raw: Boolean(o.raw),
          bootCheck: { chip: board.chip, part: board.part },
          ...(reset ? { reset: () => d.session.reset('system') } : {}),
          onProgress: (e) => d.progress.onEvent(e),
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        const { simBootVerdict } = await import('../composition/sim-boot-verdict.js');
        return { result: r, probe: d.info, boot: d.env.sim ? simBootVerdict(d.env.sim.board) : undefined, connectMs: d.connectMs, notices: d.notices };
      });
      renderFlashResult(ctx, { file, board, image, result, probe, boot, connectMs, notices, sim: ctx.settings.sim });
    });
}

/** Upper bound of --sim-boards: each board holds its flash array (8 MiB for the default part) in memory. */
const MAX_SIM_BOARDS = 64;

/** `--sim-boards <n>`: 1 when absent; only with --sim. */
function parseSimBoards(text: string | undefined, sim: boolean): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_SIM_BOARDS) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `--sim-boards '${text}' is not a board count from 1 to ${MAX_SIM_BOARDS}`, { hint: 'Write e.g. --sim-boards 8.' });
  }
  if (!sim) throw new ImxflashError('CONFIG_BAD_OPTION', '--sim-boards plugs in virtual boards: it needs --sim', { hint: 'Add --sim, or drop --sim-boards to flash the boards connected to this host.' });
  return n;
}

/** The --probe of a gang: several --serial need a driver to read them against (as a single --serial does). */
function gangSelector(probe: string, serials: readonly string[]): string {
  const driver = probe.trim().toLowerCase() === 'auto' ? undefined : probe.trim().split(':')[0];
  if (serials.length > 0 && driver === undefined) {
    throw new ImxflashError('CONFIG_BAD_OPTION', '--serial needs a driver: --probe jlink or --probe cmsis-dap', {
      hint: `Write --probe cmsis-dap ${serials.map((x) => `--serial ${x}`).join(' ')}.`,
    });
  }
  return probe;
}

/**
 * --dry-run: the plan against what the flash holds now, and what the ROM would do with the
 * result. Under --sim the board's flash is read directly (nothing to open); on hardware the
 * probe reads the sectors the image touches (reads only).
 */
async function dryRun(ctx: CommandContext, a: { file: string; board: BoardChoice; image: FlashImage; erase: EraseStrategy; selector: string; flags: ProbeFlags }): Promise<void> {
  const { board, image, erase } = a;
  const base = bootFlashBase(board.chip);
  let plan: FlashPlan;
  let boot: SimBootResult | undefined;
  if (ctx.settings.sim) {
    const { loadSimBoard } = await import('../composition/sim-board-file.js');
    const { board: sim } = await loadSimBoard(ctx, board);
    // The same erase timing the drivers declare, so --dry-run plans what the real run will.
    const geometry: FlashGeometry = withEraseTiming(
      { base, sizeBytes: board.part.sizeBytes, pageBytes: board.part.pageBytes, eraseUnits: [...board.part.eraseUnits].sort((x, y) => x.bytes - y.bytes).map((u) => ({ bytes: u.bytes })) },
      board.part,
    );
    plan = planFlash(image.image, geometry, (address, bytes) => sim.flash.peek(address - base, bytes), { erase });
    const { simBootVerdictAfter } = await import('../composition/sim-boot-verdict.js');
    boot = simBootVerdictAfter(sim, image.image, base);
  } else {
    plan = await withDevice(ctx, board, a.selector, { attachFlash: true, save: false, ...portOf(a.flags) }, async (d) => {
      const device = d.device!;
      const draft = planFlash(image.image, device.geometry, undefined, { erase: erase === 'chip' ? 'chip' : 'sector' });
      const contents = new FlashContents();
      for (const r of draft.touched) contents.add(r.address, await device.read(r.address, r.bytes));
      return planFlash(image.image, device.geometry, (ad, n) => contents.get(ad, n), { erase });
    });
  }
  renderPlan(ctx, { file: a.file, board, image, plan, boot });
}
