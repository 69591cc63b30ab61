import { describe, expect, it } from 'vitest';
import { LinkFaults } from '../faults/link-faults.js';
import { bulkTiming } from '../time/link-timing.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { VirtualUsbBinding, type VirtualUsbDevice } from './virtual-usb-binding.js';

/** Echoes each OUT transfer on endpoint 1 back on IN endpoint 2, reversed. */
function echoDevice(events: string[] = []): VirtualUsbDevice {
  return {
    info: {
      vid: 0x1fc9, pid: 0x0143, serial: 'E1', accessible: true,
      interfaces: [{ interfaceNumber: 0, interfaceClass: 0xff, interfaceSubclass: 0, interfaceProtocol: 0, name: 'CMSIS-DAP', endpoints: [] }],
    },
    timing: bulkTiming(),
    onTransferOut: (ep, data, reply) => {
      if (ep === 1) reply(2, data.slice().reverse());
    },
    onOpen: () => events.push('open'),
    onClose: () => events.push('close'),
  };
}

function rig() {
  const clock = new VirtualClock();
  const faults = new LinkFaults();
  const usb = new VirtualUsbBinding(clock, faults);
  return { clock, faults, usb };
}

describe('VirtualUsbBinding', () => {
  it('lists attached devices with their ids and descriptors', async () => {
    const { usb } = rig();
    expect(await usb.list()).toEqual([]);
    const id = usb.attach(echoDevice());
    expect(id).toBe('sim-usb:1');
    const [info] = await usb.list();
    expect(info).toMatchObject({ id, vid: 0x1fc9, pid: 0x0143, serial: 'E1' });
    expect(info!.interfaces[0]!.name).toBe('CMSIS-DAP');
  });

  it('moves a transfer out and the reply in, charging bulk link time both ways', async () => {
    const { usb, clock } = rig();
    const id = usb.attach(echoDevice());
    const link = await usb.open(id);
    await link.claimInterface(0);
    await link.transferOut(1, Uint8Array.of(1, 2, 3), 1000);
    // Pipelined model (link-timing.ts): the host's write costs only its OUT microframe; the reply
    // (ready at once) reaches the host one IN microframe later, when the host reads it.
    expect(clock.now()).toBeCloseTo(0.125, 9);
    expect(await link.transferIn(2, 512, 1000)).toEqual(Uint8Array.of(3, 2, 1));
    expect(clock.now()).toBeCloseTo(0.25, 9);
  });

  it('overlaps transfers in flight: OUT and IN pipes are independent, the device works on its own timeline', async () => {
    const { usb, clock } = rig();
    // Each command takes the device 1 ms; it buffers up to 4 of them.
    const device: VirtualUsbDevice = { ...echoDevice(), queueDepth: 4, onTransferOut: (_ep, data, reply) => { clock.advance(1); reply(2, data); } };
    const link = await usb.open(usb.attach(device));
    // Serial: OUT microframe + 1 ms work + IN microframe, as before the pipelining model.
    await link.transferOut(1, Uint8Array.of(1), 1000);
    await link.transferIn(2, 512, 1000);
    expect(clock.now()).toBeCloseTo(1.25, 9);
    // Four in flight: the OUTs go back to back (0.125 each); the device works 1 ms per command from
    // the first arrival; the last reply is in one microframe after the 4th command's work ends.
    for (let i = 0; i < 4; i++) await link.transferOut(1, Uint8Array.of(i), 1000);
    expect(clock.now()).toBeCloseTo(1.25 + 0.5, 9);
    for (let i = 0; i < 4; i++) expect(await link.transferIn(2, 512, 1000)).toEqual(Uint8Array.of(i));
    expect(clock.now()).toBeCloseTo(1.25 + 0.125 + 4 + 0.125, 9);
  });

  it('NAKs an OUT while the device buffers queueDepth commands', async () => {
    const { usb, clock } = rig();
    const device: VirtualUsbDevice = { ...echoDevice(), queueDepth: 2, onTransferOut: (_ep, data, reply) => { clock.advance(1); reply(2, data); } };
    const link = await usb.open(usb.attach(device));
    await link.transferOut(1, Uint8Array.of(0), 1000); // arrives 0.125, done 1.125
    await link.transferOut(1, Uint8Array.of(1), 1000); // arrives 0.25, done 2.125
    expect(clock.now()).toBeCloseTo(0.25, 9);
    // Both buffers are full: the third OUT waits until the first command is done (1.125), then moves.
    await link.transferOut(1, Uint8Array.of(2), 1000);
    expect(clock.now()).toBeCloseTo(1.25, 9);
  });

  it('truncates an IN transfer to the requested length', async () => {
    const { usb } = rig();
    const link = await usb.open(usb.attach(echoDevice()));
    await link.transferOut(1, Uint8Array.of(1, 2, 3, 4), 1000);
    expect(await link.transferIn(2, 2, 1000)).toEqual(Uint8Array.of(4, 3));
  });

  it('times out on Clock time when nothing arrives', async () => {
    const { usb, clock } = rig();
    const link = await usb.open(usb.attach(echoDevice()));
    await expect(link.transferIn(2, 64, 250)).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    expect(clock.now()).toBe(250);
  });

  it('rejects unknown ids, a second open and unknown interfaces with codes', async () => {
    const { usb } = rig();
    await expect(usb.open('sim-usb:9')).rejects.toMatchObject({ code: 'PROBE_NOT_FOUND' });
    const id = usb.attach(echoDevice());
    const link = await usb.open(id);
    await expect(usb.open(id)).rejects.toMatchObject({ code: 'PROBE_BUSY' });
    await expect(link.claimInterface(5)).rejects.toMatchObject({ code: 'CAPABILITY_UNAVAILABLE' });
    await link.close();
    await expect(usb.open(id)).resolves.toBeDefined();
  });

  it('fails an open link with TRANSPORT_DISCONNECTED on detach and tells the device', async () => {
    const { usb } = rig();
    const events: string[] = [];
    const id = usb.attach(echoDevice(events));
    const link = await usb.open(id);
    usb.detach(id);
    expect(events).toEqual(['open', 'close']);
    await expect(link.transferOut(1, Uint8Array.of(1), 100)).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
    await expect(link.transferIn(2, 64, 100)).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
    expect(await usb.list()).toEqual([]);
  });

  it('applies link faults: a dropped OUT transfer gets no reply; a disconnect fails the transfer', async () => {
    const { usb, faults } = rig();
    const link = await usb.open(usb.attach(echoDevice()));
    faults.dropPacket(1, { direction: 'to-device' });
    await link.transferOut(1, Uint8Array.of(9), 100);
    await expect(link.transferIn(2, 64, 100)).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    faults.disconnectAfterBytes(0);
    await expect(link.transferOut(1, Uint8Array.of(9), 100)).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
  });

  it('a link lost to a disconnect fault can be closed and the device reopened after reconnect', async () => {
    const { usb, faults } = rig();
    const id = usb.attach(echoDevice());
    const link = await usb.open(id);
    faults.disconnectAfterBytes(0);
    await expect(link.transferOut(1, Uint8Array.of(1), 100)).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
    await link.close();
    faults.reconnect();
    const again = await usb.open(id);
    await again.transferOut(1, Uint8Array.of(7, 8), 100);
    expect(await again.transferIn(2, 64, 100)).toEqual(Uint8Array.of(8, 7));
  });

  it('close is idempotent and drops queued data', async () => {
    const { usb } = rig();
    const events: string[] = [];
    const link = await usb.open(usb.attach(echoDevice(events)));
    await link.transferOut(1, Uint8Array.of(1), 100);
    await link.close();
    await link.close();
    expect(events).toEqual(['open', 'close']);
    await expect(link.transferOut(1, Uint8Array.of(1), 100)).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
  });
});
