import type { Settings } from './config/settings.js';
import type { Io } from './io.js';
import type { Style } from './render/style.js';

/** What every command gets: where to write, how to style it, the global flags and the merged settings. */
export interface CommandContext {
  readonly io: Io;
  readonly style: Style;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Flags > environment > config file (resolved when the command runs). */
  readonly settings: Settings;
  /** Cancelled on Ctrl-C (bin.ts); device commands pass it to the flash pipeline. */
  readonly signal: AbortSignal | undefined;
  /** Human output (stdout); suppressed by --quiet and --json. */
  say(text: string): void;
  /** Notes and warnings (stderr); suppressed by --quiet. */
  note(text: string): void;
  /** Extra detail (stderr), only with --verbose. */
  detail(text: string): void;
  /** The one JSON result object of a --json run. */
  result(value: Record<string, unknown>): void;
  /** Exit code the command asks for when it finishes without throwing (e.g. inspect with errors). */
  exitCode: number;
}

export type { GlobalFlags as GlobalOptions } from './config/settings.js';
