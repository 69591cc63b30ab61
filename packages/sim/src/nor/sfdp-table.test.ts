import { FLASH_PARTS, findFlashPart, type FlashPart } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { buildSfdpTable } from './sfdp-table.js';
import { threeByteOpcode } from './spi-nor-commands.js';

/** A tiny SFDP reader written for this test from research/imxrt.md §2.6 (not core's parser). */
function readSfdp(bytes: Uint8Array) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = v.getUint32(0, true);
  const headers = bytes[6]! + 1;
  let bfpt: { pointer: number; dwords: number; minor: number; major: number } | undefined;
  for (let h = 0; h < headers; h++) {
    const at = 8 + h * 8;
    const id = (bytes[at + 7]! << 8) | bytes[at]!;
    if (id === 0xff00) {
      bfpt = { minor: bytes[at + 1]!, major: bytes[at + 2]!, dwords: bytes[at + 3]!, pointer: bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) };
    }
  }
  if (bfpt === undefined) throw new Error('no BFPT');
  const dw = (n: number): number => v.getUint32(bfpt.pointer + (n - 1) * 4, true);
  const density = dw(2);
  const sizeBytes = density & 0x8000_0000 ? 2 ** ((density & 0x7fff_ffff) - 3) : (density + 1) / 8;
  const eraseTypes: { bytes: number; opcode: number }[] = [];
  for (const word of [dw(8), dw(9)]) {
    for (const half of [word & 0xffff, word >>> 16]) {
      if ((half & 0xff) !== 0) eraseTypes.push({ bytes: 2 ** (half & 0xff), opcode: half >>> 8 });
    }
  }
  return {
    signature,
    minor: bytes[4]!,
    major: bytes[5]!,
    bfpt,
    sizeBytes,
    erase4kOpcode: (dw(1) & 0b11) === 0b01 ? (dw(1) >>> 8) & 0xff : null,
    addressMode: (dw(1) >>> 17) & 0b11,
    has144: ((dw(1) >>> 21) & 1) === 1,
    has114: ((dw(1) >>> 22) & 1) === 1,
    read144: { dummy: dw(3) & 0x1f, mode: (dw(3) >>> 5) & 7, opcode: (dw(3) >>> 8) & 0xff },
    read114: { dummy: (dw(3) >>> 16) & 0x1f, mode: (dw(3) >>> 21) & 7, opcode: dw(3) >>> 24 },
    eraseTypes,
    pageBytes: 2 ** ((dw(11) >>> 4) & 0xf),
    qer: (dw(15) >>> 20) & 0b111,
  };
}

const expectedQer = (p: FlashPart): number => {
  const qe = p.quadEnable;
  if (qe === null) return 0;
  if (qe.register === 'sr1') return 2; // SR1 bit 6, 0x01 + 1 byte
  if (qe.bit === 7) return 3;
  return qe.write === 'wrsr2-0x31' ? 6 : 1;
};

describe('buildSfdpTable', () => {
  for (const part of FLASH_PARTS.filter((p) => p.interface === 'spi-nor')) {
    it(`${part.id}: parses back to the part's facts`, () => {
      const t = readSfdp(buildSfdpTable(part));
      expect(t.signature).toBe(0x5044_4653);
      expect(t.major).toBe(1);
      expect(t.minor).toBe(6);
      expect(t.bfpt).toMatchObject({ dwords: 16, major: 1 });
      expect(t.sizeBytes).toBe(part.sizeBytes);
      expect(t.pageBytes).toBe(part.pageBytes);
      const units = [...part.eraseUnits].sort((a, b) => a.bytes - b.bytes);
      expect(t.eraseTypes).toEqual(units.map((u) => ({ bytes: u.bytes, opcode: threeByteOpcode(u.opcode) })));
      expect(t.erase4kOpcode).toBe(0x20);
      expect(t.qer).toBe(expectedQer(part));
      const quad = part.quadRead!;
      expect(t.has144).toBe(quad.pads === '1-4-4');
      expect(t.has114).toBe(true);
      expect(t.read144).toEqual({ dummy: quad.dummyClocks, mode: quad.modeClocks, opcode: 0xeb });
      expect(t.read114).toEqual({ dummy: 8, mode: 0, opcode: 0x6b });
    });
  }

  it('3-byte parts say "3-byte only"; 4-byte parts "3 or 4", except one whose real table is wrong', () => {
    expect(readSfdp(buildSfdpTable(findFlashPart('is25wp064a'))).addressMode).toBe(0b00);
    expect(readSfdp(buildSfdpTable(findFlashPart('w25q256jv'))).addressMode).toBe(0b01);
    // LINUX: the IS25WP256 BFPT claims 3-byte only (quirk 'sfdp-address-bytes-wrong', research §2.1).
    expect(readSfdp(buildSfdpTable(findFlashPart('is25wp256'))).addressMode).toBe(0b00);
  });

  it('golden bytes: header and parameter header of IS25WP064A', () => {
    const bytes = buildSfdpTable(findFlashPart('is25wp064a'));
    expect([...bytes.subarray(0, 16)]).toEqual([
      0x53, 0x46, 0x44, 0x50, 0x06, 0x01, 0x00, 0xff, //   'SFDP', rev 1.6, 1 header, 0xFF
      0x00, 0x06, 0x01, 0x10, 0x30, 0x00, 0x00, 0xff, //   BFPT ID 0xFF00, rev 1.6, 16 dwords at 0x30
    ]);
    // DW2 = 64 Mbit − 1; DW8 = 4 KiB/0x20, 32 KiB/0x52; DW9 = 64 KiB/0xD8, unused.
    const v = new DataView(bytes.buffer);
    expect(v.getUint32(0x34, true)).toBe(0x03ff_ffff);
    expect(v.getUint32(0x4c, true)).toBe(0x520f_200c);
    expect(v.getUint32(0x50, true)).toBe(0xff00_d810);
    expect((v.getUint32(0x68, true) >>> 20) & 7).toBe(2);
  });
});
