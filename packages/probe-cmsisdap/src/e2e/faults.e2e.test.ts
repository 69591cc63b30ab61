import { findChip, flash, MemoryImage } from '@imxflash/core';
import { attachSimCmsisDap } from '@imxflash/sim';
import { describe, expect, it } from 'vitest';
import { simRig } from './sim-rig.js';

const chip = findChip('rt1052');
const BASE = 0x6000_0000;
const CCGR6 = 0x400f_c080;
const data = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed) & 0xff);

describe.each(['v1', 'v2'] as const)('fault handling over %s', (version) => {
  it('rides out a WAIT storm inside the probe retries (WaitRetry 0xFFFF)', async () => {
    const { open, probe, board } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    await device.erase([{ address: BASE, bytes: 4096 }]);
    probe.faults.waitStorm(500);
    await device.program(BASE, data(1024));
    expect(probe.faults.waitAnswers).toBe(500);
    expect(board.flash.peek(0, 1024)).toEqual(data(1024));
  });

  it('a WAIT storm longer than the probe retries: DAPABORT, the page is rerun, the data is right', async () => {
    const { open, probe, board } = simRig(version, { waitRetry: 3 });
    const session = await open();
    const device = await session.attachFlash({ chip });
    await device.erase([{ address: BASE, bytes: 4096 }]);
    probe.faults.waitStorm(10); // 3 retries + 1 = 4 WAITs per attempt: the first two attempts fail, the third runs
    await device.program(BASE + 256, data(256, 7));
    expect(probe.faults.waitAnswers).toBe(10);
    expect(board.flash.peek(256, 256)).toEqual(data(256, 7));
  });

  it('a page program slower than the round trip: the ready check of the next page stops its batch, the flash is waited for, the page is redone', async () => {
    const { open, board } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    await device.erase([{ address: BASE, bytes: 4096 }]);
    // 10× the typical program time (2 ms) outlasts the v2 round trip and two v1 frames, so the next page's check sees "busy"
    // (on v1 inside a batch of pages: the pages before it stay done, the rest are redone).
    board.faults.stretchBusy(10);
    const rounds0 = session.flash!.stats.pollRounds;
    await device.program(BASE + 256, data(2048, 3));
    board.faults.stretchBusy(1);
    expect(session.flash!.stats.pollRounds - rounds0).toBeGreaterThan(0);
    expect(board.flash.peek(256, 2048)).toEqual(data(2048, 3));
    // Nothing beside the programmed pages was touched, and the link is clean for the next operation.
    expect(board.flash.peek(0, 256)).toEqual(new Uint8Array(256).fill(0xff));
    expect(board.flash.peek(2304, 1792)).toEqual(new Uint8Array(1792).fill(0xff));
    expect(await device.read(BASE + 256, 2048)).toEqual(data(2048, 3));
  });

  it('a page program the FlexSPI rejects (IPCMDERR) is FLASH_PROGRAM_FAILED naming the address; the next program works', async () => {
    const { open, board } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    await device.erase([{ address: BASE, bytes: 16384 }]);
    // Port A1 shrunk to 4 KiB behind the driver's back: a program at 8 KiB is out of the FlexSPI's range.
    const flshA1Cr0 = 0x402a_8060;
    const size = await session.ap.readWord(flshA1Cr0);
    await session.ap.writeWord(flshA1Cr0, 4);
    const error = await device.program(BASE + 0x2000, data(512)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FLASH_PROGRAM_FAILED', details: { address: 0x2000 } });
    await session.ap.writeWord(flshA1Cr0, size);
    await device.program(BASE + 0x2000, data(512, 9));
    expect(board.flash.peek(0x2000, 512)).toEqual(data(512, 9));
  });

  it('a WAIT storm that outlasts every attempt is SWD_WAIT', async () => {
    const { open, probe } = simRig(version, { waitRetry: 1 });
    const session = await open();
    const device = await session.attachFlash({ chip });
    probe.faults.waitStorm(1000);
    await expect(device.program(BASE, data(16))).rejects.toMatchObject({ code: 'SWD_WAIT' });
  });

  it('a protocol (parity) error: line reset, DPIDR, sticky clear, the page is rerun', async () => {
    const { open, probe, board } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    await device.erase([{ address: BASE, bytes: 4096 }]);
    probe.faults.protocolErrorNextAp(1);
    await device.program(BASE + 512, data(300, 9));
    expect(session.flash!.stats.retries).toHaveLength(1);
    expect(board.flash.peek(512, 300)).toEqual(data(300, 9));
  });

  it('a lost USB packet: the response times out, the link is drained, the page is rerun', async () => {
    const { open, board } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    await device.erase([{ address: BASE, bytes: 4096 }]);
    board.faults.link.dropPacket(2, { direction: 'to-host' });
    await device.program(BASE, data(512, 4));
    expect(session.flash!.stats.retries).toHaveLength(1);
    expect(board.flash.peek(0, 512)).toEqual(data(512, 4));
    board.faults.link.corruptPacket(3, 1, { direction: 'to-host' });
    expect(await device.read(BASE, 512)).toEqual(data(512, 4));
    expect(session.flash!.stats.retries).toHaveLength(2);
  });

  it('the FlexSPI behind a gated clock FAULTs; attachFlash turns the clock on first', async () => {
    const { open, board } = simRig(version);
    board.bus.write32(CCGR6, board.bus.read32(CCGR6) & ~(3 << 10));
    const session = await open();
    await expect(session.ap.readWord(0x402a_8000)).rejects.toMatchObject({ code: 'SWD_FAULT', details: { address: 0x402a_8000 } });
    // Sticky error cleared: the next access works.
    expect(await session.ap.readWord(0x2000_0000)).toBe(0);
    const device = await session.attachFlash({ chip });
    expect(session.flash!.part.id).toBe('is25wp064a');
    expect((board.bus.read32(CCGR6) >>> 10) & 3).toBe(3);
    await device.erase([{ address: BASE, bytes: 4096 }]);
  });

  it('an unexpected FAULT is SWD_FAULT (not retried); sticky errors are cleared so a rerun completes', async () => {
    const { open, probe, board } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    await device.erase([{ address: BASE, bytes: 4096 }]);
    probe.faults.faultNextAp(1);
    await expect(device.program(BASE, data(512))).rejects.toMatchObject({ code: 'SWD_FAULT' });
    await device.program(BASE, data(512));
    expect(board.flash.peek(0, 512)).toEqual(data(512));
  });

  it('probe unplugged mid-program: TRANSPORT_DISCONNECTED; replugged, a rerun of flash() completes', async () => {
    const { open, board, probe, hid, usb, driver } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    const image = MemoryImage.from([{ address: BASE + 0x1_0000, data: data(8192, 3) }]);
    board.faults.link.disconnectAfterBytes(20_000);
    await expect(flash(image, device, { clock: board.clock })).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
    await session.close();
    probe.detach();
    board.faults.link.reconnect();
    attachSimCmsisDap(board, { hid, usb }, { version });
    const again = await driver.open({ text: 'cmsis-dap', driver: 'cmsis-dap' }, { clock: board.clock });
    const device2 = await again.attachFlash({ chip });
    const result = await flash(image, device2, { clock: board.clock });
    // core verifies what the rerun erased or programmed; pages the first run finished are skipped.
    expect(result.skippedBytes + result.programmedBytes).toBe(8192);
    expect(result.verifiedBytes).toBeGreaterThanOrEqual(result.programmedBytes);
    expect(board.flash.peek(0x1_0000, 8192)).toEqual(data(8192, 3));
  });

  it('a page the flash silently fails to program is FLASH_VERIFY_MISMATCH naming the address', async () => {
    const { open, board } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    board.faults.failNthProgram(3); // the third page: 0x60020200
    const image = MemoryImage.from([{ address: BASE + 0x2_0000, data: data(2048, 5) }]);
    const failure = flash(image, device, { clock: board.clock });
    await expect(failure).rejects.toMatchObject({ code: 'FLASH_VERIFY_MISMATCH' });
    await expect(failure).rejects.toThrow(/6002020/);
  });
});

describe('link drop without replug (v2)', () => {
  it('TRANSPORT_DISCONNECTED mid-program; once the link is back, a new session reruns flash() to completion', async () => {
    const { open, board } = simRig('v2');
    const session = await open();
    const device = await session.attachFlash({ chip });
    const image = MemoryImage.from([{ address: BASE + 0x3_0000, data: data(4096, 6) }]);
    board.faults.link.disconnectAfterBytes(6_000);
    await expect(flash(image, device, { clock: board.clock })).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
    await session.close();
    board.faults.link.reconnect();
    const again = await open();
    const result = await flash(image, await again.attachFlash({ chip }), { clock: board.clock });
    // core verifies what the rerun erased or programmed; pages the first run finished are skipped.
    expect(result.skippedBytes + result.programmedBytes).toBe(4096);
    expect(result.verifiedBytes).toBeGreaterThanOrEqual(result.programmedBytes);
    expect(board.flash.peek(0x3_0000, 4096)).toEqual(data(4096, 6));
  });
});
