// Public face: the real bindings, one file per native module, each loading it lazily (DESIGN §3).
export const packageName = '@imxflash/bindings-node';
export { ChildProcessRunner } from './child-process-runner.js';
export { NodeFileSystem } from './node-file-system.js';
// USB HID (node-hid) and serial ports (serialport), each loaded on first use; a pty pair for tests.
export { NodeHidBinding } from './node-hid-binding.js';
export { SerialportBinding } from './serialport-binding.js';
export { openPtyBridge, type PtyBridge } from './testing/pty-bridge.js';
// USB bulk (usb v3, WebUSB layer) for CMSIS-DAP v2 probes, loaded on first use.
export { NodeUsbBinding, type WebUsbDeviceLike, type WebUsbLike } from './usb-binding.js';
