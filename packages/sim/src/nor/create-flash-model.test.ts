import { FLASH_PARTS, findFlashPart } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../time/virtual-clock.js';
import { createFlashModel } from './create-flash-model.js';
import { HyperFlashModel } from './hyperflash-model.js';
import { SpiNorModel } from './spi-nor-model.js';
import { SpiHost } from './testing/spi-host.js';

describe('createFlashModel', () => {
  it('builds the model that matches each database part', () => {
    for (const part of FLASH_PARTS) {
      const model = createFlashModel(part, new VirtualClock());
      expect(model.part).toBe(part);
      expect(model).toBeInstanceOf(part.interface === 'hyperflash' ? HyperFlashModel : SpiNorModel);
      expect(model.array.sizeBytes).toBe(part.sizeBytes);
    }
  });

  it('loads an initial image', () => {
    const model = createFlashModel(findFlashPart('s26ks512s'), new VirtualClock(), { initial: Uint8Array.of(1, 2, 3) });
    expect(model.array.read(0, 4)).toEqual(Uint8Array.of(1, 2, 3, 0xff));
  });

  it('QE defaults to the factory state and can be overridden', () => {
    const sr2 = (id: string, qeSet?: boolean): number =>
      new SpiHost(createFlashModel(findFlashPart(id), new VirtualClock(), qeSet === undefined ? {} : { qeSet })).readStatus(0x35);
    expect(sr2('w25q64jv')).toBe(0x02); // -IQ: factory QE = 1
    expect(sr2('w25q64jv-im')).toBe(0x00);
    expect(sr2('w25q64jv-im', true)).toBe(0x02);
    expect(sr2('w25q64jv', false)).toBe(0x00);
    const sr1 = new SpiHost(createFlashModel(findFlashPart('is25wp064a'), new VirtualClock(), { qeSet: true })).readStatus();
    expect(sr1).toBe(0x40);
  });
});
