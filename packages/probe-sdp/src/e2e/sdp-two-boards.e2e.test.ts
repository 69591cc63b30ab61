import 'reflect-metadata';
import { buildBootImage, flash, HID_BINDING, CLOCK, PROBE_DRIVER, readIntelHex, SERIAL_BINDING, type ProbeSelector } from '@imxflash/core';
import { attachSimSerialDownloader, buildSimFlashloaderImage, createSimBoard, VirtualHidBinding, VirtualSerialBinding } from '@imxflash/sim';
import { readFileSync } from 'node:fs';
import { container as root } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { registerSdpDriver } from '../register.js';
import type { SdpSession } from '../sdp-session.js';

const blinky = readIntelHex(readFileSync(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url)), 'blinky-ram.hex');

describe('two boards on one host (a gang): each session finds its own flashloader', () => {
  it('the second board\'s session opens the flashloader that appeared after its jump, not the first board\'s', async () => {
    // Both ROMs on one HID binding, as two boards on one host's USB (the link runs on board A's clock).
    const a = createSimBoard({ boot: 'serial-downloader' });
    const b = createSimBoard({ boot: 'serial-downloader' });
    const hid = new VirtualHidBinding(a.clock, a.faults.link);
    const sdA = attachSimSerialDownloader(a, hid);
    const sdB = attachSimSerialDownloader(b, hid);
    const container = root.createChildContainer();
    container.register(CLOCK, { useValue: a.clock });
    container.register(HID_BINDING, { useValue: hid });
    container.register(SERIAL_BINDING, { useValue: new VirtualSerialBinding(a.clock, a.faults.link) });
    registerSdpDriver(container, { flashloader: buildSimFlashloaderImage() });
    const driver = container.resolveAll(PROBE_DRIVER)[0]!;
    const at = (path: string): ProbeSelector => ({ text: `sdp:${path}`, driver: 'sdp', path });

    const sessionA = (await driver.open(at(sdA.path!), { clock: a.clock })) as SdpSession;
    await sessionA.attachFlash({ chip: a.chip, part: a.part });
    const flashloaderA = sdA.path!;
    const sessionB = (await driver.open(at(sdB.path!), { clock: a.clock })) as SdpSession;
    // Board A's flashloader is listed first and held open by session A: B must take its own.
    const deviceB = await sessionB.attachFlash({ chip: b.chip, part: b.part });
    expect(sdB.mode).toBe('flashloader');
    expect(sdB.path).not.toBe(flashloaderA);

    const boot = buildBootImage(blinky, { chip: b.chip, part: b.part });
    await flash(boot.image, deviceB, { clock: a.clock });
    // Board B holds the image (FCB tag 'FCFB' at offset 0); board A's flash is untouched.
    expect(Array.from(b.flash.peek(0, 4))).toEqual([0x46, 0x43, 0x46, 0x42]);
    expect(Array.from(a.flash.peek(0, 4))).toEqual([0xff, 0xff, 0xff, 0xff]);
    await sessionB.close();
    await sessionA.close();
  });
});
