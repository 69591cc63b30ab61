import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeDcd, decodeFcb, decodeIvt, parseFirmware, parseProbeSelector, parseSfdp, readElf, readIntelHex, readSrec } from '../index.js';
import { expectOnlyImxflashErrors, fuzzRuns } from '../testing/fuzz.js';

/*
 * Every file reader and header decoder under ≥ 10,000 arbitrary inputs per run: the only thing
 * allowed to escape is an ImxflashError (a coded error with a hint), never a TypeError or
 * RangeError from a missed bounds check. Inputs are biased towards each format's alphabet and
 * magic numbers so the cases get past the first check.
 */

const RUNS = fuzzRuns();


const bytesFrom = (alphabet: string, extra: readonly number[] = []) =>
  fc.array(fc.constantFrom(...Array.from(alphabet, (c) => c.charCodeAt(0)), ...extra), { maxLength: 240 }).map((a) => Uint8Array.from(a));

describe('fuzz: firmware readers', () => {
  it('Intel HEX: record-like bytes', () => {
    const records = bytesFrom(':0123456789ABCDEFabcdef\r\n', [0x00, 0xff, 0x80]);
    fc.assert(fc.property(records, (b) => expectOnlyImxflashErrors(() => readIntelHex(Uint8Array.from([0x3a, ...b]), 'fuzz.hex'))), RUNS);
  });

  it('S-record: record-like bytes', () => {
    const records = bytesFrom('S0123456789ABCDEFabcdef\r\n', [0x00, 0xff, 0x80]);
    fc.assert(fc.property(records, (b) => expectOnlyImxflashErrors(() => readSrec(Uint8Array.from([0x53, ...b]), 'fuzz.srec'))), RUNS);
  });

  it('ELF: bytes after a valid ident', () => {
    const body = fc.uint8Array({ maxLength: 400 });
    fc.assert(fc.property(body, (b) => expectOnlyImxflashErrors(() => readElf(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, ...b]), 'fuzz.elf'))), RUNS);
  });

  it('format detection: arbitrary bytes with any base', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 0xffff_ffff }), (b, base) =>
        expectOnlyImxflashErrors(() => parseFirmware(b, 'fuzz.bin', { baseAddress: base })),
      ),
      RUNS,
    );
  });
});

describe('fuzz: boot headers and SFDP', () => {
  it('FCB decoder', () => {
    const fcb = fc.uint8Array({ maxLength: 600 }).map((b) => (b.length >= 4 ? Uint8Array.from([0x46, 0x43, 0x46, 0x42, ...b.subarray(4)]) : b));
    fc.assert(fc.property(fcb, (b) => expectOnlyImxflashErrors(() => decodeFcb(b))), RUNS);
  });

  it('IVT decoder', () => {
    const ivt = fc.uint8Array({ maxLength: 48 }).map((b) => Uint8Array.from([0xd1, 0x00, 0x20, ...b]));
    fc.assert(fc.property(ivt, (b) => expectOnlyImxflashErrors(() => decodeIvt(b))), RUNS);
  });

  it('DCD decoder', () => {
    const dcd = fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([0xd2, b.length >> 8, b.length & 0xff, 0x41, ...b]));
    fc.assert(fc.property(dcd, (b) => expectOnlyImxflashErrors(() => decodeDcd(b))), RUNS);
  });

  it('SFDP parser', () => {
    const sfdp = fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0x53, 0x46, 0x44, 0x50, ...b]));
    fc.assert(fc.property(sfdp, (b) => expectOnlyImxflashErrors(() => parseSfdp(b))), RUNS);
  });

  it('probe selectors', () => {
    const text = fc.string({ unit: fc.constantFrom(...'cmsis-dapjlinksdp:0123456789abcdefABCDEF/\\.-_ '), maxLength: 40 });
    fc.assert(fc.property(text, (s) => expectOnlyImxflashErrors(() => parseProbeSelector(s))), RUNS);
  });
});
