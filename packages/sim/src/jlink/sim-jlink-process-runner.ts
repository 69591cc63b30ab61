import path from 'node:path';
import { ImxflashError, type ProcessResult, type ProcessRunner, type ProcessRunOptions } from '@imxflash/core';
import type { SimBoard } from '../board/create-sim-board.js';
import { runJlinkStandIn, type StandInFiles } from './jlink-stand-in.js';

export interface SimJlinkRunnerOptions {
  readonly board: SimBoard;
  /** Where the stand-in reads command files and writes savebin output: the driver's FileSystem. */
  readonly files: StandInFiles;
  /** Path rules of the paths it gets (default POSIX). */
  readonly platform?: string;
  /** The version an executable impersonates; default: its folder name (`…/JLink_V682d/JLinkExe`). */
  readonly versionOf?: (exe: string) => string | undefined;
  readonly probeSerial?: string;
  readonly probeConnected?: boolean;
  readonly targetConnected?: boolean;
}

/** One run, for tests and reports: what was started and what it answered. */
export interface SimJlinkRun {
  readonly exe: string;
  readonly args: readonly string[];
  readonly result: ProcessResult;
  /** Modelled time of the run on the board clock. */
  readonly modelledMs: number;
}

/**
 * A ProcessRunner that runs the JLinkExe stand-in in-process on `board` for executables inside
 * J-Link install folders (`JLink_V682d`, `JLink_V794e`; see createSimJlinkInstallations). The
 * run's modelled time passes on the board clock; a run whose modelled time exceeds the
 * timeout ends as killed (`timedOut`, exit code null), as the real runner reports it. Any
 * other executable rejects FILE_NOT_FOUND, as a missing program does.
 */
export function simJlinkProcessRunner(o: SimJlinkRunnerOptions): ProcessRunner & { readonly runs: SimJlinkRun[] } {
  const p = o.platform === 'win32' ? path.win32 : path.posix;
  const runs: SimJlinkRun[] = [];
  return {
    runs,
    async run(exe: string, args: readonly string[], options: ProcessRunOptions): Promise<ProcessResult> {
      const version = o.versionOf?.(exe) ?? /^JLink_(V\d{3}[a-z]?)$/i.exec(p.basename(p.dirname(exe)))?.[1];
      if (version === undefined) {
        throw new ImxflashError('FILE_NOT_FOUND', `cannot start ${exe}: the sim has no J-Link Commander there`, {
          hint: 'The sim stands in for executables inside JLink_Vxxx folders made by createSimJlinkInstallations.',
          details: { exe },
        });
      }
      const t0 = o.board.clock.now();
      const r = await runJlinkStandIn(args, {
        board: o.board,
        version,
        installDir: p.dirname(exe),
        files: o.files,
        ...(o.platform !== undefined ? { platform: o.platform } : {}),
        ...(o.probeSerial !== undefined ? { probeSerial: o.probeSerial } : {}),
        ...(o.probeConnected !== undefined ? { probeConnected: o.probeConnected } : {}),
        ...(o.targetConnected !== undefined ? { targetConnected: o.targetConnected } : {}),
      });
      const modelledMs = o.board.clock.now() - t0;
      const timedOut = modelledMs > options.timeoutMs;
      const result: ProcessResult = timedOut
        ? { exitCode: null, stdout: r.stdout, stderr: r.stderr, timedOut: true }
        : { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, timedOut: false };
      runs.push({ exe, args: [...args], result, modelledMs });
      return result;
    },
  };
}
