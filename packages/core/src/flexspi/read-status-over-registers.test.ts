import { describe, expect, it } from 'vitest';
import { findChip } from '../db/chip-lookup.js';
import { findFlashPart } from '../db/flash-part-lookup.js';
import { FLEXSPI as R, INTR } from './flexspi-registers.js';
import { readNorStatusOverRegisters } from './read-status-over-registers.js';
import type { RegisterAccess, RegisterStep } from './register-access.js';

const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');
const base = chip.flexspi[chip.bootFlexspi]!.registerBase;

/** Answers reads from `values` (by address), records every program it is given. */
function scriptedAccess(values: Record<number, number>): RegisterAccess & { programs: RegisterStep[][] } {
  const programs: RegisterStep[][] = [];
  return {
    programs,
    run: async (steps) => {
      programs.push([...steps]);
      return steps.flatMap((s) => (s.kind === 'read32' ? [values[s.address] ?? 0] : []));
    },
  };
}

const writes = (steps: readonly RegisterStep[]) => steps.flatMap((s) => (s.kind === 'write32' ? [[s.address, s.value]] : []));

describe('readNorStatusOverRegisters', () => {
  const gate = chip.flexspiBringUp!.clockGate;

  it('brings the FlexSPI up from what it read, loads 0x05 into LUT sequence 1 and runs it as an IP command', async () => {
    const access = scriptedAccess({ [gate.register]: 0x0000_0c00, [base + R.MCR0]: 0xffff_8012, [base + R.INTR]: INTR.IPCMDDONE, [base + R.RFDR0]: 0xaaaa_aa40 });
    expect(await readNorStatusOverRegisters(access, chip, part)).toBe(0x40);
    expect(access.programs).toHaveLength(2);
    const w = writes(access.programs[1]!);
    // The clock gate keeps its other fields; MCR0 keeps the read value minus MDIS/SWRESET, disabled first.
    expect(w[0]).toEqual([gate.register, 0x0000_0c00 | (3 << gate.shift)]);
    const disabled = w.findIndex(([a, v]) => a === base + R.MCR0 && v === 0xffff_8012);
    const enabled = w.findIndex(([a, v]) => a === base + R.MCR0 && v === 0xffff_8010);
    expect(disabled).toBeGreaterThan(0);
    expect(enabled).toBeGreaterThan(disabled);
    expect(w).toContainEqual([base + R.FLSHA1CR0, 8192]); // 8 MiB in KiB
    // CMD_SDR 0x05 on 1 pad, READ_SDR 1 byte (research/imxrt.md §1.3), then STOP.
    expect(w).toContainEqual([base + R.LUT0 + 16, 0x2401_0405]);
    expect(w).toContainEqual([base + R.LUT0 + 20, 0]);
    expect(w).toContainEqual([base + R.IPCR1, 0x0001_0001]);
    expect(w.at(-1)).toEqual([base + R.IPCMD, 1]);
    const tail = access.programs[1]!.slice(-4);
    expect(tail.map((s) => s.kind)).toEqual(['settle', 'read32', 'read32', 'read32']);
  });

  it('names the FlexSPI error when the command failed (no status is made up)', async () => {
    const access = scriptedAccess({ [base + R.INTR]: INTR.IPCMDDONE | INTR.IPCMDERR, [base + R.STS1]: 6 << 24 });
    await expect(readNorStatusOverRegisters(access, chip, part)).rejects.toMatchObject({ code: 'FLASH_READ_FAILED', message: expect.stringContaining('address beyond the flash size'), hint: expect.stringMatching(/\S/) });
    const idle = scriptedAccess({});
    await expect(readNorStatusOverRegisters(idle, chip, part)).rejects.toMatchObject({ code: 'FLASH_READ_FAILED', message: expect.stringContaining('did not finish') });
  });

  it('refuses a HyperFlash part, which has no SPI status register', async () => {
    await expect(readNorStatusOverRegisters(scriptedAccess({}), chip, findFlashPart('s26ks512s'))).rejects.toMatchObject({ code: 'CAPABILITY_UNAVAILABLE' });
  });
});
