import type { DependencyContainer } from 'tsyringe';
import { PROBE_DRIVER } from '@imxflash/core';
import { CmsisDapDriver } from './cmsis-dap-driver.js';
import { CMSIS_DAP_OPTIONS, type CmsisDapOptions } from './cmsis-dap-options.js';

/**
 * Registers the CMSIS-DAP driver under PROBE_DRIVER (and `options` under CMSIS_DAP_OPTIONS when
 * given). Register the bindings (USB_BINDING, HID_BINDING, CLOCK) first; missing bindings mean
 * that probe version is not looked for.
 */
export function registerCmsisDapDriver(container: DependencyContainer, options?: CmsisDapOptions): void {
  if (options !== undefined) container.register(CMSIS_DAP_OPTIONS, { useValue: options });
  container.register(PROBE_DRIVER, { useClass: CmsisDapDriver });
}
