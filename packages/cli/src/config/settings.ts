import { resolve } from 'node:path';
import { ImxflashError } from '@imxflash/core';
import type { ConfigFile } from './config-schema.js';
import { loadConfig } from './find-config.js';

/** Where a setting came from, for messages ("--chip rt9999 (from IMXFLASH_CHIP)"). */
export type SettingSource = 'flag' | 'env' | 'config' | 'default';

/** The global flags as commander parsed them. */
export interface GlobalFlags {
  chip?: string;
  flash?: string;
  probe?: string;
  flashloader?: string;
  speed?: string;
  jlinkVersion?: string;
  jlinkPolicy?: string;
  jlinkPath?: string;
  config?: string;
  sim?: boolean;
  simState?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
}

/** The environment variable for each setting that has one. */
export const ENV_NAMES = {
  chip: 'IMXFLASH_CHIP',
  flash: 'IMXFLASH_FLASH',
  probe: 'IMXFLASH_PROBE',
  flashloader: 'IMXFLASH_FLASHLOADER',
  sim: 'IMXFLASH_SIM',
  simState: 'IMXFLASH_SIM_STATE',
  config: 'IMXFLASH_CONFIG',
} as const;

/** Settings after flag > environment > config file > default; paths are absolute. */
export interface Settings {
  readonly chip: string | undefined;
  readonly flash: string | undefined;
  readonly probe: string;
  readonly flashloader: string | undefined;
  readonly sim: boolean;
  readonly simState: string | undefined;
  /** Command defaults a config file may set (the command's own flag wins). */
  readonly erase: ConfigFile['erase'];
  readonly mode: ConfigFile['mode'];
  readonly verify: boolean | undefined;
  readonly reset: boolean | undefined;
  /** SWD clock in kHz for cmsis-dap and jlink (flag > config file); undefined: the drivers' default. */
  readonly speedKhz: number | undefined;
  /** J-Link driver choices (flag > config file). */
  readonly jlink: { readonly version?: string; readonly policy?: string; readonly installPath?: string };
  readonly sources: Readonly<Partial<Record<'chip' | 'flash' | 'probe' | 'flashloader' | 'sim' | 'simState', SettingSource>>>;
  /** The config file used, if any. */
  readonly configSource: string | undefined;
}

/** Merges flags, environment and the config file (found from `cwd` upward). */
export function resolveSettings(flags: GlobalFlags, env: Readonly<Record<string, string | undefined>>, cwd: string): Settings {
  const explicit = flags.config ?? nonEmpty(env[ENV_NAMES.config]);
  const { config, source, dir } = loadConfig(cwd, explicit);
  const sources: Partial<Record<'chip' | 'flash' | 'probe' | 'flashloader' | 'sim' | 'simState', SettingSource>> = {};

  const pick = <K extends 'chip' | 'flash' | 'probe' | 'flashloader' | 'simState'>(key: K, flag: string | undefined, path: boolean): string | undefined => {
    const fromEnv = nonEmpty(env[ENV_NAMES[key]]);
    const fromConfig = config[key];
    if (flag !== undefined) sources[key] = 'flag';
    else if (fromEnv !== undefined) sources[key] = 'env';
    else if (fromConfig !== undefined) sources[key] = 'config';
    else return undefined;
    const value = flag ?? fromEnv ?? fromConfig!;
    // Paths from the file are relative to the file; from a flag or the environment, to the cwd.
    return path ? resolve(sources[key] === 'config' ? dir : cwd, value) : value;
  };

  const chip = pick('chip', flags.chip, false);
  const flash = pick('flash', flags.flash, false);
  const probe = pick('probe', flags.probe, false);
  const flashloader = pick('flashloader', flags.flashloader, true);
  const simState = pick('simState', flags.simState, true);

  let sim: boolean;
  const simEnv = nonEmpty(env[ENV_NAMES.sim]);
  if (flags.sim) [sim, sources.sim] = [true, 'flag'];
  else if (simEnv !== undefined) [sim, sources.sim] = [parseBooleanEnv(ENV_NAMES.sim, simEnv), 'env'];
  else if (config.sim !== undefined) [sim, sources.sim] = [config.sim, 'config'];
  else [sim, sources.sim] = [false, 'default'];

  return {
    chip,
    flash,
    probe: probe ?? 'auto',
    flashloader,
    sim,
    simState,
    erase: config.erase,
    mode: config.mode,
    verify: config.verify,
    reset: config.reset,
    speedKhz: flags.speed !== undefined ? parseKhz(flags.speed) : config.speedKhz,
    jlink: {
      ...((flags.jlinkVersion ?? config.jlinkVersion) !== undefined ? { version: (flags.jlinkVersion ?? config.jlinkVersion)! } : {}),
      ...((flags.jlinkPolicy ?? config.jlinkPolicy) !== undefined ? { policy: (flags.jlinkPolicy ?? config.jlinkPolicy)! } : {}),
      ...(flags.jlinkPath !== undefined ? { installPath: resolve(cwd, flags.jlinkPath) } : config.jlinkPath !== undefined ? { installPath: resolve(dir, config.jlinkPath) } : {}),
    },
    sources,
    configSource: source,
  };
}

/** "from IMXFLASH_CHIP", "from imxflash.config.json": said after a value that did not come from a flag. */
export function describeSource(settings: Settings, key: keyof Settings['sources']): string {
  switch (settings.sources[key]) {
    case 'env':
      return ` (from ${ENV_NAMES[key]})`;
    case 'config':
      return ` (from ${settings.configSource})`;
    default:
      return '';
  }
}

function parseKhz(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `--speed: '${text}' is not a whole number of kHz from 1 to 100000`, { hint: 'For example --speed 4000 (4 MHz) or --speed 1000 for long wires.' });
  }
  return n;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function parseBooleanEnv(name: string, v: string): boolean {
  const t = v.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  throw new ImxflashError('CONFIG_BAD_OPTION', `${name}='${v}' is not a yes/no value`, { hint: `Set ${name}=1 or ${name}=0.`, details: { name, value: v } });
}
