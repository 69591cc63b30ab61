import { ImxflashError, matchesSelector, parseProbeSelector, pickProbe, selectorFor, type ProbeInfo } from '@imxflash/core';
import type { DeviceEnvironment } from '../composition/device-environment.js';
import type { CommandContext } from '../context.js';
import type { BoardChoice } from './board-options.js';
import { listAll } from './device-session.js';

/** What names the boards of a gang: every probe `selector` matches (`--all`), or one probe per serial or port. */
export interface GangRequest {
  /** The --probe selector (env and config applied), narrowing `--all`. */
  readonly selector: string;
  readonly all: boolean;
  readonly serials: readonly string[];
  readonly ports: readonly string[];
  /** Virtual boards to plug in under --sim (`--sim-boards`). */
  readonly simBoards: number;
}

/** One board of a gang: the environment whose driver opens it, and the probe. */
export interface GangTarget {
  /** 1-based, in the order the boards are reported. */
  readonly index: number;
  readonly env: DeviceEnvironment;
  readonly info: ProbeInfo;
}

/**
 * The probes of a gang and the environments they live in. On hardware one environment (one set
 * of bindings and drivers) sees every probe, except `--port`s: each port gets its own
 * environment, since the sdp driver offers the one port it is configured with. Under --sim each
 * virtual board is its own environment (its own state file, clock, bindings and probe), as boards
 * on a USB hub are independent; probes are then picked across all of them.
 * The caller closes `envs` (every one, also those no target uses).
 */
export async function resolveGangTargets(ctx: CommandContext, board: BoardChoice, req: GangRequest): Promise<{ targets: GangTarget[]; envs: DeviceEnvironment[] }> {
  const { openDeviceEnvironment } = await import('../composition/device-environment.js');
  const sim = ctx.settings.sim;
  const envs: DeviceEnvironment[] = [];
  try {
    const found: { env: DeviceEnvironment; info: ProbeInfo }[] = [];
    if (req.ports.length > 0) {
      // One environment per port; under --sim board k's virtual UART stands in for port k.
      const count = sim ? Math.max(req.simBoards, req.ports.length) : req.ports.length;
      for (const [i, port] of req.ports.entries()) {
        const env = await openDeviceEnvironment(ctx, board, { port }, sim ? { simGang: { index: i + 1, count } } : {});
        envs.push(env);
        const sel = parseProbeSelector(env.sim?.uartPath !== undefined ? 'sdp:serial' : `sdp:${port}`);
        found.push({ env, info: pickProbe(await listAll(ctx, env), sel) });
      }
      return { targets: found.map((f, i) => ({ index: i + 1, ...f })), envs };
    }

    const count = sim ? req.simBoards : 1;
    // `--probe auto`: every virtual probe is plugged in, as on a bench where a board has a debug
    // probe and its ROM's USB; --all then asks for the driver (below).
    const everySimProbe = parseProbeSelector(req.selector).driver === undefined;
    for (let i = 1; i <= count; i++) envs.push(await openDeviceEnvironment(ctx, board, {}, sim ? { simGang: { index: i, count }, everySimProbe } : {}));
    const seen: { env: DeviceEnvironment; info: ProbeInfo }[] = [];
    for (const env of envs) for (const info of await listAll(ctx, env)) seen.push({ env, info });
    const infos = seen.map((s) => s.info);

    if (req.serials.length > 0) {
      const driver = parseProbeSelector(req.selector).driver;
      for (const serial of req.serials) {
        const info = pickProbe(infos, parseProbeSelector(`${driver}:${serial}`));
        if (found.some((f) => f.info === info)) throw duplicate(serial, info);
        found.push(seen.find((s) => s.info === info)!);
      }
    } else {
      const sel = parseProbeSelector(req.selector);
      found.push(...seen.filter((s) => matchesSelector(s.info, sel) && s.info.access === 'ok'));
      if (found.length === 0) pickProbe(infos, sel); // throws PROBE_NOT_FOUND / PROBE_BUSY / PROBE_PERMISSION_DENIED with its hint
      // Probes of two drivers may sit on one board (a J-Link and the ROM's USB): one driver per gang.
      const driversSeen = [...new Set(found.map((f) => f.info.driver))];
      if (driversSeen.length > 1) {
        throw new ImxflashError('PROBE_AMBIGUOUS', `--all matches probes of ${driversSeen.length} drivers (${driversSeen.join(', ')}): one board may be reachable through two of them`, {
          hint: `Name the driver: ${driversSeen.map((d) => `--probe ${d} --all`).join(' or ')}.`,
          details: { selectors: found.map((f) => selectorFor(f.info)) },
        });
      }
    }
    return { targets: found.map((f, i) => ({ index: i + 1, ...f })), envs };
  } catch (e) {
    for (const env of envs) await env.close({ save: false });
    throw e;
  }
}

function duplicate(serial: string, info: ProbeInfo): ImxflashError {
  return new ImxflashError('CONFIG_BAD_OPTION', `--serial ${serial} names ${selectorFor(info)} a second time`, {
    hint: 'Give each probe once.',
    details: { serial },
  });
}
