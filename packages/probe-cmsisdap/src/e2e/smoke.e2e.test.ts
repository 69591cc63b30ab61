import { describe, expect, it } from 'vitest';
import { simRig } from './sim-rig.js';

describe.each(['v1', 'v2'] as const)('smoke %s', (version) => {
  it('connects, identifies, programs and reads', async () => {
    const { open, board } = simRig(version);
    const session = await open();
    const flash = await session.attachFlash({ chip: board.chip });
    expect(session.flash!.part.id).toBe('is25wp064a');
    const base = flash.geometry.base;
    await flash.erase([{ address: base, bytes: 4096 }]);
    const data = Uint8Array.from({ length: 600 }, (_, i) => (i * 7) & 0xff);
    await flash.program(base + 10, data);
    expect(board.flash.peek(10, 600)).toEqual(data);
    expect(await flash.read(base + 10, 600)).toEqual(data);
    await session.close();
  });
});
