// Driver packages use tsyringe decorators: the Reflect polyfill first.
import 'reflect-metadata';
import type { DriverId } from '@imxflash/core';
import * as sim from '@imxflash/sim';
import { DRIVER_MODULES, findRegisterFunction } from '../composition/driver-modules.js';

/** The sim function that plugs in each driver's virtual probe. */
const SIM_ATTACH: Record<DriverId, string> = { 'cmsis-dap': 'attachSimCmsisDap', jlink: 'createSimJlinkInstallations', sdp: 'attachSimSerialDownloader' };

/** Drivers that have landed and whose virtual probe the sim has: the ones end-to-end tests run. */
export async function simDrivers(): Promise<DriverId[]> {
  const out: DriverId[] = [];
  for (const m of DRIVER_MODULES) {
    const hasDriver = findRegisterFunction(await m.load()) !== undefined;
    const hasSim = typeof (sim as unknown as Record<string, unknown>)[SIM_ATTACH[m.id]] === 'function';
    if (hasDriver && hasSim) out.push(m.id);
  }
  return out;
}
