/**
 * Running external programs (JLinkExe and friends), STYLE R16: an argv array, never a shell,
 * always a timeout. The real runner wraps child_process.spawn with `shell: false`; tests and the
 * virtual board substitute one that answers from a script.
 */

export interface ProcessRunOptions {
  /** Wall or Clock time after which the process is killed and the result says `timedOut`. */
  readonly timeoutMs: number;
  readonly cwd?: string;
  /** Added to (not replacing) the parent's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed; stdin is empty when absent. */
  readonly stdin?: string | Uint8Array;
}

export interface ProcessResult {
  /** The exit code; null when the process was killed (timeout or signal). */
  readonly exitCode: number | null;
  /** Everything the process wrote, decoded as UTF-8 (invalid sequences replaced). */
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface ProcessRunner {
  /**
   * Runs `exe` with `args` exactly as given (no shell, no globbing, no quoting rules) and
   * resolves when it exits or was killed at the timeout; a non-zero exit code resolves too (the
   * caller interprets it). Rejects FILE_NOT_FOUND when `exe` cannot be started.
   */
  run(exe: string, args: readonly string[], options: ProcessRunOptions): Promise<ProcessResult>;
}
