import { flash, parseProbeSelector, selectorFor, type EraseStrategy, type ProbeSession, type ProgressEvent, type VerifyMethod } from '@imxflash/core';
import type { SimBoardState } from '@imxflash/sim';
import type { DeviceEnvironment } from '../composition/device-environment.js';
import type { CommandContext } from '../context.js';
import { renderGangReport, type GangBoardOutcome } from '../render/gang-report.js';
import { pickGangProgress } from '../render/progress/gang-progress.js';
import type { BoardChoice } from './board-options.js';
import { withAlternatives } from './device-session.js';
import { saveRecoveryFile } from './recovery-file.js';
import { resolveGangTargets, type GangRequest, type GangTarget } from './gang-targets.js';
import type { FlashImage } from './load-image.js';

/** The flash settings every board of a gang gets (the same as a single `flash`). */
export interface GangFlashSettings {
  readonly verify: VerifyMethod;
  readonly erase: EraseStrategy;
  readonly raw: boolean;
  readonly reset: boolean;
}

/**
 * `flash --all` (or several `--serial` / `--port`): one session per probe, each board planned,
 * erased, programmed and verified on its own through core's `flash()`, all at once. A board that
 * fails does not stop the others; the exit code is the worst board's, and each failed board is
 * named with its error.
 */
export async function flashGang(
  ctx: CommandContext,
  a: { file: string; board: BoardChoice; image: FlashImage; request: GangRequest; settings: GangFlashSettings },
): Promise<void> {
  const { targets, envs } = await resolveGangTargets(ctx, a.board, a.request);
  const sim = ctx.settings.sim;
  ctx.note(`flashing ${a.file} → ${a.board.chip.name} + ${a.board.part.id} on ${targets.length} board${targets.length === 1 ? '' : 's'}${sim ? ' (sim)' : ''}`);
  const progress = pickGangProgress(ctx, targets.map((t) => t.index));
  const reached = new Map<DeviceEnvironment, SimBoardState | undefined>();
  // ROM serial downloaders on one host's USB: each loads a flashloader that enumerates with the same
  // USB ID, and a session takes the one that appears after its jump; connects take turns so only
  // one is appearing at a time (flashing then runs concurrently).
  const turns = oneAtATime();
  const sdpUsb = (t: GangTarget) => t.info.driver === 'sdp' && t.info.link === 'usb';
  const takeTurns = (t: GangTarget) => sdpUsb(t) && targets.some((o) => o !== t && o.env === t.env && sdpUsb(o));
  let outcomes: GangBoardOutcome[];
  try {
    outcomes = await Promise.all(targets.map((t) => flashOne(ctx, a, t, progress.board(t.index), (state) => reached.set(t.env, state), takeTurns(t) ? turns : (f) => f())));
  } finally {
    progress.finish();
    // Each board's state is saved once its flash was reached (a failed write leaves it as the failure
    // left it); a flashed sim board saves the state its boot verdict was taken from.
    for (const env of envs) {
      const state = reached.get(env);
      if (state !== undefined && env.sim !== undefined) await (await import('@imxflash/sim')).saveBoardState({ exportState: () => state }, env.sim.statePath);
      await env.close({ save: reached.has(env) && state === undefined });
    }
  }
  ctx.exitCode = renderGangReport(ctx, { file: a.file, board: a.board, image: a.image, outcomes, sim });
}

async function flashOne(
  ctx: CommandContext,
  a: { file: string; board: BoardChoice; image: FlashImage; settings: GangFlashSettings },
  t: GangTarget,
  progress: { onEvent: (e: ProgressEvent) => void },
  reached: (flashedState?: SimBoardState) => void,
  connectTurn: <T>(connect: () => Promise<T>) => Promise<T>,
): Promise<GangBoardOutcome> {
  const { env, info } = t;
  const notices: { code: string; text: string }[] = [];
  const onEvent: typeof progress.onEvent = (e) => {
    if (e.type === 'notice') notices.push({ code: e.code, text: e.text });
    progress.onEvent(e);
  };
  let session: ProbeSession | undefined;
  try {
    const driver = env.drivers.find((d) => d.name === info.driver)!;
    const t0 = env.clock.now();
    // Opening and attaching the flash (an SDP session loads its flashloader there) take a turn.
    const { open, device } = await connectTurn(async () => {
      const opened = await driver.open(parseProbeSelector(selectorFor(info)), {
        clock: env.clock,
        onProgress: onEvent,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      session = opened;
      return { open: opened, device: await opened.attachFlash({ chip: a.board.chip, part: a.board.part }) };
    });
    const connectMs = env.clock.now() - t0;
    reached();
    const result = await flash(a.image.image, device, {
      clock: env.clock,
      verify: a.settings.verify,
      erase: a.settings.erase,
      raw: a.settings.raw,
      bootCheck: { chip: a.board.chip, part: a.board.part },
      ...(a.settings.reset ? { reset: () => open.reset('system') } : {}),
      onProgress: onEvent,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    let boot;
    if (env.sim) {
      // One export of the board (its 8 MiB flash) for the verdict and the state file.
      const state = env.sim.board.exportState();
      const { simBootVerdictAfterPowerCycle } = await import('../composition/sim-boot-verdict.js');
      // The session is over for this board: it is powered on again in place for the verdict.
      session = undefined;
      await open[Symbol.asyncDispose]();
      boot = simBootVerdictAfterPowerCycle(env.sim.board, state);
      reached(state);
    }
    return { index: t.index, probe: info, statePath: env.sim?.statePath, ok: true, report: { file: a.file, board: a.board, image: a.image, result, probe: info, boot, connectMs, notices, sim: env.sim !== undefined } };
  } catch (e) {
    return { index: t.index, probe: info, statePath: env.sim?.statePath, ok: false, error: withAlternatives(saveRecoveryFile(e, ctx.io.cwd, new Date(), `board${t.index}`), info.driver, env), notices };
  } finally {
    // A failed close (a pulled cable) must not hide the board's result.
    try {
      await session?.[Symbol.asyncDispose]();
    } catch {
      /* the board's result (or error) stands */
    }
  }
}

/** Runs the functions given to it one at a time, in call order (a failure does not block the next). */
function oneAtATime(): <T>(fn: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = last.then(fn, fn);
    last = run.catch(() => undefined);
    return run;
  };
}
