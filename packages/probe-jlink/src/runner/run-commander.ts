import { ImxflashError, type FileSystem, type ProcessResult, type ProcessRunner } from '@imxflash/core';
import { pathFor } from '../discovery/install-locations.js';

/** A file to place in the run's scratch folder (command file, JLinkDevices.xml, data to load). */
export interface ScratchFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** What a run needs once its scratch folder exists: the files to write there and the argv. */
export interface PreparedRun {
  readonly files: readonly ScratchFile[];
  readonly args: readonly string[];
}

export interface CommanderRun {
  readonly exe: string;
  /** Builds files and argv once the scratch folder exists (both name files in it by absolute path). */
  readonly prepare: (scratchDir: string) => PreparedRun;
  readonly timeoutMs: number;
  readonly platform: string;
  /** Runs after the process ended and before the folder is removed (to read files it saved). */
  readonly collect?: (scratchDir: string, result: ProcessResult) => Promise<void>;
}

export interface CommanderDeps {
  readonly fs: FileSystem;
  readonly runner: ProcessRunner;
}

/**
 * Runs JLinkExe once: a fresh private scratch folder, the files written into it, the process
 * (argv, no shell, a timeout), then the folder removed whatever happened. A timeout is
 * JLINK_TIMEOUT; other outcomes are the caller's to interpret (the exit code is never enough).
 */
export async function runCommander(deps: CommanderDeps, run: CommanderRun): Promise<ProcessResult & { readonly prepared: PreparedRun }> {
  const dir = await deps.fs.makeTempDir('imxflash-jlink-');
  try {
    const p = pathFor(run.platform);
    const prepared = run.prepare(dir);
    for (const file of prepared.files) await deps.fs.writeFile(p.join(dir, file.name), file.content);
    const result = await deps.runner.run(run.exe, prepared.args, { timeoutMs: run.timeoutMs });
    if (result.timedOut) {
      throw new ImxflashError('JLINK_TIMEOUT', `JLinkExe did not finish within ${Math.round(run.timeoutMs / 1000)} s and was stopped`, {
        hint:
          'Check that the J-Link is connected and powered. Versions before V7.58c hang when no J-Link answers; a GUI dialog may be waiting on a desktop. ' +
          'Raise the timeout with --timeout if the flash is large.',
        details: { exe: run.exe, timeoutMs: run.timeoutMs, stdoutTail: result.stdout.slice(-2000) },
      });
    }
    await run.collect?.(dir, result);
    return { ...result, prepared };
  } finally {
    await deps.fs.remove(dir);
  }
}
