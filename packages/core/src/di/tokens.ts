import type { InjectionToken } from 'tsyringe';
import type { FileSystem } from '../bindings/file-system.js';
import type { HidBinding } from '../bindings/hid-binding.js';
import type { ProcessRunner } from '../bindings/process-runner.js';
import type { SerialBinding } from '../bindings/serial-binding.js';
import type { UsbBinding } from '../bindings/usb-binding.js';
import type { ProbeDriver } from '../probe/probe-driver.js';
import type { Clock } from '../time/clock.js';

/*
 * Typed tsyringe tokens (STYLE R4, DESIGN §3). Symbols, so two copies of a package can never
 * collide by name. Only types are imported from tsyringe here: loading @imxflash/core never
 * loads tsyringe or needs reflect-metadata. Entry points (the CLI, tests that use a container)
 * `import 'reflect-metadata'` once, then compose: bindings (real or sim) first, then drivers.
 * Classes take each dependency with an explicit `@inject(TOKEN)` (no emitDecoratorMetadata).
 */

export const CLOCK: InjectionToken<Clock> = Symbol('Clock');
export const HID_BINDING: InjectionToken<HidBinding> = Symbol('HidBinding');
export const USB_BINDING: InjectionToken<UsbBinding> = Symbol('UsbBinding');
export const SERIAL_BINDING: InjectionToken<SerialBinding> = Symbol('SerialBinding');
export const PROCESS_RUNNER: InjectionToken<ProcessRunner> = Symbol('ProcessRunner');
export const FILE_SYSTEM: InjectionToken<FileSystem> = Symbol('FileSystem');
/** Multi-registration: each driver package registers one; `container.resolveAll(PROBE_DRIVER)` lists them. */
export const PROBE_DRIVER: InjectionToken<ProbeDriver> = Symbol('ProbeDriver');
