import { buildBootImage, flash, readIntelHex, type ProgressEvent } from '@imxflash/core';
import type { SdpSession } from '../sdp-session.js';
import { buildSimFlashloaderImage } from '@imxflash/sim';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sdpSimRig } from './sim-rig.js';

const blinky = readIntelHex(readFileSync(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url)), 'blinky-ram.hex');
const BASE = 0x6000_0000;

async function attached(link: 'hid' | 'uart', options: Parameters<typeof sdpSimRig>[1] = {}) {
  const rig = sdpSimRig(link, options);
  const session = await rig.open();
  const device = await session.attachFlash({ chip: rig.board.chip, part: rig.board.part });
  return { ...rig, session, device };
}

describe('faults on the serial downloader and flashloader links (sim)', () => {
  it('a lost HID answer to an erase: the idempotent command is resent and the erase completes', async () => {
    const { board, device } = await attached('hid');
    await device.program(BASE + 0x10000, new Uint8Array(16).fill(0));
    board.faults.dropPacket(1, { direction: 'to-host' }); // the erase's GenericResponse (report 3)
    await device.erase([{ address: BASE + 0x10000, bytes: 4096 }]);
    expect(board.faults.link.events).toEqual([expect.objectContaining({ decision: 'drop', direction: 'to-host' })]);
    expect(board.flash.peek(0x10000, 16).every((b) => b === 0xff)).toBe(true);
  });

  it('a corrupted HID answer: an idempotent command is resent; a corrupted ROM HAB word is SDP_BAD_RESPONSE', async () => {
    const { board, device } = await attached('hid');
    await device.program(BASE + 0x50000, new Uint8Array(16).fill(0));
    board.faults.corruptPacket(1, 4, { direction: 'to-host' }); // the response tag of the erase's GenericResponse
    await device.erase([{ address: BASE + 0x50000, bytes: 4096 }]);
    expect(board.flash.peek(0x50000, 16).every((b) => b === 0xff)).toBe(true);
    expect(board.faults.link.events).toEqual([expect.objectContaining({ decision: 'corrupt' })]);

    const rom = sdpSimRig('hid');
    const session = await rom.open();
    rom.board.faults.corruptPacket(1, 2, { direction: 'to-host' }); // report 3: 56 78 78 56 → 56 87 78 56
    await expect(session.rom!.readWord(0x2020_0000)).rejects.toMatchObject({ code: 'SDP_BAD_RESPONSE' });
  });

  it('a lost HID data report during write-memory ends in a coded error, not a hang', async () => {
    const { board, device } = await attached('hid');
    await device.erase([{ address: BASE + 0x20000, bytes: 4096 }]);
    board.faults.dropPacket(3, { direction: 'to-device' }); // command, first data report, the second is lost
    await expect(device.program(BASE + 0x20000, new Uint8Array(3000).fill(0x5a))).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
  });

  it('UART: a corrupted frame in either direction is NAKed and resent; the data arrives intact', async () => {
    const { board, device } = await attached('uart');
    await device.erase([{ address: BASE + 0x30000, bytes: 4096 }]);
    const data = Uint8Array.from({ length: 1500 }, (_, i) => (i * 13) & 0xff);
    board.faults.corruptPacket(3, 10, { direction: 'to-device' }); // a DATA frame to the flashloader
    await device.program(BASE + 0x30000, data);
    board.faults.corruptPacket(4, 10, { direction: 'to-host' }); // a DATA frame of the read back
    expect(await device.read(BASE + 0x30000, data.length)).toEqual(data);
    expect(board.flash.peek(0x30000, data.length)).toEqual(data);
    expect(board.faults.link.events.map((e) => e.decision)).toEqual(['corrupt', 'corrupt']);
  });

  it('disconnect during a write: TRANSPORT_DISCONNECTED; after a replug the same flash completes and verifies', async () => {
    for (const link of ['hid', 'uart'] as const) {
      const rig = await attached(link);
      const boot = buildBootImage(blinky, { chip: rig.board.chip, part: rig.board.part });
      rig.board.faults.disconnectAfterBytes(5_000);
      await expect(flash(boot.image, rig.device, { clock: rig.board.clock })).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
      await rig.session.close();
      rig.board.faults.link.reconnect();
      rig.sd.powerCycle();
      const again = await rig.open();
      const device = await again.attachFlash({ chip: rig.board.chip, part: rig.board.part });
      const result = await flash(boot.image, device, { clock: rig.board.clock });
      expect(result.verifiedBytes).toBeGreaterThan(0);
      expect(rig.board.flash.peek(0, boot.bytes.length)).toEqual(boot.bytes);
      await again.close();
    }
  });

  it('the flashloader never comes up: FLASHLOADER_NOT_ENUMERATED naming the usual causes', async () => {
    for (const link of ['hid', 'uart'] as const) {
      const rig = sdpSimRig(link, { sim: { flashloaderStarts: false }, sdp: { flashloaderTimeoutMs: 2000 } });
      const session = await rig.open();
      await expect(session.attachFlash({ chip: rig.board.chip, part: rig.board.part })).rejects.toMatchObject({
        code: 'FLASHLOADER_NOT_ENUMERATED',
        hint: expect.stringContaining('loaded at 0x20000000, jumped to 0x20000400'),
      });
    }
  });

  it('an erase slower than the part\'s maximum: FLASH_TIMEOUT', async () => {
    const { board, device } = await attached('hid');
    board.faults.stretchBusy(100);
    await expect(device.erase([{ address: BASE, bytes: 256 * 1024 }])).rejects.toMatchObject({ code: 'FLASH_TIMEOUT' });
  });

  it('programming over non-erased bytes is the flashloader\'s cumulative-write error; flash() erases first and succeeds', async () => {
    const { board, device } = await attached('hid');
    await device.erase([{ address: BASE + 0x40000, bytes: 4096 }]);
    await device.program(BASE + 0x40000, Uint8Array.of(0x00, 0x11));
    await expect(device.program(BASE + 0x40000, Uint8Array.of(0x22, 0x33))).rejects.toMatchObject({ code: 'BLHOST_MEMORY_CUMULATIVE_WRITE', details: expect.objectContaining({ status: 10203 }) });
    const boot = buildBootImage(blinky, { chip: board.chip, part: board.part });
    await flash(boot.image, device, { clock: board.clock });
    await flash(boot.image, device, { clock: board.clock }); // again over itself: erase, program, verify
    expect(board.flash.peek(0, boot.bytes.length)).toEqual(boot.bytes);
  });

  it('HAB closed: reported, and the unsigned flashloader is refused with SDP_HAB_LOCKED', async () => {
    const rig = sdpSimRig('hid', { board: { boot: { bootMode: 1, secConfig: 2 } } });
    const notices: ProgressEvent[] = [];
    const session = (await rig.driver.open({ text: 'sdp', driver: 'sdp' }, { clock: rig.board.clock, onProgress: (e) => notices.push(e) })) as SdpSession;
    expect(session.hab).toBe('closed');
    expect(notices).toEqual([expect.objectContaining({ type: 'notice', code: 'SDP_HAB_CLOSED' })]);
    await expect(session.attachFlash({ chip: rig.board.chip, part: rig.board.part })).rejects.toMatchObject({ code: 'SDP_HAB_LOCKED' });
  });

  it('no flashloader given: FLASHLOADER_MISSING; a file without an IVT: FLASHLOADER_INVALID; a real (non-sim) image: SIM_CANNOT_EXECUTE', async () => {
    const missing = sdpSimRig('hid', { sdp: { flashloader: undefined } });
    await expect((await missing.open()).attachFlash({ chip: missing.board.chip })).rejects.toMatchObject({ code: 'FLASHLOADER_MISSING' });
    const invalid = sdpSimRig('hid', { sdp: { flashloader: new Uint8Array(0x2000) } });
    await expect((await invalid.open()).attachFlash({ chip: invalid.board.chip })).rejects.toMatchObject({ code: 'FLASHLOADER_INVALID' });
    const foreign = buildSimFlashloaderImage();
    foreign.fill(0x00, 0x1000, 0x1010); // the marker is gone: as NXP's real ivt_flashloader.bin looks to the sim
    const real = sdpSimRig('hid', { sdp: { flashloader: foreign } });
    await expect((await real.open()).attachFlash({ chip: real.board.chip })).rejects.toMatchObject({ code: 'SIM_CANNOT_EXECUTE' });
  });

  it('reads SBMR and fuses through READ_REGISTER in the ROM stage', async () => {
    const rig = sdpSimRig('uart');
    const session = await rig.open();
    const info = await session.readBootInfo(rig.board.chip);
    expect(info).toMatchObject({ hab: 'open', bootMode: 1 });
    expect(info.sbmr2).toBe(rig.board.peripherals.src.sbmr2);
  });

  it('a second session finds the flashloader already running (no second hand-off), over HID and UART', async () => {
    for (const link of ['hid', 'uart'] as const) {
      const rig = sdpSimRig(link);
      const first = await rig.open();
      await first.attachFlash({ chip: rig.board.chip, part: rig.board.part });
      await first.close();
      const second = await rig.open();
      expect(second.stage).toBe('flashloader');
      const device = await second.attachFlash({ chip: rig.board.chip, part: rig.board.part });
      await device.erase([{ address: BASE, bytes: 4096 }]);
      await device.program(BASE, Uint8Array.of(1, 2, 3));
      expect(Array.from(rig.board.flash.peek(0, 4))).toEqual([1, 2, 3, 0xff]);
      expect(rig.sd.history).toEqual(['jump']);
    }
  });
});
