import { ImxflashError, PROBE_DRIVER, SERIAL_BINDING, type SerialBinding } from '@imxflash/core';
import type { DependencyContainer } from 'tsyringe';
import { SdpDriver } from './sdp-driver.js';
import { SDP_OPTIONS, type SdpOptions } from './sdp-options.js';

/** A SerialBinding for compositions that have none: lists nothing, opening explains. */
const NO_SERIAL: SerialBinding = {
  list: async () => [],
  open: async (path) => {
    throw new ImxflashError('NATIVE_MODULE_MISSING', `no serial binding is registered, so ${path} cannot be opened`, {
      hint: 'Install the optional "serialport" package (npm i serialport), or use the USB serial downloader.',
    });
  },
};

/**
 * Registers the `sdp` driver under PROBE_DRIVER with its options (STYLE R4). Bindings come first
 * in the composition; a missing SERIAL_BINDING gets a stand-in that lists no ports.
 */
export function registerSdpDriver(container: DependencyContainer, options: SdpOptions = {}): void {
  container.register(SDP_OPTIONS, { useValue: options });
  if (!container.isRegistered(SERIAL_BINDING, true)) container.register(SERIAL_BINDING, { useValue: NO_SERIAL });
  container.register(PROBE_DRIVER, { useClass: SdpDriver });
}
