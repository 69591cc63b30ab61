import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  BOOT_MODE_REQUESTS,
  ImxflashError,
  bootFlashBase,
  buildBootImage,
  inspectBootImage,
  parseFirmware,
  serializeFirmware,
  type BootModeRequest,
  type FcbOptions,
  type FirmwareFormat,
  type OutputFirmwareFormat,
} from '@imxflash/core';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { parseAddress, parseChoice, parseMhz } from '../options/parse-address.js';
import { renderBuildSummary } from '../render/build-summary.js';
import { renderInspectReport } from '../render/inspect-report.js';
import { resolveBoard } from './board-options.js';
import { readInputFile } from './read-input-file.js';

const INPUT_FORMATS: readonly FirmwareFormat[] = ['ihex', 'srec', 'elf', 'bin'];
const OUTPUT_FORMATS = ['bin', 'hex', 'srec'] as const;

interface BuildOptions {
  output: string;
  mode: string;
  dcd?: string;
  fcb?: string;
  format?: string;
  inputFormat?: string;
  base?: string;
  quadEnable: string;
  read: string;
  maxFrequency?: string;
}

interface InspectOptions {
  inputFormat?: string;
  base?: string;
}

export function registerImageCommands(program: Command, contextFor: (cmd: Command) => CommandContext): void {
  const image = program.command('image').description('build and inspect boot images (no hardware needed)');

  image
    .command('build')
    .description('turn a linked app (hex, srec, elf, bin) into a FlexSPI NOR boot image: FCB + IVT + boot data (+ DCD) + app')
    .argument('<input>', 'the linked app: Intel HEX, S-record, ELF, or bin (with --base)')
    .requiredOption('-o, --output <file>', 'where to write the boot image')
    .option('--mode <mode>', `${BOOT_MODE_REQUESTS.join('|')}: xip runs in place, ram is copied by the ROM, as-is keeps the input's headers`, 'auto')
    .option('--dcd <file>', 'a DCD binary the ROM runs first (e.g. SDRAM set-up)')
    .option('--fcb <file>', 'use this 512-byte FCB instead of building one from the flash-part database')
    .option('--format <format>', `output format: ${OUTPUT_FORMATS.join('|')} (default: from the output file extension, else bin)`)
    .option('--input-format <format>', `input format: ${INPUT_FORMATS.join('|')} (default: detected)`)
    .option('--base <address>', 'load address of a bin input (e.g. 0x20002000)')
    .option('--quad-enable <how>', 'fcb: the FCB makes the ROM set the QE bit; assume-set: QE is already set (as on NXP EVKs)', 'fcb')
    .option('--read <how>', 'quad: fastest read the part has; safe: 1-1-1 read 0x03', 'quad')
    .option('--max-frequency <mhz>', 'upper limit for the FlexSPI clock the FCB selects')
    .addHelpText(
      'after',
      `
Examples:
  $ imxflash image build app.hex -o app.bootable.bin
  $ imxflash image build app.elf -o app.hex --chip rt1062 --flash w25q64jv
  $ imxflash image build app.bin --base 0x20002000 -o app.bootable.bin --mode ram`,
    )
    .action(async (input: string, o: BuildOptions, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      const mode = parseChoice(o.mode, '--mode', BOOT_MODE_REQUESTS) as BootModeRequest;
      const format = outputFormat(o.format, o.output);
      const fcbOptions: FcbOptions = {
        quadEnable: parseChoice(o.quadEnable, '--quad-enable', ['fcb', 'assume-set'] as const),
        read: parseChoice(o.read, '--read', ['quad', 'safe'] as const),
        ...(o.maxFrequency ? { maxFrequencyMhz: parseMhz(o.maxFrequency, '--max-frequency') } : {}),
      };
      const at = (p: string) => resolve(ctx.io.cwd, p);
      const app = parseFirmware(await readInputFile(at(input), input, 'input file'), input, inputOptions(o));
      const dcd = o.dcd ? await readInputFile(at(o.dcd), o.dcd, 'DCD file') : undefined;
      const fcb = o.fcb ? await readInputFile(at(o.fcb), o.fcb, 'FCB file') : undefined;
      const boot = buildBootImage(app, { chip: board.chip, part: board.part, mode, fcbOptions, ...(dcd ? { dcd } : {}), ...(fcb ? { fcb } : {}) });
      const bytes = format === 'bin' ? boot.bytes : serializeFirmware(boot.image, format);
      await writeOutput(resolve(ctx.io.cwd, o.output), o.output, bytes);
      renderBuildSummary(ctx, { input, output: o.output, format, board, boot, bytesWritten: bytes.length });
    });

  image
    .command('inspect')
    .description('decode FCB, IVT, boot data and DCD, lint them, and say what the boot ROM will do')
    .argument('<file>', 'a boot image: bin (at the flash base unless --base), Intel HEX, S-record or ELF')
    .option('--input-format <format>', `input format: ${INPUT_FORMATS.join('|')} (default: detected)`)
    .option('--base <address>', 'address of the first byte of a bin file (default: the boot flash base)')
    .addHelpText('after', '\nExit code 1 when a finding is an error (the ROM would not boot the image).')
    .action(async (file: string, o: InspectOptions, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      const bytes = await readInputFile(resolve(ctx.io.cwd, file), file, 'image file');
      const base = o.base !== undefined ? parseAddress(o.base, '--base') : bootFlashBase(board.chip);
      const image = parseFirmware(bytes, file, { ...inputOptions(o), baseAddress: base });
      const report = inspectBootImage(image, { chip: board.chip, part: board.part });
      renderInspectReport(ctx, { file, board, report });
      if (report.findings.some((f) => f.severity === 'error')) ctx.exitCode = EXIT.input;
    });
}

function inputOptions(o: { inputFormat?: string; base?: string }): { format?: FirmwareFormat; baseAddress?: number } {
  return {
    ...(o.inputFormat ? { format: parseChoice(o.inputFormat, '--input-format', INPUT_FORMATS) } : {}),
    ...(o.base !== undefined ? { baseAddress: parseAddress(o.base, '--base') } : {}),
  };
}

function outputFormat(flag: string | undefined, output: string): OutputFirmwareFormat {
  if (flag) {
    const f = parseChoice(flag, '--format', OUTPUT_FORMATS);
    return f === 'hex' ? 'ihex' : f;
  }
  const ext = extname(output).toLowerCase();
  if (['.hex', '.ihex', '.ihx'].includes(ext)) return 'ihex';
  if (['.srec', '.s19', '.s28', '.s37', '.mot'].includes(ext)) return 'srec';
  return 'bin';
}

async function writeOutput(fullPath: string, path: string, bytes: Uint8Array): Promise<void> {
  try {
    writeFileSync(fullPath, bytes);
  } catch (cause) {
    throw new ImxflashError('OUTPUT_WRITE_FAILED', `cannot write ${path}: ${(cause as Error).message}`, {
      hint: 'Check that the folder exists and is writable.',
      cause,
      details: { path },
    });
  }
}
