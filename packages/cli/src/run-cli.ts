import { Command, CommanderError } from 'commander';
import type { CommandContext } from './context.js';
import type { GlobalFlags } from './config/settings.js';
import { NO_SETTINGS } from './config/no-settings.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { Io } from './io.js';
import { addGlobalOptions, commandWord } from './options/global-options.js';
import { pickStyle } from './render/style.js';
import { cliVersion } from './version.js';

type Register = (program: Command, contextFor: (cmd: Command) => CommandContext) => void;

/**
 * The command modules in help order, with the command names each registers. They (and
 * @imxflash/core behind them) load only when the command line needs them, so `--version` starts
 * with commander alone and `image …` does not load what device commands use.
 */
const COMMAND_MODULES: ReadonlyArray<{ names: readonly string[]; load: () => Promise<Register> }> = [
  { names: ['flash'], load: async () => (await import('./commands/flash-command.js')).registerFlashCommand },
  { names: ['erase', 'read', 'verify'], load: async () => (await import('./commands/memory-commands.js')).registerMemoryCommands },
  { names: ['run', 'reset'], load: async () => (await import('./commands/target-commands.js')).registerTargetCommands },
  { names: ['probes'], load: async () => (await import('./commands/probes-command.js')).registerProbesCommand },
  { names: ['doctor'], load: async () => (await import('./commands/doctor-command.js')).registerDoctorCommand },
  { names: ['image'], load: async () => (await import('./commands/image-command.js')).registerImageCommands },
  { names: ['chips', 'flash-parts'], load: async () => (await import('./commands/database-commands.js')).registerDatabaseCommands },
];

/**
 * The modules `argv` needs: the one registering its command; none for a bare `--version`; all
 * of them for help, no command or an unknown one (commander lists them, or suggests one).
 */
function commandModulesFor(argv: readonly string[]): typeof COMMAND_MODULES {
  const word = commandWord(argv);
  if (word !== undefined) {
    const named = COMMAND_MODULES.filter((m) => m.names.includes(word));
    return named.length > 0 ? named : COMMAND_MODULES;
  }
  const version = argv.some((a) => a === '-V' || a === '--version');
  const help = argv.some((a) => a === '-h' || a === '--help');
  return version && !help ? [] : COMMAND_MODULES;
}

/**
 * Runs one `imxflash` invocation and returns its exit code. Never calls process.exit, so tests
 * drive it in-process with injected streams.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const program = new Command('imxflash');
  let ctx: CommandContext | undefined;
  const contextFor = (cmd: Command): CommandContext => {
    const flags = cmd.optsWithGlobals<GlobalFlags>();
    // The context exists before the settings are read, so a bad config file is still rendered per --json.
    const base = makeContext(io, flags);
    ctx = base;
    ctx = { ...base, settings: settingsModule!.resolveSettings(flags, io.env, io.cwd) };
    return ctx;
  };

  addGlobalOptions(
    program
      .description('Build i.MX RT boot images and program them into FlexSPI NOR flash (QSPI, HyperFlash) over CMSIS-DAP, J-Link or the ROM serial downloader.')
      .version(cliVersion(), '-V, --version', 'print the version'),
  )
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Examples:
  $ imxflash flash app.hex                                   find a probe, build the boot image, erase, program, verify, reset
  $ imxflash flash app.hex --sim                             the same against the virtual RT1052 board
  $ imxflash flash app.elf --probe jlink --chip rt1062 --flash w25q64jv
  $ imxflash image build app.hex -o app.bootable.bin
  $ imxflash image inspect app.bootable.bin
  $ imxflash probes
  $ imxflash doctor

Settings: flags, then the environment, then imxflash.config.json (or "imxflash" in package.json).
Environment: IMXFLASH_CHIP, IMXFLASH_FLASH, IMXFLASH_PROBE, IMXFLASH_FLASHLOADER, IMXFLASH_CONFIG,
  IMXFLASH_SIM=1, IMXFLASH_SIM_STATE; for --sim: IMXFLASH_SIM_JLINK=V6.82d,V7.94e (J-Link versions
  to install), IMXFLASH_SIM_DAP=v1 (HID probe), IMXFLASH_SIM_UNPLUG_AFTER=<bytes> (with
  IMXFLASH_SIM_UNPLUG_BOARD=<n>: board n of --sim-boards only); NO_COLOR.

Exit codes: 0 ok, 1 input error, 2 device error, 3 verify mismatch, 4 internal error.`,
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {
        /* rendered below as a coded error */
      },
    });

  const modules = commandModulesFor(argv);
  // Settings (config file search) only for a command that runs, never for --version.
  const settingsModule = modules.length > 0 ? await import('./config/settings.js') : undefined;
  for (const register of await Promise.all(modules.map((m) => m.load()))) register(program, contextFor);

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return ctx?.exitCode ?? EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return commanderExit(e, io, argv);
    const c = ctx ?? makeContext(io, {});
    const { errorToJson, renderError } = await import('./render/error-renderer.js');
    const { ImxflashError, categoryOf } = await import('@imxflash/core');
    if (c.json) c.io.stdout.write(JSON.stringify({ ok: false, error: errorToJson(e) }, null, 2) + '\n');
    renderError(io, c.style, e, c.verbose);
    return e instanceof ImxflashError ? exitCodeFor(categoryOf(e.code)) : EXIT.internal;
  }
}

async function commanderExit(e: CommanderError, io: Io, argv: readonly string[]): Promise<number> {
  // --help and --version end with exit code 0 and have already printed.
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT.ok;
  // `imxflash` or `imxflash image` alone: commander printed the help to stderr.
  if (e.code === 'commander.help') return EXIT.input;
  const style = pickStyle(io, !argv.includes('--no-color'));
  const { renderError } = await import('./render/error-renderer.js');
  const { ImxflashError } = await import('@imxflash/core');
  const message = e.message.replace(/^error: /, '');
  const wrapped = new ImxflashError('CONFIG_BAD_OPTION', message, { hint: 'Run `imxflash --help` (or `imxflash <command> --help`) for the options.' });
  if (argv.includes('--json')) io.stdout.write(JSON.stringify({ ok: false, error: wrapped.toJSON() }, null, 2) + '\n');
  renderError(io, style, wrapped, false);
  return EXIT.input;
}

/** A context with no settings yet (contextFor adds them once the config file is read). */
function makeContext(io: Io, g: GlobalFlags): CommandContext {
  const json = Boolean(g.json);
  const quiet = Boolean(g.quiet);
  const verbose = Boolean(g.verbose);
  const style = pickStyle(io, g.color !== false && !json);
  return {
    io,
    style,
    json,
    quiet,
    verbose,
    settings: NO_SETTINGS,
    signal: io.signal,
    say: (text) => {
      if (!json && !quiet) io.stdout.write(text.endsWith('\n') ? text : text + '\n');
    },
    note: (text) => {
      if (!quiet) io.stderr.write(text.endsWith('\n') ? text : text + '\n');
    },
    detail: (text) => {
      if (verbose) io.stderr.write(text.endsWith('\n') ? text : text + '\n');
    },
    result: (value) => {
      if (json) io.stdout.write(JSON.stringify(value, jsonReplacer, 2) + '\n');
    },
    exitCode: EXIT.ok,
  };
}

/** Uint8Arrays become hex strings in JSON rather than index maps. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return value;
}
