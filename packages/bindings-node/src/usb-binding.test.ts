import { describe, expect, it } from 'vitest';
import { NodeUsbBinding, type WebUsbDeviceLike, type WebUsbLike } from './usb-binding.js';

function fakeDevice(overrides: Partial<WebUsbDeviceLike> = {}): WebUsbDeviceLike & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    sent,
    vendorId: 0x1fc9, productId: 0x0143, serialNumber: 'ABC', productName: 'MCU-Link', manufacturerName: 'NXP', bus: '1', ports: [2, 1],
    configuration: {
      interfaces: [{
        interfaceNumber: 3,
        alternate: {
          interfaceClass: 0xff, interfaceSubclass: 0, interfaceProtocol: 0, interfaceName: 'MCU-Link CMSIS-DAP V3.128',
          endpoints: [{ endpointNumber: 4, direction: 'out', type: 'bulk', packetSize: 512 }, { endpointNumber: 5, direction: 'in', type: 'bulk', packetSize: 512 }],
        },
      }],
    },
    open: async () => {},
    close: async () => {},
    claimInterface: async () => {},
    transferOut: async (_ep, data) => { sent.push(data); return { status: 'ok', bytesWritten: data.length }; },
    transferIn: async () => ({ status: 'ok', data: new DataView(Uint8Array.of(0x00, 0x02, 0x00, 0x02).buffer) }),
    ...overrides,
  };
}

const binding = (usb: WebUsbLike | Error) => new NodeUsbBinding(undefined, async () => { if (usb instanceof Error) throw usb; return { usb }; });

describe('NodeUsbBinding (usb v3 WebUSB layer, faked)', () => {
  it('lists devices with ids from bus and ports, strings and interfaces', async () => {
    const [info] = await binding({ getDevices: async () => [fakeDevice()] }).list();
    expect(info).toEqual({
      id: 'usb:1-2.1', vid: 0x1fc9, pid: 0x0143, serial: 'ABC', manufacturer: 'NXP', product: 'MCU-Link', accessible: true,
      interfaces: [{
        interfaceNumber: 3, interfaceClass: 0xff, interfaceSubclass: 0, interfaceProtocol: 0, name: 'MCU-Link CMSIS-DAP V3.128',
        endpoints: [{ endpointNumber: 4, direction: 'out', type: 'bulk', packetSize: 512 }, { endpointNumber: 5, direction: 'in', type: 'bulk', packetSize: 512 }],
      }],
    });
  });

  it('no USB bus (getDevices fails) is an empty list, not an error', async () => {
    expect(await binding({ getDevices: async () => { throw new Error('LIBUSB_ERROR_OTHER'); } }).list()).toEqual([]);
  });

  it('a missing module is NATIVE_MODULE_MISSING with a hint', async () => {
    await expect(binding(new Error('Cannot find module usb')).list()).rejects.toMatchObject({ code: 'NATIVE_MODULE_MISSING', hint: expect.stringContaining('npm i usb') });
  });

  it('opens, claims, moves bulk transfers', async () => {
    const device = fakeDevice();
    const link = await binding({ getDevices: async () => [device] }).open('usb:1-2.1');
    await link.claimInterface(3);
    await link.transferOut(4, Uint8Array.of(0x00, 0xff), 100);
    expect(device.sent).toEqual([Uint8Array.of(0x00, 0xff)]);
    expect(await link.transferIn(5, 512, 100)).toEqual(Uint8Array.of(0x00, 0x02, 0x00, 0x02));
    await link.close();
    await expect(link.transferIn(5, 512, 100)).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
  });

  it('maps open failures and unknown ids to probe codes', async () => {
    const locked = fakeDevice({ open: async () => { throw new Error('LIBUSB_ERROR_ACCESS'); } });
    await expect(binding({ getDevices: async () => [locked] }).open('usb:1-2.1')).rejects.toMatchObject({ code: 'PROBE_PERMISSION_DENIED' });
    await expect(binding({ getDevices: async () => [] }).open('usb:9-9')).rejects.toMatchObject({ code: 'PROBE_NOT_FOUND' });
  });

  it('a transfer that never completes is TRANSPORT_TIMEOUT on the injected clock', async () => {
    let now = 0;
    const clock = { now: () => now, sleep: async (ms: number) => { now += ms; } };
    const stuck = fakeDevice({ transferIn: () => new Promise(() => {}) });
    const link = await new NodeUsbBinding(clock, async () => ({ default: { usb: { getDevices: async () => [stuck] } } })).open('usb:1-2.1');
    await expect(link.transferIn(5, 512, 100)).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    expect(now).toBeGreaterThanOrEqual(100);
  });

  it('loads the real module lazily: importing the file does not, and list() works or says the module is missing', async () => {
    try {
      const list = await new NodeUsbBinding().list();
      expect(Array.isArray(list)).toBe(true);
    } catch (e) {
      expect(e).toMatchObject({ code: 'NATIVE_MODULE_MISSING' });
    }
  });
});
