import { findChip, type FlexspiBringUp } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { Ccm, CCM_REG } from './ccm.js';

describe('Ccm', () => {
  const bringUp = findChip('rt1052').flexspiBringUp as FlexspiBringUp;

  it('resets every CCGR to 0xFFFFFFFF (gates on) and other registers to 0', () => {
    const bus = new MemoryBus();
    bus.map(new Ccm({ bringUp }));
    expect(bus.read32(0x400f_c000 + CCM_REG.CCGR0)).toBe(0xffffffff);
    expect(bus.read32(0x400f_c080)).toBe(0xffffffff);
    expect(bus.read32(0x400f_c000 + CCM_REG.CCGR7)).toBe(0xffffffff);
    expect(bus.read32(0x400f_c01c)).toBe(0);
  });

  it('keeps CSCMR1 and the other registers as plain registers', () => {
    const bus = new MemoryBus();
    bus.map(new Ccm({ bringUp }));
    bus.write32(0x400f_c01c, 0x0380_0000);
    expect(bus.read32(0x400f_c01c)).toBe(0x0380_0000);
  });

  it('reads the FlexSPI CG field named by chip.flexspiBringUp (CCGR6 bits 11:10 on RT1050)', () => {
    const ccm = new Ccm({ bringUp });
    const bus = new MemoryBus();
    bus.map(ccm);
    expect(ccm.flexspiClockOn()).toBe(true);
    bus.write32(0x400f_c080, 0xffff_f3ff); // CG5 = 00
    expect(ccm.flexspiClockOn()).toBe(false);
    bus.write32(0x400f_c080, 0xffff_f7ff); // 01: on in run mode
    expect(ccm.flexspiClockOn()).toBe(true);
    bus.write32(0x400f_c080, 0xffff_fbff); // 10: reserved → off
    expect(ccm.flexspiClockOn()).toBe(false);
    bus.write32(0x400f_c07c, 0); // another register leaves it alone
    bus.write32(0x400f_c080, 0x0000_0c00);
    expect(ccm.flexspiClockOn()).toBe(true);
  });

  it('treats the clock as always on without flexspiBringUp', () => {
    const ccm = new Ccm();
    ccm.poke(0x400f_c080, 0);
    expect(ccm.flexspiClockOn()).toBe(true);
  });
});
