import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The external programs the bench compares against or measures with, and their Debian package. */
export const EXTERNAL_TOOLS = {
  objcopy: { command: 'arm-none-eabi-objcopy', aptPackage: 'binutils-arm-none-eabi', use: 'reference converter (objcopy -O binary)' },
  ld: { command: 'arm-none-eabi-ld', aptPackage: 'binutils-arm-none-eabi', use: 'links the ELF fixture' },
  srecCat: { command: 'srec_cat', aptPackage: 'srecord', use: 'second reference converter' },
  time: { command: 'time', aptPackage: 'time', use: 'GNU time, for peak RSS' },
} as const;

export type ToolKey = keyof typeof EXTERNAL_TOOLS;
/** Absolute path of each tool found; missing ones are absent. */
export type ToolPaths = Partial<Record<ToolKey, string>>;

const APT_TIMEOUT_MS = 600_000;

/** The first executable `name` on PATH (no shell, no `which`), or undefined. */
export function findExecutable(name: string, pathVariable: string = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of pathVariable.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function findAll(): ToolPaths {
  const found: ToolPaths = {};
  for (const key of Object.keys(EXTERNAL_TOOLS) as ToolKey[]) {
    const path = findExecutable(EXTERNAL_TOOLS[key].command);
    if (path !== undefined) found[key] = path;
  }
  return found;
}

/**
 * Finds objcopy, ld, srec_cat and GNU time. When some are missing, `install` is set, we run as
 * root and apt-get exists, installs their Debian packages (saying so); every tool still missing
 * afterwards gets one line saying what is skipped.
 */
export function checkTools(options: { install: boolean; log: (line: string) => void }): ToolPaths {
  const { log } = options;
  let found = findAll();
  const missing = (Object.keys(EXTERNAL_TOOLS) as ToolKey[]).filter((k) => found[k] === undefined);
  if (missing.length > 0 && options.install) {
    const aptGet = findExecutable('apt-get');
    const isRoot = process.getuid?.() === 0;
    if (aptGet !== undefined && isRoot) {
      const packages = [...new Set(missing.map((k) => EXTERNAL_TOOLS[k].aptPackage))];
      log(`missing: ${missing.map((k) => EXTERNAL_TOOLS[k].command).join(', ')}; installing Debian packages: ${packages.join(' ')}`);
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      for (const argv of [['update'], ['install', '-y', ...packages]]) {
        log(`$ apt-get ${argv.join(' ')}`);
        const r = spawnSync(aptGet, argv, { stdio: 'inherit', env, timeout: APT_TIMEOUT_MS });
        if (r.error || r.status !== 0) {
          log(`apt-get ${argv[0]} failed (${r.error?.message ?? `exit code ${r.status}`}); continuing with what is installed`);
          break;
        }
      }
      found = findAll();
    } else {
      log(`missing: ${missing.map((k) => EXTERNAL_TOOLS[k].command).join(', ')}; not installing (${isRoot ? 'no apt-get' : 'not root'})`);
    }
  }
  for (const key of Object.keys(EXTERNAL_TOOLS) as ToolKey[]) {
    const tool = EXTERNAL_TOOLS[key];
    if (found[key] === undefined) {
      log(`skip: ${tool.command} not found (${tool.use}); install it with: apt-get install ${tool.aptPackage}`);
    }
  }
  return found;
}

/** First line of `<tool> <versionFlag>`, for the results header; undefined if it does not answer. */
export function toolVersion(path: string, versionFlag: string): string | undefined {
  const r = spawnSync(path, [versionFlag], { encoding: 'utf8', timeout: 10_000 });
  const line = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0];
  return r.error || !line ? undefined : line.trim();
}
