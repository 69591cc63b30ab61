import { findChip, type FlexspiBringUp } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { Iomuxc } from './iomuxc.js';

describe('Iomuxc', () => {
  const bringUp = findChip('rt1052').flexspiBringUp as FlexspiBringUp;

  it('resets SW_MUX_CTL registers to ALT5 (GPIO), so FlexSPI pins start unmuxed', () => {
    const iomuxc = new Iomuxc({ bringUp });
    const bus = new MemoryBus();
    bus.map(iomuxc);
    expect(bus.read32(0x401f_8014)).toBe(5);
    expect(bus.read32(0x401f_81e8)).toBe(5);
    expect(bus.read32(0x401f_8200)).toBe(5);
    expect(bus.read32(0x401f_8204)).toBe(0); // first pad-control register: plain, 0
    expect(iomuxc.flexspiPinsMuxed()).toBe(false);
  });

  it('reports the pins muxed once every port-A pad has its alt', () => {
    const iomuxc = new Iomuxc({ bringUp });
    const bus = new MemoryBus();
    bus.map(iomuxc);
    for (const pad of bringUp.pads.slice(0, -1)) bus.write32(pad.muxRegister, pad.alt);
    expect(iomuxc.flexspiPinsMuxed()).toBe(false);
    const last = bringUp.pads[bringUp.pads.length - 1];
    bus.write32(last?.muxRegister ?? 0, 0x10 | (last?.alt ?? 0)); // SION set: still ALT1
    expect(iomuxc.flexspiPinsMuxed()).toBe(true);
  });

  it('treats the pins as always muxed without flexspiBringUp', () => {
    expect(new Iomuxc().flexspiPinsMuxed()).toBe(true);
  });
});
