import type { HidLink, UsbLink } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { BulkDapTransport } from './bulk-dap-transport.js';
import { HidDapTransport } from './hid-dap-transport.js';

function fakeHidLink() {
  const written: Uint8Array[] = [];
  const link: HidLink = {
    write: async (r) => void written.push(r),
    read: async () => Uint8Array.of(0x00, 0x01),
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
  return { link, written };
}

function fakeUsbLink() {
  const out: [number, Uint8Array][] = [];
  const link = {
    info: { id: 'x', vid: 0, pid: 0, interfaces: [], accessible: true },
    claimInterface: async () => {},
    transferOut: async (ep: number, data: Uint8Array) => void out.push([ep, data]),
    transferIn: async () => Uint8Array.of(0x11, 0x00),
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  } satisfies UsbLink;
  return { link, out };
}

describe('HidDapTransport (v1)', () => {
  it('sends a 0x00 report id then the command padded to the full report', async () => {
    const { link, written } = fakeHidLink();
    const t = new HidDapTransport(link, 64);
    await t.send(Uint8Array.of(0x00, 0xff));
    expect(written[0]!.length).toBe(65);
    expect(Array.from(written[0]!.subarray(0, 4))).toEqual([0x00, 0x00, 0xff, 0x00]);
    expect(written[0]!.subarray(3).every((b) => b === 0)).toBe(true);
    expect(t.stats).toMatchObject({ packetsOut: 1, bytesOut: 64 });
  });
  it('refuses a command longer than the report', async () => {
    const t = new HidDapTransport(fakeHidLink().link, 64);
    await expect(t.send(new Uint8Array(65))).rejects.toMatchObject({ code: 'DAP_BAD_REQUEST' });
  });
});

describe('BulkDapTransport (v2)', () => {
  it('sends only the command bytes to the OUT endpoint', async () => {
    const { link, out } = fakeUsbLink();
    const t = new BulkDapTransport(link, 2, 3, 64, 512);
    await t.send(Uint8Array.of(0x11, 0x40, 0x42, 0x0f, 0x00));
    expect(out).toEqual([[2, Uint8Array.of(0x11, 0x40, 0x42, 0x0f, 0x00)]]);
  });
  it('ends a command of a whole number of max packets (but shorter than the DAP packet) with a ZLP', async () => {
    const { link, out } = fakeUsbLink();
    const t = new BulkDapTransport(link, 2, 3, 64, 512);
    await t.send(new Uint8Array(128));
    expect(out.map(([, d]) => d.length)).toEqual([128, 0]);
    out.length = 0;
    await t.send(new Uint8Array(512));
    expect(out.map(([, d]) => d.length)).toEqual([512]);
    expect(t.stats.packetsOut).toBe(2);
  });
  it('reads one response of up to the packet size from the IN endpoint', async () => {
    const t = new BulkDapTransport(fakeUsbLink().link, 2, 3, 512, 512);
    expect(await t.receive(100)).toEqual(Uint8Array.of(0x11, 0x00));
  });
});
