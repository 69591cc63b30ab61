import { describe, expect, it } from 'vitest';
import { MemoryImage } from '../image/memory-image.js';
import { writeSrec } from './srec-writer.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('writeSrec', () => {
  it('writes S0, S1 data, S5 count and S9 for 16-bit addresses', () => {
    const hello = Uint8Array.from('Hello world.\n\0', (c) => c.charCodeAt(0));
    expect(writeSrec(MemoryImage.from([{ address: 0x38, data: hello }]))).toBe(['S0030000FC', 'S111003848656C6C6F20776F726C642E0A0042', 'S5030001FB', 'S9030000FC', ''].join('\n'));
  });

  it('uses S3/S7 when an address needs 32 bits, with the entry in S7', () => {
    const img = MemoryImage.from([{ address: 0x6000_2000, data: bytes(1, 2) }], 0x6000_2ab1);
    // S3: 07+60+00+20+00+01+02 = 0x8A → ~ = 0x75; S7: 05+60+00+2A+B1 = 0x140 → ~ = 0xBF.
    expect(writeSrec(img).split('\n')).toEqual(['S0030000FC', 'S30760002000010275', 'S5030001FB', 'S70560002AB1BF', '']);
  });

  it('uses S2/S8 for 24-bit addresses, and lets the entry widen the records', () => {
    expect(writeSrec(MemoryImage.from([{ address: 0x1_0000, data: bytes(7) }])).split('\n')[1]).toMatch(/^S2050100000/);
    expect(writeSrec(MemoryImage.from([{ address: 0x10, data: bytes(7) }], 0x2000_0000)).split('\n')[1]).toMatch(/^S30600000010/);
  });

  it('writes the header text and splits data by bytesPerRecord', () => {
    const lines = writeSrec(MemoryImage.from([{ address: 0, data: bytes(1, 2, 3) }]), { header: 'hi', bytesPerRecord: 2 }).split('\n');
    // S0: 05+00+00+68+69 = 0xD6 → ~ = 0x29 ('hi' is 68 69).
    expect(lines).toEqual(['S0050000686929', 'S10500000102F7', 'S104000203F6', 'S5030002FA', 'S9030000FC', '']);
  });

  it('an empty image has header, a zero count and S9', () => {
    expect(writeSrec(MemoryImage.empty())).toBe('S0030000FC\nS5030000FC\nS9030000FC\n');
  });

  it('switches to S6 above 0xFFFF records', () => {
    const lines = writeSrec(MemoryImage.from([{ address: 0, data: new Uint8Array(0x1_0000) }]), { bytesPerRecord: 1 }).split('\n');
    expect(lines.at(-3)).toBe('S604010000FA');
  });

  it('rejects a record size the count byte cannot hold, and an overlong header', () => {
    const s3 = MemoryImage.from([{ address: 0x6000_0000, data: bytes(1) }]);
    expect(() => writeSrec(s3, { bytesPerRecord: 250 })).not.toThrow();
    expect(() => writeSrec(s3, { bytesPerRecord: 251 })).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_OPTION' }));
    expect(() => writeSrec(MemoryImage.from([{ address: 0, data: bytes(1) }]), { bytesPerRecord: 252 })).not.toThrow();
    expect(() => writeSrec(s3, { bytesPerRecord: 0 })).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_OPTION' }));
    expect(() => writeSrec(s3, { header: 'x'.repeat(253) })).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_OPTION' }));
  });
});
