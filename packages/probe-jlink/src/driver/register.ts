import { PROBE_DRIVER } from '@imxflash/core';
import type { DependencyContainer } from 'tsyringe';
import { nodeJlinkHost } from '../discovery/node-jlink-host.js';
import { JlinkDriver } from './jlink-driver.js';
import { JLINK_HOST, JLINK_OPTIONS, type JlinkDriverOptions } from './jlink-options.js';

/**
 * Registers the J-Link driver under PROBE_DRIVER (STYLE R4). `options` replace any registered
 * JLINK_OPTIONS; without them a registered value is kept, else {}. JLINK_HOST defaults to the
 * real host. PROCESS_RUNNER and FILE_SYSTEM come from the bindings registered before (real or sim).
 */
export function registerJlinkDriver(container: DependencyContainer, options?: JlinkDriverOptions): void {
  if (options !== undefined || !container.isRegistered(JLINK_OPTIONS)) container.register(JLINK_OPTIONS, { useValue: options ?? {} });
  if (!container.isRegistered(JLINK_HOST)) container.register(JLINK_HOST, { useValue: nodeJlinkHost() });
  container.register(PROBE_DRIVER, { useClass: JlinkDriver });
}
