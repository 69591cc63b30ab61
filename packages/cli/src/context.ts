import type { Io } from './io.js';
import type { Style } from './render/style.js';

/** What every command gets: where to write, how to style it, and the global flags. */
export interface CommandContext {
  readonly io: Io;
  readonly style: Style;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Human output (stdout); suppressed by --quiet and --json. */
  say(text: string): void;
  /** Notes and warnings (stderr); suppressed by --quiet. */
  note(text: string): void;
  /** The one JSON result object of a --json run. */
  result(value: Record<string, unknown>): void;
  /** Exit code the command asks for when it finishes without throwing (e.g. inspect with errors). */
  exitCode: number;
}

export interface GlobalOptions {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
}
