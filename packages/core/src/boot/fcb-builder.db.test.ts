import { describe, expect, it } from 'vitest';
import { CHIPS, rt1020, rt1050, rt1060, rt1170 } from '../db/chips/index.js';
import { FLASH_PARTS, is25lp064a, is25wp064a, is25wp128, s26ks512s, w25q256jv } from '../db/flash-parts/index.js';
import { hexBytes } from '../util/hex.js';
import { decodeFcb, encodeFcb } from './fcb.js';
import { buildFcb } from './fcb-builder.js';
import { goldenIs25wp064aFcbBytes } from './test-fixtures.js';

/* The same goldens as fcb-builder.test.ts, from the real database entries (db/chips, db/flash-parts). */

describe('buildFcb with the chip and flash-part database', () => {
  it('IS25WP064A on the RT1050 is the SPSDK golden FCB (research/spsdk.md §3.2)', () => {
    const bytes = encodeFcb(buildFcb(is25wp064a, rt1050, { quadEnable: 'assume-set' }));
    expect(hexBytes(bytes)).toBe(hexBytes(goldenIs25wp064aFcbBytes()));
  });

  it('IS25WP064A on the RT1060 at 120 MHz is golden (a); with QE it adds sequence 6 and arg 0x40', () => {
    expect(buildFcb(is25wp064a, rt1060, { quadEnable: 'assume-set', maxFrequencyMhz: 120 }).serialClkFreq).toBe(7);
    const withQe = buildFcb(is25wp064a, rt1060);
    expect(withQe).toMatchObject({ deviceModeCfgEnable: 1, deviceModeType: 1, deviceModeArg: 0x40, serialClkFreq: 8 });
    expect(withQe.lookupTable[24]).toBe(0x20010401);
  });

  it('IS25LP064A on the RT1020 is golden (d); IS25WP128 on the RT1170 is golden (e)', () => {
    const d = buildFcb(is25lp064a, rt1020, { quadEnable: 'assume-set', dummyCycles: 8, configCmds: [{ opcode: 0xc0, dataBytes: 1, arg: 0xf0 }] });
    expect([d.serialClkFreq, d.lookupTable[1], d.lookupTable[48], d.configCmdArgs[0]]).toEqual([7, 0x26043208, 0x200104c0, 0xf0]);
    const e = buildFcb(is25wp128, rt1170, { quadEnable: 'assume-set', dummyCycles: 9, configCmds: [{ opcode: 0xc0, dataBytes: 1, arg: 0x48 }] });
    expect([e.serialClkFreq, e.sflashA1Size, e.lookupTable[1], e.configCmdArgs[0]]).toEqual([7, 16 << 20, 0x26043209, 0x48]);
  });

  it('S26KS512S on the RT1050 is golden (c)', () => {
    const b = encodeFcb(buildFcb(s26ks512s, rt1050));
    const word = (o: number) => new DataView(b.buffer).getUint32(o, true);
    expect([word(0x00c), word(0x040), word(0x044), word(0x050)]).toEqual([0x03030303, 0x59, 0x01070801, 64 << 20]);
    expect([word(0x80), word(0x84), word(0x88), word(0x8c)]).toEqual([0x8b1887a0, 0xb30c8f10, 0x0000a704, 0]);
  });

  it('W25Q256JV (4-byte opcodes in the entry) reads with 0xEC and RADDR 32', () => {
    const fcb = buildFcb(w25q256jv, rt1060);
    expect(fcb.lookupTable.slice(0, 2)).toEqual([0x0a2004ec, 0x26043206]);
    expect(fcb.lookupTable[20]).toBe(0x08200421);
    expect(fcb.lookupTable[32]).toBe(0x082004dc);
    expect(fcb.lookupTable[36]).toBe(0x08200412);
  });

  it('builds a valid FCB for every part on every chip, quad and safe', () => {
    for (const chip of CHIPS) {
      for (const part of FLASH_PARTS) {
        const modes = part.interface === 'spi-nor' ? (['quad', 'safe'] as const) : ([undefined] as const);
        for (const read of modes) {
          const fcb = buildFcb(part, chip, read ? { read } : {});
          expect(decodeFcb(encodeFcb(fcb))).toEqual(fcb);
          expect(chip.serialClkFreqMhz[fcb.serialClkFreq]).toBeLessThanOrEqual(read === 'safe' ? part.maxClockMhz.read : part.maxClockMhz.fastRead);
          expect(fcb.sflashA1Size).toBe(part.sizeBytes);
        }
      }
    }
  });
});
