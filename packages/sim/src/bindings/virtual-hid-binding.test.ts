import { ImxflashError } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { LinkFaults } from '../faults/link-faults.js';
import { hidTiming } from '../time/link-timing.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { VirtualHidBinding, type VirtualHidDevice } from './virtual-hid-binding.js';

/** Answers each output report with report id 2 and the payload reversed. */
function echoDevice(events: string[] = [], vid = 0x1fc9, pid = 0x0130): VirtualHidDevice {
  return {
    info: { vid, pid, serial: 'H1', product: 'SE Blank RT Family' },
    timing: hidTiming('high'),
    onOutputReport: (report, reply) => reply(Uint8Array.from([2, ...report.subarray(1).reverse()])),
    onOpen: () => events.push('open'),
    onClose: () => events.push('close'),
  };
}

function rig() {
  const clock = new VirtualClock();
  const faults = new LinkFaults();
  return { clock, faults, hid: new VirtualHidBinding(clock, faults) };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImxflashError);
    return (e as ImxflashError).code;
  }
  throw new Error('expected a rejection');
}

describe('VirtualHidBinding', () => {
  it('lists attached devices with paths, filtered by VID and PID', async () => {
    const { hid } = rig();
    const a = hid.attach(echoDevice([], 0x1fc9, 0x0130));
    hid.attach(echoDevice([], 0x15a2, 0x0073));
    expect(a).toBe('sim-hid:1');
    expect((await hid.list()).map((d) => d.path)).toEqual(['sim-hid:1', 'sim-hid:2']);
    expect(await hid.list({ vid: 0x15a2 })).toEqual([{ vid: 0x15a2, pid: 0x0073, serial: 'H1', product: 'SE Blank RT Family', path: 'sim-hid:2' }]);
    expect(await hid.list({ vid: 0x1fc9, pid: 0x0073 })).toEqual([]);
  });

  it('delivers a report, queues the reply and charges one microframe each way', async () => {
    const { hid, clock } = rig();
    const link = await hid.open(hid.attach(echoDevice()));
    await link.write(Uint8Array.of(1, 0xaa, 0xbb, 0xcc));
    expect(await link.read(1000)).toEqual(Uint8Array.of(2, 0xcc, 0xbb, 0xaa));
    expect(clock.now()).toBeCloseTo(0.25, 9);
  });

  it('times out on Clock time when no report is queued', async () => {
    const { hid, clock } = rig();
    const link = await hid.open(hid.attach(echoDevice()));
    expect(await codeOf(link.read(500))).toBe('TRANSPORT_TIMEOUT');
    expect(clock.now()).toBe(500);
  });

  it('refuses a second open and an unknown path', async () => {
    const { hid } = rig();
    const path = hid.attach(echoDevice());
    await hid.open(path);
    expect(await codeOf(hid.open(path))).toBe('PROBE_BUSY');
    expect(await codeOf(hid.open('sim-hid:99'))).toBe('PROBE_NOT_FOUND');
  });

  it('a detach (re-enumeration) disconnects the open link and tells the device', async () => {
    const { hid } = rig();
    const events: string[] = [];
    const path = hid.attach(echoDevice(events));
    const link = await hid.open(path);
    hid.detach(path);
    expect(events).toEqual(['open', 'close']);
    expect(await codeOf(link.write(Uint8Array.of(1, 0)))).toBe('TRANSPORT_DISCONNECTED');
    expect(await codeOf(link.read(10))).toBe('TRANSPORT_DISCONNECTED');
    expect(await hid.list()).toEqual([]);
  });

  it('drops and corrupts reports as the fault plan says', async () => {
    const { hid, faults } = rig();
    const link = await hid.open(hid.attach(echoDevice()));
    faults.dropPacket(1, { direction: 'to-device' });
    await link.write(Uint8Array.of(1, 1, 2, 3));
    expect(await codeOf(link.read(10))).toBe('TRANSPORT_TIMEOUT');
    faults.corruptPacket(1, 1, { direction: 'to-host' });
    await link.write(Uint8Array.of(1, 1, 2, 3));
    expect(await link.read(10)).toEqual(Uint8Array.of(2, 3 ^ 0xff, 2, 1));
  });

  it('after a disconnect fault, closing the lost link frees the path for a reopen', async () => {
    const { hid, faults } = rig();
    const events: string[] = [];
    const path = hid.attach(echoDevice(events));
    const link = await hid.open(path);
    faults.disconnectAfterBytes(0);
    expect(await codeOf(link.write(Uint8Array.of(1, 9)))).toBe('TRANSPORT_DISCONNECTED');
    await link.close();
    faults.reconnect();
    const again = await hid.open(path);
    await again.write(Uint8Array.of(1, 7));
    expect(await again.read(10)).toEqual(Uint8Array.of(2, 7));
    expect(events).toEqual(['open', 'close', 'open']);
  });
});
