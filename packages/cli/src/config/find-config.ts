import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ImxflashError } from '@imxflash/core';
import { validateConfig, type ConfigFile } from './config-schema.js';

export const CONFIG_FILE_NAME = 'imxflash.config.json';

export interface LoadedConfig {
  readonly config: ConfigFile;
  /** The file it came from (`…/package.json#imxflash` for the package.json key); undefined: none found. */
  readonly source: string | undefined;
  /** Directory that relative paths in the file resolve against. */
  readonly dir: string;
}

/**
 * The configuration for a run: `explicit` (from --config or IMXFLASH_CONFIG) must exist;
 * otherwise the nearest `imxflash.config.json`, or package.json with an `imxflash` key, from
 * `cwd` upward (a directory's imxflash.config.json wins over its package.json).
 */
export function loadConfig(cwd: string, explicit: string | undefined): LoadedConfig {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    const text = readText(path);
    if (text === undefined) {
      throw new ImxflashError('FILE_NOT_FOUND', `config file not found: ${explicit}`, {
        hint: 'Check the --config path (relative to the current directory), or drop --config to use imxflash.config.json.',
        details: { path: explicit },
      });
    }
    return { config: parse(text, explicit, path.endsWith('package.json')), source: explicit, dir: dirname(path) };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const own = join(dir, CONFIG_FILE_NAME);
    const text = readText(own);
    if (text !== undefined) return { config: parse(text, own, false), source: own, dir };
    const pkgPath = join(dir, 'package.json');
    const pkg = readText(pkgPath);
    if (pkg !== undefined) {
      const found = parsePackageJson(pkg, pkgPath);
      if (found !== undefined) return { config: found, source: `${pkgPath}#imxflash`, dir };
    }
    if (dirname(dir) === dir) return { config: {}, source: undefined, dir: cwd };
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ImxflashError('FILE_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, { hint: 'Check the file permissions.', cause, details: { path } });
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ImxflashError('CONFIG_BAD_FILE', `${source} is not valid JSON: ${(cause as Error).message}`, {
      hint: 'Fix the JSON syntax (a trailing comma or a missing quote is the usual cause).',
      cause,
      details: { source },
    });
  }
}

function parse(text: string, source: string, isPackageJson: boolean): ConfigFile {
  if (isPackageJson) return parsePackageJson(text, source) ?? {};
  return validateConfig(parseJson(text, source), source);
}

/** The `imxflash` key of a package.json, or undefined when it has none (an unparsable package.json is not ours to report). */
function parsePackageJson(text: string, path: string): ConfigFile | undefined {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof pkg !== 'object' || pkg === null || !('imxflash' in pkg)) return undefined;
  return validateConfig((pkg as { imxflash: unknown }).imxflash, `${path}#imxflash`);
}
