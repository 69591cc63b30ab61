import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { MemoryImage } from '../image/memory-image.js';
import { detectFirmwareFormat, type FirmwareFormat, parseFirmware, serializeFirmware } from './firmware-format.js';
import { writeIntelHex } from './intel-hex-writer.js';
import { writeSrec } from './srec-writer.js';

const ascii = (s: string) => new TextEncoder().encode(s);
const segs = (img: MemoryImage) => img.segments.map((s) => [s.address, Array.from(s.data)]);
const ELF_MAGIC = Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0);

describe('detectFirmwareFormat', () => {
  it('goes by content first', () => {
    expect(detectFirmwareFormat('app.bin', ELF_MAGIC)).toBe('elf');
    expect(detectFirmwareFormat('app.bin', ascii(':020000040800F2\n'))).toBe('ihex');
    expect(detectFirmwareFormat('app.hex', ascii('S00F000068656C6C6F'))).toBe('srec');
    expect(detectFirmwareFormat('noext', ascii('\uFEFF\r\n  :10010000'))).toBe('ihex');
    expect(detectFirmwareFormat('x', ascii('S3'))).toBe('bin'); // no hex digits after the type yet
  });

  it('does not take binaries that start with ":" or "S" + digit for text', () => {
    expect(detectFirmwareFormat('boot.img', Uint8Array.of(0x3a, 0x00, 0x20, 0x00, 0x20))).toBe('bin');
    expect(detectFirmwareFormat('boot.img', Uint8Array.of(0x53, 0x31, 0x30, 0x00, 0x60))).toBe('bin');
    expect(detectFirmwareFormat('app.hex', Uint8Array.of(0x3a, 0xff))).toBe('ihex'); // falls back to the extension
  });

  it('falls back to the extension, case-insensitively, then to bin', () => {
    const none = Uint8Array.of(0, 1, 2, 3);
    const expected: Array<[string, FirmwareFormat]> = [
      ['a.hex', 'ihex'], ['a.IHEX', 'ihex'], ['a.ihx', 'ihex'],
      ['a.srec', 'srec'], ['a.s19', 'srec'], ['a.S28', 'srec'], ['a.s37', 'srec'], ['a.mot', 'srec'],
      ['a.elf', 'elf'], ['a.axf', 'elf'], ['a.bin', 'bin'],
      ['a.img', 'bin'], ['noext', 'bin'], ['dir.hex/file', 'bin'], ['C:\\fw.hex\\app', 'bin'],
    ];
    for (const [name, format] of expected) expect([name, detectFirmwareFormat(name, none)]).toEqual([name, format]);
  });
});

describe('parseFirmware', () => {
  const image = MemoryImage.from([{ address: 0x6000_2000, data: Uint8Array.of(1, 2, 3) }], 0x6000_2001);

  it('reads each format it detects', () => {
    expect(segs(parseFirmware(ascii(writeIntelHex(image)), 'a.bin'))).toEqual([[0x6000_2000, [1, 2, 3]]]);
    expect(parseFirmware(ascii(writeSrec(image)), 'a').entry).toBe(0x6000_2001);
    expect(segs(parseFirmware(Uint8Array.of(9, 8), 'a.bin', { baseAddress: 0x10 }))).toEqual([[0x10, [9, 8]]]);
  });

  it('uses an explicit format over detection', () => {
    const text = ascii(':00000001FF\n');
    expect(segs(parseFirmware(text, 'a.hex', { format: 'bin', baseAddress: 0 }))).toEqual([[0, Array.from(text)]]);
  });

  it('a raw binary without a base address → CONFIG_BAD_ADDRESS with a --base hint', () => {
    const e = (() => {
      try {
        parseFirmware(Uint8Array.of(1), 'app.bin');
      } catch (err) {
        return err as ImxflashError;
      }
      return undefined;
    })();
    expect(e).toMatchObject({ code: 'CONFIG_BAD_ADDRESS', message: expect.stringMatching(/^app\.bin: read as a raw binary/) });
    expect(e?.hint).toMatch(/--base 0x60000000/);
    // The CLI's flag for the input's format (--format is image build's output format).
    expect(e?.hint).toContain('or --input-format ihex|srec|elf if the file is not raw binary');
  });

  it('reports bytes that are not UTF-8 in text files by line and column', () => {
    // 0xC3 0x28 is an invalid UTF-8 sequence: it decodes to U+FFFD '('.
    expect(() => parseFirmware(Uint8Array.from([...ascii(':0000000'), 0xc3, 0x28, 0x0a]), 'a.hex', { format: 'ihex' })).toThrowError(
      expect.objectContaining({ code: 'HEX_BAD_RECORD', message: expect.stringMatching(/^a\.hex:1: U\+FFFD at column 9/) }),
    );
  });

  it('rejects an unknown format name from an untyped caller', () => {
    expect(() => parseFirmware(Uint8Array.of(1), 'a', { format: 'uf2' as FirmwareFormat })).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_OPTION' }));
  });

  it('arbitrary bytes never throw anything but ImxflashError', () => {
    const names = fc.constantFrom('a.hex', 'a.srec', 'a.elf', 'a.bin', 'a');
    const formats = fc.option(fc.constantFrom<FirmwareFormat>('ihex', 'srec', 'elf', 'bin'), { nil: undefined });
    const base = fc.option(fc.nat({ max: 0xffff_ffff }), { nil: undefined });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), names, formats, base, (bytes, name, format, baseAddress) => {
        try {
          parseFirmware(bytes, name, { format, baseAddress });
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      }),
      { numRuns: 400 },
    );
    // Text-looking starts, so detection picks the text readers.
    const textish = fc.tuple(fc.constantFrom(':', 'S1', 'S3', ':1000', '\x7fELF'), fc.uint8Array({ maxLength: 120 })).map(([head, rest]) => Uint8Array.from([...ascii(head), ...rest]));
    fc.assert(
      fc.property(textish, (bytes) => {
        try {
          parseFirmware(bytes, 'x');
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('serializeFirmware', () => {
  const image = MemoryImage.from([{ address: 0x100, data: Uint8Array.of(0xaa) }, { address: 0x103, data: Uint8Array.of(0xbb) }], 0x101);

  it('writes ihex, srec and bin with their options', () => {
    expect(new TextDecoder().decode(serializeFirmware(image, 'ihex', { bytesPerRecord: 1 }))).toBe(writeIntelHex(image, { bytesPerRecord: 1 }));
    expect(new TextDecoder().decode(serializeFirmware(image, 'srec', { header: 'x' }))).toBe(writeSrec(image, { header: 'x' }));
    expect(Array.from(serializeFirmware(image, 'bin', { fill: 0 }))).toEqual([0xaa, 0, 0, 0xbb]);
    expect(Array.from(serializeFirmware(image, 'bin', { start: 0xff, end: 0x102 }))).toEqual([0xff, 0xaa, 0xff]);
  });

  it('refuses to write ELF', () => {
    expect(() => serializeFirmware(image, 'elf' as 'bin')).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_OPTION' }));
  });
});
