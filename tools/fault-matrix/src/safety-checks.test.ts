import { findChip, findFlashPart, flash, ImxflashError, MemoryImage, type ProbeSession } from '@imxflash/core';
import { createSimBoard } from '@imxflash/sim';
import { describe, expect, it } from 'vitest';
import { createSimDriverRig, SIM_TRANSPORTS, type SimDriverRig, type SimDriverRigOptions, type SimTransport } from './sim-driver-rig.js';

/*
 * Issue 8's safety checks, through every driver on the sim: what must never be written is
 * refused before any erase. "Before any erase" is checked on the flash model: its erase count
 * (operations the part accepted) and its whole content are what they were.
 */

const BASE = 0x6000_0000;
const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');
const PATTERN_BYTES = 128 * 1024;
const pattern = Uint8Array.from({ length: PATTERN_BYTES }, (_, i) => (i * 11 + (i >>> 8)) & 0xff);

async function withRig<T>(transport: SimTransport, options: SimDriverRigOptions, body: (rig: SimDriverRig, session: ProbeSession) => Promise<T>): Promise<T> {
  const rig = await createSimDriverRig(transport, options);
  const session = await rig.open();
  try {
    return await body(rig, session);
  } finally {
    await session[Symbol.asyncDispose]();
    await rig.cleanup();
  }
}

/** Runs `attempt` and checks it was refused with `code` before the flash changed or erased anything. */
async function expectRefusedBeforeErase(rig: SimDriverRig, code: string, attempt: () => Promise<unknown>): Promise<ImxflashError> {
  const erasesSent = watchEraseCommands(rig);
  const erases = rig.board.flash.faults.eraseCount;
  const programs = rig.board.flash.faults.programCount;
  const content = rig.board.flash.peek(0, part.sizeBytes);
  const error = await attempt().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImxflashError);
  expect(error).toMatchObject({ code, hint: expect.stringMatching(/\S/) });
  expect(erasesSent()).toBe(0);
  expect(rig.board.flash.faults.eraseCount).toBe(erases);
  expect(rig.board.flash.faults.programCount).toBe(programs);
  expect(rig.board.flash.peek(0, part.sizeBytes).findIndex((b, i) => b !== content[i])).toBe(-1);
  return error as ImxflashError;
}

describe.each(SIM_TRANSPORTS)('safety checks through %s', (transport) => {
  it('an image running past the end of the flash is refused before any erase', async () => {
    await withRig(transport, { board: { flashContents: pattern } }, async (rig, session) => {
      const device = await session.attachFlash({ chip, part });
      const image = MemoryImage.from([{ address: BASE + part.sizeBytes - 1024, data: new Uint8Array(4096).fill(0x42) }]);
      await expectRefusedBeforeErase(rig, 'FLASH_OUT_OF_RANGE', () => flash(image, device, { clock: rig.board.clock, raw: true }));
    });
  });

  it('a non-bootable image at the flash base without raw is refused before any erase; with raw it is written', async () => {
    await withRig(transport, { board: { flashContents: pattern } }, async (rig, session) => {
      const device = await session.attachFlash({ chip, part });
      const data = Uint8Array.from({ length: 8192 }, (_, i) => (i * 5) & 0xff); // no FCB, no IVT
      const image = MemoryImage.from([{ address: BASE, data }]);
      await expectRefusedBeforeErase(rig, 'FLASH_NOT_BOOTABLE', () => flash(image, device, { clock: rig.board.clock, bootCheck: { chip, part } }));
      // The check is what refused it, not the drivers: the same bytes go in with raw.
      await flash(image, device, { clock: rig.board.clock, bootCheck: { chip, part }, raw: true });
      expect(rig.board.flash.peek(0, data.length)).toEqual(data);
    });
  });
});

/** Erase opcodes of the part (sector, blocks, chip) as the chip model sees them on its wires. */
const ERASE_OPCODES = new Set([...part.eraseUnits.map((u) => u.opcode), part.opcodes?.chipErase ?? 0x60, 0xc7]);

/**
 * Counts erase commands that reach the flash chip model, accepted or refused: the part counts
 * only erases it accepts (a protected part refuses them silently), so the wires are watched.
 */
function watchEraseCommands(rig: SimDriverRig): () => number {
  let erases = 0;
  const chipModel = rig.board.flash;
  const send = chipModel.send.bind(chipModel);
  chipModel.send = (phase, bytes, pads, ddr) => {
    if (phase === 'cmd' && ERASE_OPCODES.has(bytes[0]!)) erases++;
    send(phase, bytes, pads, ddr);
  };
  return () => erases;
}

/** A board whose flash has block-protect bits set (the sim's model: any BP bit protects the whole array). */
function protectedState() {
  const state = createSimBoard({ flashContents: pattern }).exportState();
  return { ...state, statusRegisters: [state.statusRegisters[0]! | 0x3c, ...state.statusRegisters.slice(1)] };
}

const image42 = MemoryImage.from([{ address: BASE + 0x1_0000, data: new Uint8Array(4096).fill(0x42) }]);

describe.each(SIM_TRANSPORTS)('writing to a block-protected flash through %s', (transport) => {
  it('control: the erase-command watch sees the erase of an unprotected flash', async () => {
    await withRig(transport, { board: { flashContents: pattern } }, async (rig, session) => {
      const erasesSent = watchEraseCommands(rig);
      await flash(image42, await session.attachFlash({ chip, part }), { clock: rig.board.clock, raw: true });
      expect(erasesSent()).toBeGreaterThan(0);
    });
  });

  // Every driver reads the block-protect bits (FlashDevice.protectedRanges) and flash() refuses
  // before any erase (FLASH_PROTECTED): CMSIS-DAP over SWD, SDP through the ROM's register
  // commands before the flashloader runs, J-Link through JLinkExe w4/mem32 register programs (both
  // with core readNorStatusOverRegisters).
  it('is refused before any erase command reaches the flash', async () => {
    await withRig(transport, { board: { state: protectedState() } }, async (rig, session) => {
      const erasesSent = watchEraseCommands(rig);
      const error = await session.attachFlash({ chip, part }).then((device) => flash(image42, device, { clock: rig.board.clock, raw: true })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImxflashError);
      expect((error as ImxflashError).code).toBe('FLASH_PROTECTED');
      expect(erasesSent()).toBe(0);
    });
  });

  it('ends in a coded error, the protected content unchanged, and no erase accepted by the part', async () => {
    await withRig(transport, { board: { state: protectedState() } }, async (rig, session) => {
      const image = image42;
      const erases = rig.board.flash.faults.eraseCount;
      const error = await session.attachFlash({ chip, part }).then((device) => flash(image, device, { clock: rig.board.clock, raw: true })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImxflashError);
      expect((error as ImxflashError).hint ?? '').not.toBe('');
      expect(rig.board.flash.faults.eraseCount).toBe(erases);
      expect(rig.board.flash.peek(0, PATTERN_BYTES)).toEqual(pattern);
    });
  });
});
