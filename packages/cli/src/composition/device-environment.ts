import type { Clock, DriverId, ProbeDriver } from '@imxflash/core';
import type { DependencyContainer } from 'tsyringe';
import type { BoardChoice } from '../commands/board-options.js';
import type { CommandContext } from '../context.js';
import type { RegisterDriver } from './driver-modules.js';
import type { SimGangSlot } from './sim-board-file.js';
import type { SimRun } from './sim-environment.js';

/** What a device command works with: one container per run, its drivers, its clock. */
export interface DeviceEnvironment {
  readonly container: DependencyContainer;
  readonly drivers: readonly ProbeDriver[];
  /** Drivers whose package could not be registered, and why (for doctor and hints). */
  readonly unavailable: ReadonlyArray<{ id: DriverId; reason: string }>;
  /** The board clock under --sim (modelled time), else the system clock. */
  readonly clock: Clock;
  /** Present under --sim. */
  readonly sim: SimRun | undefined;
  /** Saves the sim board state (when the command changed it) and releases what the run holds. */
  close(options: { save: boolean }): Promise<void>;
}

/**
 * The composition root (STYLE R4): a tsyringe child container per run; the real bindings
 * (loaded only now, never on `--version` or `image …`) or, with --sim, the virtual board's;
 * then every driver package that is present.
 */
export async function openDeviceEnvironment(
  ctx: CommandContext,
  board: BoardChoice,
  probeFlags: { port?: string } = {},
  o: { everySimProbe?: boolean; simGang?: SimGangSlot } = {},
): Promise<DeviceEnvironment> {
  // tsyringe needs the Reflect metadata polyfill before it loads.
  await import('reflect-metadata');
  const { container: root } = await import('tsyringe');
  const { CLOCK, PROBE_DRIVER, systemClock } = await import('@imxflash/core');
  const container = root.createChildContainer();

  // Which driver packages this build has (loading one never touches hardware).
  const { DRIVER_MODULES, findRegisterFunction } = await import('./driver-modules.js');
  const unavailable: { id: DriverId; reason: string }[] = [];
  const present: { id: DriverId; register: RegisterDriver }[] = [];
  for (const m of DRIVER_MODULES) {
    try {
      const register = findRegisterFunction(await m.load());
      if (register) present.push({ id: m.id, register });
      else unavailable.push({ id: m.id, reason: `${m.packageName} has no driver in this build` });
    } catch (e) {
      unavailable.push({ id: m.id, reason: `${m.packageName} could not be loaded: ${(e as Error).message}` });
    }
  }

  let sim: SimRun | undefined;
  if (ctx.settings.sim) {
    const { openSimEnvironment } = await import('./sim-environment.js');
    sim = await openSimEnvironment(ctx, board, container, present.map((p) => p.id), o.everySimProbe ?? false, probeFlags.port, o.simGang);
  } else {
    const { registerRealBindings } = await import('./real-bindings.js');
    await registerRealBindings(container);
    container.register(CLOCK, { useValue: systemClock });
  }
  const { driverOptionsFor } = await import('./driver-options.js');
  // Under --sim only the drivers whose virtual probe is plugged in: the board has no other probe,
  // and a J-Link driver without the sim's JLinkExe would find the host's real installs.
  for (const p of present) {
    if (sim && !sim.attached.includes(p.id)) continue;
    p.register(container, driverOptionsFor(p.id, ctx, probeFlags, sim));
  }
  const drivers = container.isRegistered(PROBE_DRIVER, true) ? container.resolveAll(PROBE_DRIVER) : [];

  return {
    container,
    drivers,
    unavailable,
    clock: sim ? sim.board.clock : systemClock,
    sim,
    close: async ({ save }) => {
      if (sim && save) await sim.save();
      await container.dispose();
    },
  };
}
