import { FILE_SYSTEM, HID_BINDING, PROCESS_RUNNER, SERIAL_BINDING, USB_BINDING, systemClock } from '@imxflash/core';
import type { DependencyContainer } from 'tsyringe';

/**
 * Registers the real hardware bindings of @imxflash/bindings-node (node-hid, usb, serialport,
 * child_process, the file system). Each loads its native module only when first used, so a
 * missing libusb is a coded error of the driver that needs it, not a crash here.
 */
export async function registerRealBindings(container: DependencyContainer): Promise<void> {
  const b = await import('@imxflash/bindings-node');
  container.register(HID_BINDING, { useValue: new b.NodeHidBinding(systemClock) });
  container.register(USB_BINDING, { useValue: new b.NodeUsbBinding(systemClock) });
  container.register(SERIAL_BINDING, { useValue: new b.SerialportBinding(systemClock) });
  container.register(PROCESS_RUNNER, { useValue: new b.ChildProcessRunner() });
  container.register(FILE_SYSTEM, { useValue: new b.NodeFileSystem() });
}
