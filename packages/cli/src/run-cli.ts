import { Command, CommanderError } from 'commander';
import type { CommandContext, GlobalOptions } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { Io } from './io.js';
import { pickStyle } from './render/style.js';
import { cliVersion } from './version.js';

type Register = (program: Command, contextFor: (cmd: Command) => CommandContext) => void;

/**
 * The command modules in help order, with the command names each registers. They (and
 * @imxflash/core behind them) load only when the command line needs them, so `--version` starts
 * with commander alone and `image …` does not load what other commands use.
 */
const COMMAND_MODULES: ReadonlyArray<{ names: readonly string[]; load: () => Promise<Register> }> = [
  { names: ['image'], load: async () => (await import('./commands/image-command.js')).registerImageCommands },
  { names: ['chips', 'flash-parts'], load: async () => (await import('./commands/database-commands.js')).registerDatabaseCommands },
];

/**
 * The modules `argv` needs: the one registering its command (global options take no values, so
 * that is the first word not starting with '-'); none for a bare `--version`; all of them for
 * help, no command or an unknown one (commander lists them, or suggests one).
 */
function commandModulesFor(argv: readonly string[]): typeof COMMAND_MODULES {
  const word = argv.find((a) => !a.startsWith('-'));
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
    const g = cmd.optsWithGlobals<GlobalOptions>();
    ctx = makeContext(io, g);
    return ctx;
  };

  program
    .description('Build i.MX RT boot images and program them into FlexSPI NOR flash (QSPI, HyperFlash).')
    .version(cliVersion(), '-V, --version', 'print the version')
    .option('--json', 'print one JSON result object on stdout (logs go to stderr)')
    .option('-q, --quiet', 'print only errors')
    .option('-v, --verbose', 'print more detail (and error causes)')
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Examples:
  $ imxflash image build app.hex -o app.bootable.bin --chip rt1052 --flash is25wp064a
  $ imxflash image inspect app.bootable.bin
  $ imxflash chips
  $ imxflash flash-parts

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

  for (const register of await Promise.all(commandModulesFor(argv).map((m) => m.load()))) register(program, contextFor);

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

function makeContext(io: Io, g: GlobalOptions): CommandContext {
  const json = Boolean(g.json);
  const quiet = Boolean(g.quiet);
  const style = pickStyle(io, g.color !== false && !json);
  return {
    io,
    style,
    json,
    quiet,
    verbose: Boolean(g.verbose),
    say: (text) => {
      if (!json && !quiet) io.stdout.write(text.endsWith('\n') ? text : text + '\n');
    },
    note: (text) => {
      if (!quiet) io.stderr.write(text.endsWith('\n') ? text : text + '\n');
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
