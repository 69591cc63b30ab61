import type { Command } from 'commander';

/** Global options that take a value (the word after them is not a command name). */
export const GLOBAL_VALUE_OPTIONS: readonly string[] = [
  '--chip', '--flash', '--probe', '--flashloader', '--speed', '--jlink-version', '--jlink-policy', '--jlink-path', '--config', '--sim-state',
];

/**
 * Options every command takes. Commander recognises program options before and after the
 * command name, so `imxflash flash app.hex --chip rt1062` and `imxflash --chip rt1062 flash app.hex`
 * are the same.
 */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--chip <chip>', 'chip, e.g. rt1052, rt1062, rt1176 (default rt1052; env IMXFLASH_CHIP)')
    .option('--flash <part>', 'flash part, e.g. is25wp064a, w25q64jv (default is25wp064a; env IMXFLASH_FLASH)')
    .option('--probe <selector>', 'auto | cmsis-dap | jlink | sdp, or one probe: jlink:600112345, sdp:/dev/ttyUSB0 (env IMXFLASH_PROBE)')
    .option('--flashloader <file>', 'NXP\'s ivt_flashloader.bin, for --probe sdp (env IMXFLASH_FLASHLOADER)')
    .option('--speed <kHz>', 'SWD clock in kHz for cmsis-dap and jlink (default 4000)')
    .option('--jlink-version <version>', 'use this installed J-Link version, e.g. V7.94e (--probe jlink)')
    .option('--jlink-policy <policy>', 'a J-Link version with a known issue for the chip: auto (use another installed one) | strict (stop) | warn (go ahead)')
    .option('--jlink-path <dir>', 'a J-Link install folder or JLinkExe to use (--probe jlink)')
    .option('--sim', 'run against the virtual board instead of hardware (env IMXFLASH_SIM=1)')
    .option('--sim-state <file>', 'the virtual board\'s state file (default: in the user cache dir; env IMXFLASH_SIM_STATE)')
    .option('--config <file>', 'configuration file (default: imxflash.config.json or the "imxflash" key of package.json, searched upward; env IMXFLASH_CONFIG)')
    .option('--json', 'print one JSON result object on stdout (logs go to stderr)')
    .option('-q, --quiet', 'print only errors')
    .option('-v, --verbose', 'print more detail (and error causes)')
    .option('--no-color', 'no colours (also: NO_COLOR=1)');
}

/** The command word of `argv`: the first word that is neither an option nor a global option's value. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1];
    if (GLOBAL_VALUE_OPTIONS.includes(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return a;
  }
  return undefined;
}
