import { describe, expect, it } from 'vitest';
import { CORE_REGISTER } from '../cortex-m/cortex-m7.js';
import { simRig } from './sim-rig.js';

describe.each(['v1', 'v2'] as const)('MEM-AP and Cortex-M7 on the sim over %s', (version) => {
  it('reads and writes any length at any alignment, across 1 KiB TAR boundaries', async () => {
    const { open, board } = simRig(version);
    const session = await open();
    const data = Uint8Array.from({ length: 3001 }, (_, i) => (i * 17 + 3) & 0xff);
    const at = 0x2000_03fd; // 3 bytes before a 1 KiB boundary, odd
    await session.ap.writeMemory(at, data);
    expect(board.memory.peek(at, data.length)).toEqual(data);
    expect(board.memory.peek(at - 1, 1)).toEqual(Uint8Array.of(0));
    expect(board.memory.peek(at + data.length, 1)).toEqual(Uint8Array.of(0));
    expect(await session.ap.readMemory(at + 1, 2500)).toEqual(data.subarray(1, 2501));
  });

  it('halts, writes and reads core registers, and runs a RAM image from its vector table', async () => {
    const { open, probe, board } = simRig(version);
    const session = await open();
    await session.core.resetAndHalt();
    expect(probe.core.isHalted).toBe(true);
    await session.core.writeRegisters([[CORE_REGISTER.R0, 0x1234_5678]]);
    expect(await session.core.readRegister(CORE_REGISTER.R0)).toBe(0x1234_5678);
    const vectors = new Uint8Array(8);
    new DataView(vectors.buffer).setUint32(0, 0x2002_0000, true);
    new DataView(vectors.buffer).setUint32(4, 0x2000_2101, true);
    const { sp, pc } = await session.core.run([{ address: 0x2000_2000, data: vectors }], 0x2000_2000);
    expect({ sp, pc }).toEqual({ sp: 0x2002_0000, pc: 0x2000_2100 });
    expect(probe.core.registers[CORE_REGISTER.PC]).toBe(0x2000_2100);
    expect(probe.core.registers[CORE_REGISTER.SP]).toBe(0x2002_0000);
    expect(probe.core.isHalted).toBe(false);
    expect(board.bus.read32(0x2000_2000)).toBe(0x2002_0000);
  });

  it('reset with the catch set halts the core and resets the FlexSPI', async () => {
    const { open, probe, board } = simRig(version);
    const session = await open();
    const resets = probe.core.resets;
    await session.core.resetAndHalt();
    expect(probe.core.resets).toBe(resets + 1);
    expect(board.bus.read32(0x402a_8000) & 2).toBe(2); // MCR0.MDIS back at its reset value
    await session.reset('system');
    expect(probe.core.isHalted).toBe(false);
    await expect(session.reset('boot')).rejects.toMatchObject({ code: 'CAPABILITY_UNAVAILABLE' });
  });
});

describe('runRamImage (the CLI run command over SWD)', () => {
  it('loads the blinky RAM boot image and enters through its IVT vector table', async () => {
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const { buildBootImage, findChip, findFlashPart, parseFirmware } = await import('@imxflash/core');
    const file = fileURLToPath(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url));
    const boot = buildBootImage(parseFirmware(readFileSync(file), file), { chip: findChip('rt1052'), part: findFlashPart('is25wp064a'), mode: 'ram' });
    const layout = boot.layout!;
    const bytes = boot.bytes.subarray(0, layout.bootDataSize);
    const { open, board, probe } = simRig('v2');
    const session = await open();
    const start = await session.runRamImage(bytes, layout.imageStart, layout.ivtSelf);
    expect(board.memory.peek(layout.imageStart, bytes.length)).toEqual(bytes);
    expect(start.vectorTable).toBe(0x2000_2000); // examples/blinky/out/README.md
    expect(probe.core.registers[15]).toBe(board.bus.read32(0x2000_2004) & ~1);
    expect(probe.core.registers[13]).toBe(board.bus.read32(0x2000_2000));
    expect(probe.core.read32(0xe000_ed08)).toBe(0x2000_2000);
    expect(probe.core.isHalted).toBe(false);
  });
});
