import { buildFcb, encodeDcd, encodeFcb, findChip, findFlashPart, type ProgressEvent } from '@imxflash/core';
import { SIM_FLASHLOADER_BYTES } from '@imxflash/sim';
import type { SdpSession } from '../sdp-session.js';
import { describe, expect, it } from 'vitest';
import { sdpSimRig } from './sim-rig.js';

describe('SDP and blhost commands against the sim models', () => {
  it('DCD_WRITE runs the DCD\'s writes on the bus; SKIP_DCD_HEADER and WRITE_REGISTER complete', async () => {
    const rig = sdpSimRig('hid');
    const session = await rig.open();
    const rom = session.rom!;
    await rom.writeRegister(0x2020_1000, 0xffff_0000);
    const dcd = encodeDcd({
      version: 0x41,
      commands: [
        { kind: 'write', op: 'write', width: 4, writes: [{ address: 0x2020_1004, value: 0x1234_5678 }] },
        { kind: 'write', op: 'set-bits', width: 4, writes: [{ address: 0x2020_1000, value: 0x0000_00ff }] },
      ],
    });
    await rom.dcdWrite(0x2020_2000, dcd);
    expect(Array.from(rig.board.memory.peek(0x2020_1000, 8))).toEqual([0xff, 0x00, 0xff, 0xff, 0x78, 0x56, 0x34, 0x12]);
    await rom.skipDcdHeader();
    expect(await rom.readWord(0x2020_1004)).toBe(0x1234_5678);
    expect(await rom.errorStatus()).toBe(0xf0f0_f0f0);
  });

  it('runRamImage loads and jumps; the sim cannot run the app and says so', async () => {
    const rig = sdpSimRig('hid');
    const session = await rig.open();
    const image = new Uint8Array(0x100);
    image.set([0xd1, 0x00, 0x20, 0x41], 0);
    new DataView(image.buffer).setUint32(4, 0x2020_0041, true); // entry (Thumb)
    new DataView(image.buffer).setUint32(20, 0x2020_0000, true); // self
    await expect(session.runRamImage(image, 0x2020_0000, 0x2020_0000)).rejects.toMatchObject({ code: 'SIM_CANNOT_EXECUTE' });
    expect(Array.from(rig.board.memory.peek(0x2020_0000, 4))).toEqual([0xd1, 0x00, 0x20, 0x41]);
  });

  it('configures with a full FCB from core (FCFB mode), and 0xF000000F writes the flashloader\'s FCB over an erased area only', async () => {
    // The core FCB reads 1-4-4 and sets no QE (like SPSDK's golden IS25WP064A FCB): QE set as on an EVK's part.
    const fcb = encodeFcb(buildFcb(findFlashPart('is25wp064a'), findChip('rt1052')));
    const rig = sdpSimRig('uart', { sdp: { configFcb: fcb }, board: { qeSet: true } });
    const session = await rig.open();
    const device = await session.attachFlash({ chip: rig.board.chip, part: rig.board.part });
    expect(device.geometry).toMatchObject({ base: 0x6000_0000, sizeBytes: 8 << 20, pageBytes: 256 });
    await device.erase([{ address: 0x6000_0000, bytes: 4096 }]);
    await session.writeFlashloaderFcb();
    expect(Array.from(rig.board.flash.peek(0, 8))).toEqual([0x46, 0x43, 0x46, 0x42, 0x00, 0x04, 0x01, 0x56]);
    await expect(session.writeFlashloaderFcb()).rejects.toMatchObject({ code: 'BLHOST_MEMORY_CUMULATIVE_WRITE' });
  });

  it('blhost: properties, set-property, erase-all, execute', async () => {
    const rig = sdpSimRig('hid');
    const session = await rig.open();
    await session.attachFlash({ chip: rig.board.chip, part: rig.board.part });
    const blhost = session.flashloader!;
    expect(blhost.maxPacketSize).toBe(1012);
    expect(await blhost.getProperty(7)).toEqual([0x5efdf]);
    await blhost.setProperty(10, 0);
    await expect(blhost.setProperty(11, 64)).rejects.toMatchObject({ code: 'BLHOST_PROPERTY_ERROR', details: expect.objectContaining({ status: 10301 }) });
    await expect(blhost.getProperty(99)).rejects.toMatchObject({ code: 'BLHOST_PROPERTY_ERROR', details: expect.objectContaining({ statusName: 'UnknownProperty' }) });
    // A chip erase takes the part's typical 25 s of modelled time.
    const t0 = rig.board.clock.now();
    await blhost.eraseAll(9, 60_000);
    expect(rig.board.clock.now() - t0).toBeGreaterThanOrEqual(rig.board.part.timing.chipEraseMs.typ);
    await expect(blhost.execute(0x2000_2305, 0, 0x2002_0000)).rejects.toMatchObject({ code: 'SIM_CANNOT_EXECUTE' });
  });

  it('the flashloader load reports progress as a load phase on the session context', async () => {
    const rig = sdpSimRig('hid');
    const events: ProgressEvent[] = [];
    const session = (await rig.driver.open({ text: 'sdp', driver: 'sdp' }, { clock: rig.board.clock, onProgress: (e) => events.push(e) })) as SdpSession;
    await session.loadFlashloader();
    expect(events[0]).toEqual({ type: 'phase-start', phase: 'load', totalBytes: SIM_FLASHLOADER_BYTES });
    expect(events.at(-1)).toEqual({ type: 'phase-end', phase: 'load', ok: true });
    const progress = events.filter((e) => e.type === 'phase-progress').map((e) => (e as { doneBytes: number }).doneBytes);
    expect(progress.at(-1)).toBe(SIM_FLASHLOADER_BYTES);
    expect(session.stage).toBe('flashloader');
  });
});
