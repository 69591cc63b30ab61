import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { type MemoryImage } from '../image/memory-image.js';
import { readElf } from './elf-reader.js';

interface SegmentSpec {
  type?: number;
  paddr: number;
  vaddr?: number;
  data: readonly number[];
  memsz?: number;
  /** Override p_offset (defaults to where the data is placed). */
  offset?: number;
  filesz?: number;
}
interface ElfSpec {
  segments: readonly SegmentSpec[];
  entry?: number;
  machine?: number;
  type?: number;
  elfClass?: number;
  encoding?: number;
  phentsize?: number;
  phnum?: number;
}

/** A minimal ELF32 LE file: header, program headers right after it, then each segment's bytes. */
function makeElf(spec: ElfSpec): Uint8Array {
  const n = spec.segments.length;
  const dataStart = 52 + 32 * n;
  const size = dataStart + spec.segments.reduce((a, s) => a + s.data.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, spec.elfClass ?? 1, spec.encoding ?? 1, 1]);
  v.setUint16(16, spec.type ?? 2, true);
  v.setUint16(18, spec.machine ?? 40, true);
  v.setUint32(20, 1, true);
  v.setUint32(24, spec.entry ?? 0, true);
  v.setUint32(28, 52, true); // e_phoff
  v.setUint16(40, 52, true); // e_ehsize
  v.setUint16(42, spec.phentsize ?? 32, true);
  v.setUint16(44, spec.phnum ?? n, true);
  let at = dataStart;
  spec.segments.forEach((s, i) => {
    const ph = 52 + 32 * i;
    v.setUint32(ph, s.type ?? 1, true);
    v.setUint32(ph + 4, s.offset ?? at, true);
    v.setUint32(ph + 8, s.vaddr ?? s.paddr, true);
    v.setUint32(ph + 12, s.paddr, true);
    v.setUint32(ph + 16, s.filesz ?? s.data.length, true);
    v.setUint32(ph + 20, s.memsz ?? s.data.length, true);
    v.setUint32(ph + 24, 5, true); // R+X
    v.setUint32(ph + 28, 4, true);
    out.set(s.data, at);
    at += s.data.length;
  });
  return out;
}

const segs = (img: MemoryImage) => img.segments.map((s) => [s.address, Array.from(s.data)]);
const errorOf = (f: () => unknown): ImxflashError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ImxflashError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('readElf', () => {
  it('loads PT_LOAD segments and the entry point', () => {
    const elf = makeElf({ entry: 0x6000_2ab1, segments: [{ paddr: 0x6000_2000, data: [1, 2, 3, 4] }] });
    const img = readElf(elf, 'app.elf');
    expect(segs(img)).toEqual([[0x6000_2000, [1, 2, 3, 4]]]);
    expect(img.entry).toBe(0x6000_2ab1);
  });

  it('places a segment at its load address p_paddr, not p_vaddr (.data initial values in flash)', () => {
    const elf = makeElf({
      entry: 0x6000_2001,
      segments: [
        { paddr: 0x6000_2000, data: [0xa, 0xb] },
        { vaddr: 0x2000_0000, paddr: 0x6000_2002, data: [0xd1, 0xd2] }, // .data: runs in DTCM, stored after .text
      ],
    });
    expect(segs(readElf(elf, 'app.elf'))).toEqual([[0x6000_2000, [0xa, 0xb, 0xd1, 0xd2]]]);
  });

  it('leaves out .bss (p_memsz beyond p_filesz) and segments with no file bytes', () => {
    const elf = makeElf({
      segments: [
        { paddr: 0x100, data: [1, 2], memsz: 0x40 },
        { paddr: 0x2000_0000, data: [], memsz: 0x1000 }, // pure .bss
        { type: 6, paddr: 0x300, data: [9, 9] }, // PT_PHDR: not loadable
      ],
    });
    const img = readElf(elf, 'app.elf');
    expect(segs(img)).toEqual([[0x100, [1, 2]]]);
    expect(img.entry).toBeUndefined(); // e_entry 0 = none
  });

  it('accepts a file handed over as a view into a larger buffer', () => {
    const elf = makeElf({ segments: [{ paddr: 0x10, data: [7] }] });
    const big = new Uint8Array(elf.length + 8);
    big.set(elf, 5);
    expect(segs(readElf(big.subarray(5, 5 + elf.length), 'x.elf'))).toEqual([[0x10, [7]]]);
  });

  it('describes origins as "file: segment N (+offset)" in overlap errors', () => {
    const elf = makeElf({ segments: [{ paddr: 0x100, data: [1, 2, 3, 4] }, { paddr: 0x102, data: [3, 5] }] });
    const e = errorOf(() => readElf(elf, 'app.elf'));
    expect(e.code).toBe('IMAGE_OVERLAP');
    expect(e.message).toMatch(/^app\.elf: segment 0 \(\+0x3\) and app\.elf: segment 1 \(\+0x1\) both write 0x00000103/);
  });

  describe('rejections', () => {
    const valid = () => makeElf({ segments: [{ paddr: 0x100, data: [1, 2, 3, 4] }] });
    const cases: Array<[string, () => Uint8Array, string, RegExp]> = [
      ['not ELF', () => Uint8Array.from([0x7f, 0x45, 0x4c, 0x47, 1, 1]), 'ELF_BAD_HEADER', /not an ELF file/],
      ['empty', () => new Uint8Array(0), 'ELF_BAD_HEADER', /not an ELF file/],
      ['magic only', () => valid().subarray(0, 8), 'ELF_BAD_HEADER', /only 8 bytes, too short for an ELF header/],
      ['64-bit', () => makeElf({ elfClass: 2, segments: [] }), 'ELF_UNSUPPORTED', /64-bit ELF/],
      ['bad class', () => makeElf({ elfClass: 7, segments: [] }), 'ELF_BAD_HEADER', /EI_CLASS is 7/],
      ['big-endian', () => makeElf({ encoding: 2, segments: [] }), 'ELF_UNSUPPORTED', /big-endian/],
      ['bad encoding', () => makeElf({ encoding: 0, segments: [] }), 'ELF_BAD_HEADER', /EI_DATA is 0/],
      ['header cut short', () => valid().subarray(0, 40), 'ELF_BAD_HEADER', /only 40 bytes, too short for the 52-byte ELF32 header/],
      ['x86-64 machine', () => makeElf({ machine: 62, segments: [] }), 'ELF_UNSUPPORTED', /e_machine is 62 \(x86-64\), not Arm \(40\)/],
      ['RISC-V machine', () => makeElf({ machine: 243, segments: [] }), 'ELF_UNSUPPORTED', /RISC-V/],
      ['object file', () => makeElf({ type: 1, segments: [] }), 'ELF_UNSUPPORTED', /relocatable object \(ET_REL\)/],
      ['shared object', () => makeElf({ type: 3, segments: [] }), 'ELF_UNSUPPORTED', /\(ET_DYN\), not an executable/],
      ['PN_XNUM', () => makeElf({ phnum: 0xffff, segments: [] }), 'ELF_UNSUPPORTED', /PN_XNUM/],
      ['small phentsize', () => makeElf({ phentsize: 16, segments: [{ paddr: 0, data: [1] }] }), 'ELF_BAD_HEADER', /e_phentsize is 16/],
      ['program headers past the end', () => makeElf({ phnum: 3, segments: [{ paddr: 0, data: [] }] }), 'ELF_TRUNCATED', /program header table at offset 0x34 \(3 × 32 bytes\) ends at 0x94, past the end of the file \(0x54 bytes\)/],
      ['segment past the end', () => valid().subarray(0, 52 + 32 + 2), 'ELF_TRUNCATED', /segment 0: file range 0x54\.\.0x58 runs past the end of the file \(0x56 bytes\)/],
      ['huge p_offset', () => makeElf({ segments: [{ paddr: 0, data: [1], offset: 0xffff_fff0 }] }), 'ELF_TRUNCATED', /segment 0: file range 0xFFFFFFF0/],
      ['filesz > memsz', () => makeElf({ segments: [{ paddr: 0, data: [1, 2], memsz: 1 }] }), 'ELF_BAD_HEADER', /segment 0: p_filesz 0x2 exceeds p_memsz 0x1/],
      ['past 4 GiB', () => makeElf({ segments: [{ paddr: 0xffff_fffe, data: [1, 2, 3] }] }), 'IMAGE_RANGE_INVALID', /segment 0: 0x3 bytes at 0xFFFFFFFE run past 0xFFFFFFFF/],
      ['no program headers', () => makeElf({ segments: [] }), 'ELF_NO_LOADABLE_SEGMENTS', /no PT_LOAD segment/],
      ['only .bss', () => makeElf({ segments: [{ paddr: 0, data: [], memsz: 16 }] }), 'ELF_NO_LOADABLE_SEGMENTS', /no PT_LOAD segment/],
    ];
    for (const [name, make, code, message] of cases) {
      it(`${name} → ${code}`, () => {
        const e = errorOf(() => readElf(make(), 'build/app.elf'));
        expect(e.code).toBe(code);
        expect(e.message).toMatch(/^build\/app\.elf: /);
        expect(e.message).toMatch(message);
        expect(e.details).toMatchObject({ file: 'build/app.elf' });
        expect(e.hint).toBeTruthy();
      });
    }

    it('gives the offset of a truncated segment in details', () => {
      const e = errorOf(() => readElf(valid().subarray(0, 86), 'a.elf'));
      expect(e.details).toEqual({ file: 'a.elf', segment: 0, offset: 0x54 });
    });
  });

  describe('robustness', () => {
    const expectOnlyImxflashErrors = (bytes: Uint8Array) => {
      try {
        readElf(bytes, 'fuzz.elf');
      } catch (e) {
        expect(e).toBeInstanceOf(ImxflashError);
      }
    };

    it('arbitrary bytes never throw anything but ImxflashError', () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), expectOnlyImxflashErrors), { numRuns: 300 });
      // With a valid ident, so the fuzzing reaches the header and program header fields.
      const withIdent = fc.uint8Array({ minLength: 0, maxLength: 300 }).map((b) => Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, ...b]));
      fc.assert(fc.property(withIdent, expectOnlyImxflashErrors), { numRuns: 300 });
    });

    it('valid files with bytes changed or cut short never throw anything but ImxflashError', () => {
      const valid = makeElf({
        entry: 0x6000_2001,
        segments: [
          { paddr: 0x6000_2000, data: [1, 2, 3, 4, 5, 6, 7, 8] },
          { vaddr: 0x2000_0000, paddr: 0x6000_2008, data: [9, 10], memsz: 64 },
          { paddr: 0x2000_1000, data: [], memsz: 64 },
        ],
      });
      // Mutate within the header and program headers, where the interesting fields are.
      const mutation = fc.array(fc.tuple(fc.nat(52 + 3 * 32 - 1), fc.constantFrom(0x00, 0x01, 0x02, 0x20, 0x7f, 0x80, 0xff, 0xfe)), { minLength: 1, maxLength: 4 });
      fc.assert(
        fc.property(mutation, fc.nat(valid.length), (changes, cut) => {
          const bytes = valid.slice();
          for (const [at, value] of changes) bytes[at] = value;
          expectOnlyImxflashErrors(bytes);
          expectOnlyImxflashErrors(bytes.subarray(0, cut));
        }),
        { numRuns: 500 },
      );
    });
  });
});
