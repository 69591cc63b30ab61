import { ImxflashError, type HidBinding, type HidDeviceInfo, type UsbBinding, type UsbDeviceInfo } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { discoverProbes, findV2Interface, isV1Candidate } from './probe-discovery.js';

const v2Device = (over: Partial<UsbDeviceInfo> = {}): UsbDeviceInfo => ({
  id: 'usb:1-2', vid: 0x1fc9, pid: 0x0143, serial: 'MCU1', product: 'MCU-Link', accessible: true,
  interfaces: [
    { interfaceNumber: 0, interfaceClass: 0x03, interfaceSubclass: 0, interfaceProtocol: 0, name: 'MCU-Link CMSIS-DAP V3.128', endpoints: [] },
    {
      interfaceNumber: 4, interfaceClass: 0xff, interfaceSubclass: 0, interfaceProtocol: 0, name: 'MCU-Link CMSIS-DAP V3.128',
      endpoints: [{ endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: 512 }, { endpointNumber: 2, direction: 'in', type: 'bulk', packetSize: 512 }],
    },
  ],
  ...over,
});
const hidDevice = (over: Partial<HidDeviceInfo> = {}): HidDeviceInfo => ({ path: '/dev/hidraw3', vid: 0x1fc9, pid: 0x0143, serial: 'MCU1', product: 'MCU-Link CMSIS-DAP', usagePage: 0xff00, ...over });
const usbBinding = (devices: UsbDeviceInfo[]): UsbBinding => ({ list: async () => devices, open: async () => { throw new Error('not in this test'); } });
const hidBinding = (devices: HidDeviceInfo[]): HidBinding => ({ list: async () => devices, open: async () => { throw new Error('not in this test'); } });

describe('CMSIS-DAP discovery', () => {
  it('finds the v2 interface by string, class 0xFF/0 and bulk OUT then IN', () => {
    expect(findV2Interface(v2Device())?.interfaceNumber).toBe(4);
    const swapped = v2Device();
    const iface = swapped.interfaces[1]!;
    expect(findV2Interface({ ...swapped, interfaces: [{ ...iface, endpoints: [...iface.endpoints].reverse() }] })).toBeUndefined();
    expect(findV2Interface({ ...swapped, vid: 0x1234, interfaces: [{ ...iface, name: 'Vendor bulk' }] })).toBeUndefined();
  });

  it('keeps only usage page 0xFF00 of NXP probes, and knows probes by VID:PID', () => {
    expect(isV1Candidate(hidDevice())).toBe(true);
    expect(isV1Candidate(hidDevice({ usagePage: 0x0001 }))).toBe(false);
    expect(isV1Candidate(hidDevice({ vid: 0x0d28, pid: 0x0204, product: 'DAPLink', usagePage: 0x0001 }))).toBe(true);
    expect(isV1Candidate(hidDevice({ vid: 0x046d, pid: 0xc077, product: 'USB Optical Mouse' }))).toBe(false);
  });

  it('lists a probe with both versions once, as v2, unless v1 is preferred', async () => {
    const bindings = { usb: usbBinding([v2Device()]), hid: hidBinding([hidDevice(), hidDevice({ path: '/dev/hidraw4', usagePage: 1 })]) };
    const found = await discoverProbes(bindings);
    expect(found.map((c) => [c.version, c.info.id, c.info.link])).toEqual([['v2', 'MCU1', 'usb']]);
    expect(found[0]!.info).toMatchObject({ driver: 'cmsis-dap', vid: 0x1fc9, pid: 0x0143, serial: 'MCU1', access: 'ok' });
    expect((await discoverProbes(bindings, { preferV1: true })).map((c) => c.version)).toEqual(['v1']);
  });

  it('shows a locked v2 probe as permission-denied with a udev hint', async () => {
    const [locked] = await discoverProbes({ usb: usbBinding([v2Device({ accessible: false, serial: undefined, interfaces: [] })]) });
    expect(locked!.info).toMatchObject({ access: 'permission-denied', accessHint: expect.stringContaining('udev') });
  });

  it('treats a missing native module as no probes, and passes other errors on', async () => {
    const missing: UsbBinding = { list: async () => { throw new ImxflashError('NATIVE_MODULE_MISSING', 'no usb'); }, open: async () => { throw new Error(); } };
    expect(await discoverProbes({ usb: missing, hid: hidBinding([]) })).toEqual([]);
    const broken: UsbBinding = { list: async () => { throw new ImxflashError('PROBE_BUSY', 'x'); }, open: async () => { throw new Error(); } };
    await expect(discoverProbes({ usb: broken })).rejects.toMatchObject({ code: 'PROBE_BUSY' });
    expect(await discoverProbes({})).toEqual([]);
  });
});
