import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  BOOT_MODE_REQUESTS,
  ImxflashError,
  MemoryImageBuilder,
  PhaseReporter,
  hex32,
  checkFlashMatches,
  mergeRanges,
  refuseProtectedWrites,
  serializeFirmware,
  type BootModeRequest,
  type FlashDevice,
  type FlashRange,
  type ProgressListener,
} from '@imxflash/core';
import type { CommandContext } from '../context.js';
import { parseAddress, parseChoice } from '../options/parse-address.js';
import type { ProgressRenderer } from '../render/progress/progress-renderer.js';
import { formatBytes, formatDuration } from '../render/units.js';
import { resolveBoard } from './board-options.js';
import { withDevice } from './device-session.js';
import { INPUT_FORMATS, loadFlashImage } from './load-image.js';
import { addProbeOptions, portOf, selectorText, type ProbeFlags } from './probe-options.js';

interface RangeFlags extends ProbeFlags {
  address?: string;
  length?: string;
  all?: boolean;
}

export function registerMemoryCommands(program: Command, contextFor: (cmd: Command) => CommandContext): void {
  addProbeOptions(program.command('erase').description('erase a range of the flash (whole erase units), or all of it'))
    .option('--address <address>', 'first byte to erase (a multiple of the sector size), e.g. 0x60000000')
    .option('--length <bytes>', 'bytes to erase (a multiple of the sector size), e.g. 0x40000 or 256K')
    .option('--all', 'erase the whole flash')
    .action(async (o: RangeFlags, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      if (o.all && (o.address !== undefined || o.length !== undefined)) throw bad('--all erases everything: drop --address and --length');
      if (!o.all && (o.address === undefined || o.length === undefined)) throw bad('erase needs --address and --length, or --all');
      await withDevice(ctx, board, selectorText(ctx.settings, o), { attachFlash: true, save: true, ...portOf(o) }, async (d) => {
        const device = d.device!;
        const range = o.all ? { address: device.geometry.base, bytes: device.geometry.sizeBytes } : explicitRange(o, device);
        // A protected part ignores the erase silently: refuse rather than report an erase that did not happen.
        await refuseProtectedWrites(device, [range], 'this erase');
        const ms = await phase(d.progress, d.env.clock, 'erase', range.bytes, (onBytes) => device.erase([range], onBytes));
        ctx.result({ ok: true, command: 'erase', address: range.address, bytes: range.bytes, ms, probe: d.info.driver, sim: ctx.settings.sim });
        ctx.say(`${ctx.style.green('✓')} erased ${formatBytes(range.bytes)} at ${hex32(range.address)} in ${formatDuration(ms)}${ctx.settings.sim ? ' (modelled)' : ''}`);
      });
    });

  addProbeOptions(
    program
      .command('read')
      .description('read flash into a file (bin, or hex/srec by the file extension)')
      .argument('<out>', 'output file: .bin, .hex or .srec'),
  )
    .requiredOption('--address <address>', 'first byte, e.g. 0x60000000')
    .requiredOption('--length <bytes>', 'bytes to read, e.g. 0x10000 or 64K')
    .action(async (out: string, o: RangeFlags, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      const address = parseAddress(o.address!, '--address');
      const length = parseAddress(o.length!, '--length');
      if (length === 0) throw bad('--length must be more than 0');
      await withDevice(ctx, board, selectorText(ctx.settings, o), { attachFlash: true, save: false, ...portOf(o) }, async (d) => {
        let data: Uint8Array = new Uint8Array(0);
        const ms = await phase(d.progress, d.env.clock, 'read', length, async (onBytes) => {
          data = await d.device!.read(address, length, onBytes);
        });
        const format = formatOf(out);
        const bytes = format === 'bin' ? data : serializeFirmware(imageOf(address, data), format);
        write(resolve(ctx.io.cwd, out), out, bytes);
        ctx.result({ ok: true, command: 'read', output: out, format, address, bytes: length, ms, probe: d.info.driver, sim: ctx.settings.sim });
        ctx.say(`${ctx.style.green('✓')} read ${formatBytes(length)} at ${hex32(address)} into ${out} in ${formatDuration(ms)}${ctx.settings.sim ? ' (modelled)' : ''}`);
      });
    });

  addProbeOptions(
    program
      .command('verify')
      .description('compare the flash with what `flash <file>` would write (the built boot image, or --raw data)')
      .argument('<file>', 'the linked app: Intel HEX, S-record, ELF, or bin (with --base)'),
  )
    .option('--base <address>', 'load address of a bin input')
    .option('--input-format <format>', `input format: ${INPUT_FORMATS.join('|')} (default: detected)`)
    .option('--mode <mode>', `boot image: ${BOOT_MODE_REQUESTS.join('|')} (default auto)`)
    .option('--raw', 'compare the file as it is (no boot headers)')
    .addHelpText('after', '\nExit code 3 when the flash differs.')
    .action(async (file: string, o: ProbeFlags & { base?: string; inputFormat?: string; mode?: string; raw?: boolean }, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      const mode = parseChoice(o.mode ?? ctx.settings.mode ?? 'auto', '--mode', BOOT_MODE_REQUESTS) as BootModeRequest;
      const image = await loadFlashImage(ctx, file, board, { ...o, mode, raw: Boolean(o.raw) });
      const ranges = mergeRanges(image.image.segments.map((s) => ({ address: s.address, bytes: s.data.length })));
      const total = ranges.reduce((n, r) => n + r.bytes, 0);
      await withDevice(ctx, board, selectorText(ctx.settings, o), { attachFlash: true, save: false, ...portOf(o) }, async (d) => {
        const ms = await phase(d.progress, d.env.clock, 'verify', total, async (onBytes) => {
          let done = 0;
          for (const r of ranges) {
            const actual = await d.device!.read(r.address, r.bytes, (n) => onBytes(done + n));
            checkFlashMatches(r, image.image.read(r.address, r.bytes), actual, 'Flash the file again (`imxflash flash <file>`); if it persists, run `imxflash doctor`.');
            done += r.bytes;
          }
        });
        ctx.result({ ok: true, command: 'verify', file, verifiedBytes: total, ms, probe: d.info.driver, sim: ctx.settings.sim });
        ctx.say(`${ctx.style.green('✓')} ${file}: the flash holds all ${formatBytes(total)} (${formatDuration(ms)}${ctx.settings.sim ? ', modelled' : ''})`);
      });
    });
}

/** Runs one device operation as a phase (progress events, Clock duration). */
async function phase(
  progress: ProgressRenderer,
  clock: { now(): number; sleep(ms: number): Promise<void> },
  name: 'erase' | 'read' | 'verify',
  total: number,
  body: (onBytes: (done: number) => void) => Promise<void>,
): Promise<number> {
  const onProgress: ProgressListener = (e) => progress.onEvent(e);
  const rep = PhaseReporter.start(name, total, { clock, onProgress });
  try {
    await body((done) => rep.update(done));
    rep.update(total);
    return rep.end(true);
  } catch (e) {
    rep.end(false);
    throw e;
  }
}

function explicitRange(o: RangeFlags, device: FlashDevice): FlashRange {
  const address = parseAddress(o.address!, '--address');
  const bytes = parseAddress(o.length!, '--length');
  const sector = device.geometry.eraseUnits[0]!.bytes;
  if (bytes === 0 || address % sector !== 0 || bytes % sector !== 0) {
    throw new ImxflashError('FLASH_ERASE_UNALIGNED', `erase ${hex32(address)} +0x${bytes.toString(16)} is not whole ${formatBytes(sector)} sectors`, {
      hint: `Use an --address and --length that are multiples of 0x${sector.toString(16)}; imxflash never erases more than asked.`,
      details: { address, bytes, sectorBytes: sector },
    });
  }
  return { address, bytes };
}


function imageOf(address: number, data: Uint8Array) {
  const b = new MemoryImageBuilder();
  b.addSegment(address, data);
  return b.build();
}

function formatOf(out: string): 'bin' | 'ihex' | 'srec' {
  const ext = extname(out).toLowerCase();
  if (['.hex', '.ihex', '.ihx'].includes(ext)) return 'ihex';
  if (['.srec', '.s19', '.s28', '.s37', '.mot'].includes(ext)) return 'srec';
  return 'bin';
}

function write(fullPath: string, path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(fullPath, bytes);
  } catch (cause) {
    throw new ImxflashError('OUTPUT_WRITE_FAILED', `cannot write ${path}: ${(cause as Error).message}`, { hint: 'Check that the folder exists and is writable.', cause, details: { path } });
  }
}

function bad(message: string): ImxflashError {
  return new ImxflashError('CONFIG_BAD_OPTION', message, { hint: 'Run `imxflash <command> --help` for the options.' });
}
