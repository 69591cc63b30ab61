import { ImxflashError, type DriverId } from '@imxflash/core';
import type { CommandContext } from '../context.js';
import type { SimRun } from './sim-environment.js';

/**
 * Each driver's options from the settings (flags > environment > config file): for `sdp` the
 * flashloader and the serial port; under --sim the sim's own flashloader stand-in when the user
 * gave none (it carries the marker the virtual ROM recognises; real boards need NXP's file).
 */
export function driverOptionsFor(id: DriverId, ctx: CommandContext, probeFlags: { port?: string }, sim: SimRun | undefined): unknown {
  const fromSim = sim?.driverOptions(id) as Record<string, unknown> | undefined;
  switch (id) {
    case 'sdp':
      return {
        ...fromSim,
        ...(ctx.settings.flashloader !== undefined ? { flashloader: ctx.settings.flashloader } : {}),
        // Under --sim the virtual UART stands in for the named port.
        ...(probeFlags.port !== undefined && sim?.uartPath === undefined ? { port: probeFlags.port } : {}),
      };
    case 'jlink': {
      const { version, policy, installPath } = ctx.settings.jlink;
      if (policy !== undefined && !['auto', 'strict', 'warn'].includes(policy)) {
        throw new ImxflashError('CONFIG_BAD_OPTION', `--jlink-policy: '${policy}' is not one of auto, strict, warn`, { hint: 'Use one of: auto, strict, warn.' });
      }
      const speed = ctx.settings.speedKhz;
      const merged = { ...fromSim, ...(speed !== undefined ? { speedKhz: speed } : {}), ...(version !== undefined ? { version } : {}), ...(policy !== undefined ? { policy } : {}), ...(installPath !== undefined ? { installPath } : {}) };
      return Object.keys(merged).length > 0 ? merged : undefined;
    }
    case 'cmsis-dap': {
      const speed = ctx.settings.speedKhz;
      return speed !== undefined ? { ...fromSim, swdClockHz: speed * 1000 } : fromSim;
    }
    default:
      return fromSim;
  }
}
