import {
  DRIVER_IDS,
  ImxflashError,
  categoryOf,
  parseProbeSelector,
  pickProbe,
  preservedBytesOf,
  selectorFor,
  type DriverId,
  type FlashDevice,
  type ProbeInfo,
  type ProbeSession,
} from '@imxflash/core';
import type { DeviceEnvironment } from '../composition/device-environment.js';
import { pickProgressRenderer, type ProgressRenderer } from '../render/progress/progress-renderer.js';
import type { CommandContext } from '../context.js';
import type { BoardChoice } from './board-options.js';
import { saveRecoveryFile } from './recovery-file.js';

export interface OpenedDevice {
  readonly env: DeviceEnvironment;
  readonly info: ProbeInfo;
  readonly session: ProbeSession;
  /** Present when the command asked for the flash. */
  readonly device: FlashDevice | undefined;
  /** Clock time to open the session and attach the flash (a flashloader load, FlexSPI bring-up, a JLinkExe start). */
  readonly connectMs: number;
  /** The run's progress renderer: the session's own events (a flashloader load, driver notices) and the command's. */
  readonly progress: ProgressRenderer;
  /** Driver and pipeline notices so far (a J-Link version switch, a verify fallback), for --json. */
  readonly notices: ReadonlyArray<{ code: string; text: string }>;
}

/**
 * Opens the device environment, picks the probe `selector` names among every driver's list,
 * opens a session (and attaches the flash when asked), runs `body`, and releases everything.
 * The sim state is saved when `save` is set and the body got as far as running (a failed write
 * leaves the board as the failure left it, as real flash would be).
 */
export async function withDevice<T>(
  ctx: CommandContext,
  board: BoardChoice,
  selector: string,
  o: { attachFlash: boolean; save: boolean; port?: string; announce?: (info: ProbeInfo, sim: boolean) => string },
  body: (d: OpenedDevice) => Promise<T>,
): Promise<T> {
  let sel = parseProbeSelector(selector);
  const { openDeviceEnvironment } = await import('../composition/device-environment.js');
  const env = await openDeviceEnvironment(ctx, board, o.port !== undefined ? { port: o.port } : {});
  // Under --sim a named port is the board's virtual UART (its path is the sim's, not the user's).
  if (env.sim?.uartPath !== undefined) sel = parseProbeSelector('sdp:serial');
  let started = false;
  let info: ProbeInfo | undefined;
  const notices: { code: string; text: string }[] = [];
  const rendered = pickProgressRenderer(ctx);
  const progress: ProgressRenderer = {
    onEvent: (e) => {
      if (e.type === 'notice') notices.push({ code: e.code, text: e.text });
      rendered.onEvent(e);
    },
    finish: () => rendered.finish(),
  };
  try {
    if (env.drivers.length === 0) throw noDrivers(env);
    const probes = await listAll(ctx, env);
    info = pickProbe(probes, sel);
    const driver = env.drivers.find((d) => d.name === info!.driver)!;
    ctx.detail(`probe: ${info.description} (${selectorFor(info)})`);
    // Said before the session opens, so the driver's own notices follow it.
    if (o.announce) ctx.note(o.announce(info, env.sim !== undefined));
    const t0 = env.clock.now();
    const session = await driver.open(parseProbeSelector(selectorFor(info)), {
      clock: env.clock,
      onProgress: (e) => progress.onEvent(e),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    try {
      const device = o.attachFlash ? await session.attachFlash({ chip: board.chip, part: board.part }) : undefined;
      started = true;
      return await body({ env, info, session, device, connectMs: env.clock.now() - t0, progress, notices });
    } finally {
      await session[Symbol.asyncDispose]();
    }
  } catch (e) {
    throw withAlternatives(saveRecoveryFile(e, ctx.io.cwd), info?.driver, env);
  } finally {
    progress.finish();
    await env.close({ save: o.save && started });
  }
}

/** Every probe every driver sees; a driver whose listing fails is noted and passed by. */
export async function listAll(ctx: CommandContext, env: DeviceEnvironment): Promise<ProbeInfo[]> {
  const lists = await Promise.all(
    env.drivers.map(async (d) => {
      try {
        return await d.list();
      } catch (e) {
        ctx.note(`note: the ${d.name} driver could not list probes: ${(e as Error).message}`);
        return [];
      }
    }),
  );
  return lists.flat();
}

function noDrivers(env: DeviceEnvironment): ImxflashError {
  return new ImxflashError('PROBE_NOT_FOUND', 'no probe driver is available in this build of imxflash', {
    hint: `${env.unavailable.map((u) => u.reason).join('; ')}. Run \`imxflash doctor\` for details.`,
    details: { unavailable: env.unavailable.map((u) => u.id) },
  });
}

/**
 * A transport or device failure says which other transports to try (the same file and command
 * work through each): the hint gets "Other transports: --probe …".
 */
export function withAlternatives(e: unknown, used: DriverId | undefined, env: Pick<DeviceEnvironment, 'drivers'>): unknown {
  if (!(e instanceof ImxflashError) || categoryOf(e.code) !== 'device' || used === undefined) return e;
  if (e.code === 'FLASH_ABORTED' || e.code === 'FLASH_PROTECTED') return e; // another transport would not help
  const others = DRIVER_IDS.filter((id) => id !== used && env.drivers.some((d) => d.name === id));
  const named = others.length > 0 ? others : DRIVER_IDS.filter((id) => id !== used);
  const alt = `Other transports: ${named.map((id) => `--probe ${id}`).join(' or ')} (same file, same command).`;
  if (e.hint?.includes('--probe ')) return e;
  const details: Record<string, unknown> = { ...e.details, driver: used };
  // Keep core's not-enumerable preserved bytes (see saveRecoveryFile) on the new error.
  Object.defineProperty(details, 'preserved', { value: preservedBytesOf(e), enumerable: false });
  return new ImxflashError(e.code, e.message, { hint: e.hint ? `${e.hint} ${alt}` : alt, details, cause: e.cause ?? e });
}
