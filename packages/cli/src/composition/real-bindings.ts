import type { DependencyContainer } from 'tsyringe';

/**
 * Registers the real hardware bindings of @imxflash/bindings-node (node-hid, usb, serialport,
 * child_process). The package loads each native module only when a binding is first used, so
 * a missing libusb is a coded error of the driver that needs it, not a crash here.
 */
export async function registerRealBindings(container: DependencyContainer): Promise<void> {
  const m = (await import('@imxflash/bindings-node')) as Record<string, unknown>;
  const register = m['registerNodeBindings'];
  if (typeof register === 'function') (register as (c: DependencyContainer) => void)(container);
}
