import { ImxflashError } from '@imxflash/core';

/**
 * The keys an `imxflash.config.json` (or the `imxflash` key of package.json) may hold. Each is
 * also a command-line flag; the flag wins, then the environment, then the file.
 */
export interface ConfigFile {
  readonly chip?: string;
  readonly flash?: string;
  /** A probe selector: `auto`, `jlink`, `cmsis-dap:0x1fc9:0x0143`, `sdp:/dev/ttyUSB0`. */
  readonly probe?: string;
  /** NXP's ivt_flashloader.bin for `--probe sdp`; relative to the config file. */
  readonly flashloader?: string;
  readonly erase?: 'auto' | 'sector' | 'chip';
  readonly mode?: 'auto' | 'xip' | 'ram' | 'as-is';
  readonly verify?: boolean;
  readonly reset?: boolean;
  /** SWD clock in kHz (CMSIS-DAP and J-Link). */
  readonly speedKhz?: number;
  /** J-Link: a version to use (`V7.94e`), the known-issue policy, an install folder (relative to the config file). */
  readonly jlinkVersion?: string;
  readonly jlinkPolicy?: 'auto' | 'strict' | 'warn';
  readonly jlinkPath?: string;
  readonly sim?: boolean;
  /** The `--sim` board state file; relative to the config file. */
  readonly simState?: string;
}

type KeyKind = { kind: 'string' } | { kind: 'boolean' } | { kind: 'choice'; choices: readonly string[] } | { kind: 'kHz' };

const KEYS: Readonly<Record<keyof ConfigFile, KeyKind>> = {
  chip: { kind: 'string' },
  flash: { kind: 'string' },
  probe: { kind: 'string' },
  flashloader: { kind: 'string' },
  erase: { kind: 'choice', choices: ['auto', 'sector', 'chip'] },
  mode: { kind: 'choice', choices: ['auto', 'xip', 'ram', 'as-is'] },
  verify: { kind: 'boolean' },
  reset: { kind: 'boolean' },
  speedKhz: { kind: 'kHz' },
  jlinkVersion: { kind: 'string' },
  jlinkPolicy: { kind: 'choice', choices: ['auto', 'strict', 'warn'] },
  jlinkPath: { kind: 'string' },
  sim: { kind: 'boolean' },
  simState: { kind: 'string' },
};

export const CONFIG_KEYS = Object.keys(KEYS) as readonly (keyof ConfigFile)[];

/**
 * Checks a parsed config object (R10: validate at the edge). Every wrong key is one line of the
 * CONFIG_BAD_FILE message, so a user fixes them all in one go.
 */
export function validateConfig(value: unknown, source: string): ConfigFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImxflashError('CONFIG_BAD_FILE', `${source}: the configuration must be a JSON object, not ${describe(value)}`, {
      hint: `Write it as { "chip": "rt1052", "flash": "is25wp064a" }; known keys: ${CONFIG_KEYS.join(', ')}.`,
      details: { source },
    });
  }
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === '$schema') continue;
    const kind = (KEYS as Record<string, KeyKind | undefined>)[key];
    if (kind === undefined) {
      const near = closest(key, CONFIG_KEYS);
      problems.push(`unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
    } else if (kind.kind === 'string' && (typeof v !== 'string' || v.trim() === '')) {
      problems.push(`"${key}" must be a non-empty string, not ${describe(v)}`);
    } else if (kind.kind === 'boolean' && typeof v !== 'boolean') {
      problems.push(`"${key}" must be true or false, not ${describe(v)}`);
    } else if (kind.kind === 'kHz' && !(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100_000)) {
      problems.push(`"${key}" must be a whole number of kHz from 1 to 100000, not ${describe(v)}`);
    } else if (kind.kind === 'choice' && (typeof v !== 'string' || !kind.choices.includes(v))) {
      problems.push(`"${key}" must be one of ${kind.choices.map((c) => `"${c}"`).join(', ')}, not ${describe(v)}`);
    }
  }
  if (problems.length > 0) {
    throw new ImxflashError('CONFIG_BAD_FILE', `${source}: ${problems.join('; ')}`, {
      hint: `Fix or remove ${problems.length === 1 ? 'that key' : 'those keys'}; known keys: ${CONFIG_KEYS.join(', ')}.`,
      details: { source, problems },
    });
  }
  return value as ConfigFile;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** The known key within edit distance 2 of `key`, for "did you mean". */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}
