import 'reflect-metadata';
import { openPtyBridge, SerialportBinding } from '@imxflash/bindings-node';
import { buildBootImage, CLOCK, flash, HID_BINDING, PROBE_DRIVER, readIntelHex, SERIAL_BINDING, systemClock } from '@imxflash/core';
import { buildSimFlashloaderImage, createSimBoard, createSimSerialDownloaderUart, runBootRom, VirtualHidBinding } from '@imxflash/sim';
import { readFileSync } from 'node:fs';
import { container as root } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { registerSdpDriver } from '../register.js';
import type { SdpSession } from '../sdp-session.js';

const bridge = await openPtyBridge();
const unavailable = 'unavailable' in bridge ? bridge.unavailable : undefined;
if (unavailable !== undefined) console.warn(`SDP over a real pty skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('SDP + flashloader over the REAL serialport binding, on a pseudo-terminal', () => {
  it('hands off, flashes blinky (RAM image) with flash(), verifies, resets; the boot ROM boots it', async () => {
    const pty = bridge as Exclude<typeof bridge, { unavailable: string }>;
    const board = createSimBoard({ boot: 'serial-downloader' });
    const uart = createSimSerialDownloaderUart(board);
    // The board's UART on the far end of the pty: bytes from the host go to the model, its answers back.
    pty.onData((bytes) => uart.onBytes(bytes, (out) => pty.write(out)));

    const container = root.createChildContainer();
    container.register(CLOCK, { useValue: systemClock });
    container.register(HID_BINDING, { useValue: new VirtualHidBinding(board.clock, board.faults.link) });
    container.register(SERIAL_BINDING, { useValue: new SerialportBinding(systemClock) });
    registerSdpDriver(container, { flashloader: buildSimFlashloaderImage(), port: pty.path, baudRate: 115200 });
    const driver = container.resolveAll(PROBE_DRIVER)[0]!;
    const listed = await driver.list();
    expect(listed).toEqual([expect.objectContaining({ driver: 'sdp', path: pty.path, link: 'serial' })]);

    const session = (await driver.open({ text: `sdp:${pty.path}`, driver: 'sdp', path: pty.path }, { clock: systemClock })) as SdpSession;
    expect(session.stage).toBe('rom');
    expect(session.hab).toBe('open');
    const device = await session.attachFlash({ chip: board.chip, part: board.part });
    expect(uart.mode).toBe('flashloader');
    expect(session.flashloaderVersion).toBe('K1.4.0');

    const app = readIntelHex(readFileSync(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url)), 'blinky-ram.hex');
    const boot = buildBootImage(app, { chip: board.chip, part: board.part });
    const result = await flash(boot.image, device, { clock: systemClock, reset: () => session.reset('system') });
    expect(result.reset).toBe(true);
    expect(board.flash.peek(0, boot.bytes.length)).toEqual(boot.bytes);
    expect(uart.history).toEqual(['jump', 'reset']);

    const state = board.exportState();
    const verdict = runBootRom(createSimBoard({ state: { ...state, boot: { ...state.boot, bootMode: 2 } } }));
    expect(verdict).toMatchObject({ verdict: 'booted', entry: boot.report.ivt?.entry });
    await pty.close();
  }, 60_000);
});
