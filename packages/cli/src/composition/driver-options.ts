import type { DriverId } from '@imxflash/core';
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
    default:
      return fromSim;
  }
}
