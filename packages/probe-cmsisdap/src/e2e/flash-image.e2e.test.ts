import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBootImage, findChip, findFlashPart, flash, parseFirmware } from '@imxflash/core';
import { runBootRom } from '@imxflash/sim';
import { describe, expect, it } from 'vitest';
import { simRig } from './sim-rig.js';

const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');

function blinkyBootImage() {
  const file = fileURLToPath(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url));
  return buildBootImage(parseFirmware(readFileSync(file), file), { chip, part });
}

/** A flash that is not blank: a pattern in the first 128 KiB, so "bytes outside unchanged" means something. */
function patterned(bytes: number): Uint8Array {
  return Uint8Array.from({ length: bytes }, (_, i) => (i * 31 + (i >>> 8)) & 0xff);
}

describe.each(['v1', 'v2'] as const)('end to end over CMSIS-DAP %s on the sim', (version) => {
  it('identifies the IS25WP064A, flashes the blinky RAM image, verifies, keeps other bytes, and the ROM boots it', async () => {
    const before = patterned(128 * 1024);
    const { open, board, probe } = simRig(version, {}, { flashContents: before });
    const session = await open();
    expect(session.details).toMatchObject({ packetSize: version === 'v1' ? 64 : 512, packetCount: probe.packetCount });
    expect(session.dp.dpidr).toBe(0x0bd11477);
    const device = await session.attachFlash({ chip });
    expect(session.flash!.part.id).toBe('is25wp064a');
    expect(session.identity).toMatchObject({ jedecId: [0x9d, 0x70, 0x17], source: 'database', warnings: [] });
    expect(session.identity!.sfdp?.basic.sizeBytes).toBe(8 * 1024 * 1024);

    const boot = blinkyBootImage();
    const result = await flash(boot.image, device, { clock: board.clock, bootCheck: { chip, part }, reset: () => session.reset('system') });
    expect(result.verifiedBytes).toBeGreaterThan(0);
    expect(result.reset).toBe(true);

    // Every image byte is in the NOR array; every byte beside it is what it was.
    const after = board.flash.peek(0, before.length);
    const expected = before.slice();
    for (const seg of boot.image.segments) expected.set(seg.data, seg.address - 0x6000_0000);
    const firstDiff = after.findIndex((b, i) => b !== expected[i]);
    expect(firstDiff).toBe(-1);

    // QE was set for the quad-read FCB; after the reset the ROM model boots the image.
    const verdict = runBootRom(board);
    expect(verdict.verdict, verdict.verdict === 'serial-downloader' ? verdict.reason : '').toBe('booted');
    await session.close();
  });
});

describe('Quad Enable', () => {
  it('is set in SR1 (bit 6, WRSR) at attach when clear, and left alone with setQuadEnable: false', async () => {
    const sr1 = (board: { flash: { exportState(): { statusRegisters: readonly number[] } } }) => board.flash.exportState().statusRegisters[0]!;
    const on = simRig('v2');
    expect(sr1(on.board) & 0x40).toBe(0);
    await (await on.open()).attachFlash({ chip });
    expect(sr1(on.board) & 0x40).toBe(0x40);
    const off = simRig('v2', { setQuadEnable: false });
    await (await off.open()).attachFlash({ chip });
    expect(sr1(off.board) & 0x40).toBe(0);
  });
});

describe('identification against --flash', () => {
  it('rejects a --flash part whose JEDEC ID differs from what the flash answers', async () => {
    const { open } = simRig('v2');
    const session = await open();
    await expect(session.attachFlash({ chip, part: findFlashPart('w25q64jv') })).rejects.toMatchObject({
      code: 'FLASH_PART_UNKNOWN', hint: expect.stringContaining('--flash is25wp064a'),
    });
  });
  it('accepts the matching --flash part', async () => {
    const { open } = simRig('v1');
    const session = await open();
    await session.attachFlash({ chip, part });
    expect(session.identity).toMatchObject({ source: 'user' });
  });
});
