/** What the CLI touches of the outside world; tests inject their own (STYLE R9). */
export interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** stderr is a terminal: colours and progress bars go there. */
  readonly isTty: boolean;
  /** Width of the terminal behind stderr, when it is one. */
  readonly columns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** `process.platform` (doctor's checks differ per OS); tests pick one. */
  readonly platform: string;
  /** Aborted on Ctrl-C: long device work stops after the current operation. */
  readonly signal?: AbortSignal;
}

export function nodeIo(signal?: AbortSignal): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTty: Boolean(process.stderr.isTTY),
    ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    ...(signal ? { signal } : {}),
  };
}
