import { ImxflashError, type ProcessResult, type ProcessRunner, type ProcessRunOptions } from '@imxflash/core';

/** Grace after SIGTERM before SIGKILL at a timeout (a Commander stuck in a dialog may ignore TERM). */
const KILL_GRACE_MS = 2000;

/**
 * The real ProcessRunner (STYLE R16): `child_process.spawn` with `shell: false` (argv passed as
 * is, no quoting rules), the parent's environment plus `env`, stdin written then closed, stdout
 * and stderr decoded as UTF-8 (invalid sequences replaced), SIGTERM at the timeout then SIGKILL.
 * child_process loads lazily, on the first run. A program that cannot be started rejects
 * FILE_NOT_FOUND (ENOENT, EACCES); every started process resolves, whatever its exit code.
 */
export class ChildProcessRunner implements ProcessRunner {
  async run(exe: string, args: readonly string[], options: ProcessRunOptions): Promise<ProcessResult> {
    const { spawn } = await import('node:child_process');
    return new Promise<ProcessResult>((resolve, reject) => {
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn(exe, [...args], {
          shell: false,
          windowsHide: true,
          ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
          env: { ...process.env, ...options.env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
      } catch (cause) {
        reject(notStarted(exe, cause));
        return;
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      let settled = false;
      let killTimer: NodeJS.Timeout | undefined;
      child.stdout?.on('data', (b: Buffer) => out.push(b));
      child.stderr?.on('data', (b: Buffer) => err.push(b));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      }, Math.max(0, options.timeoutMs));
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (killTimer !== undefined) clearTimeout(killTimer);
        fn();
      };
      child.on('error', (cause) => finish(() => reject(notStarted(exe, cause))));
      child.on('close', (code) =>
        finish(() =>
          resolve({
            exitCode: timedOut ? null : code,
            stdout: new TextDecoder('utf-8').decode(Buffer.concat(out)),
            stderr: new TextDecoder('utf-8').decode(Buffer.concat(err)),
            timedOut,
          }),
        ),
      );
      child.stdin?.on('error', () => undefined); // a child that exits without reading stdin
      child.stdin?.end(options.stdin === undefined ? undefined : typeof options.stdin === 'string' ? options.stdin : Buffer.from(options.stdin));
    });
  }
}

function notStarted(exe: string, cause: unknown): ImxflashError {
  const code = (cause as NodeJS.ErrnoException).code;
  return new ImxflashError('FILE_NOT_FOUND', `cannot start ${exe}: ${code ?? (cause as Error).message}`, {
    hint: code === 'EACCES' ? 'The file is not executable: check its permissions.' : 'Check the path; install the program or give its folder in the configuration.',
    cause,
    details: { exe, errno: code },
  });
}
