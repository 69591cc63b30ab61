import type { Io } from '../io.js';
import { runCli } from '../run-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams (not a TTY unless asked). */
export async function runInProcess(argv: string[], o: { cwd?: string; env?: Record<string, string>; isTty?: boolean; platform?: string; signal?: AbortSignal; onStderr?: (text: string) => void } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: {
      write: (s: string) => {
        stderr += s;
        o.onStderr?.(s);
      },
    },
    isTty: o.isTty ?? false,
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
    platform: o.platform ?? 'linux',
    ...(o.signal ? { signal: o.signal } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
