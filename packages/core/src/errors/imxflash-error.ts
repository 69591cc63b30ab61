import { type ErrorCode } from './error-codes.js';

export interface ImxflashErrorOptions {
  /** What the user should do next; one or two sentences. */
  hint?: string;
  cause?: unknown;
  /** Machine-readable facts (addresses, file, line), echoed in `--json` output. */
  details?: Record<string, unknown>;
}

/**
 * The only error type libraries throw. A stable `code`, a one-line message with the numbers,
 * and a hint that says what to do next. Foreign errors are wrapped once, as `cause`.
 */
export class ImxflashError extends Error {
  override readonly name = 'ImxflashError';
  readonly hint: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: ImxflashErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  toJSON(): { code: ErrorCode; message: string; hint?: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}), details: { ...this.details } };
  }
}

export function isImxflashError(e: unknown): e is ImxflashError {
  return e instanceof ImxflashError;
}
