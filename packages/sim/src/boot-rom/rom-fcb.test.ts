import { describe, expect, it } from 'vitest';
import { FCB_TAG, fcbSequenceWords, readRomFcb } from './rom-fcb.js';

// Golden FCB (a), research/imxrt.md §3.3: the evkmimxrt1060 IS25WP064A FCB, as raw words.
function goldenA(): Uint8Array {
  const bytes = new Uint8Array(512);
  const v = new DataView(bytes.buffer);
  const words: Record<number, number> = {
    0x000: 0x4246_4346, 0x004: 0x5601_0400, 0x00c: 0x0003_0301, 0x040: 0x0000_0010, 0x044: 0x0007_0401, 0x050: 0x0080_0000,
    0x080: 0x0a18_04eb, 0x084: 0x2604_3206, 0x090: 0x2404_0405, 0x0b0: 0x0000_0406, 0x1c0: 256, 0x1c4: 4096, 0x1c8: 1, 0x1d0: 0x1_0000,
  };
  for (const [o, w] of Object.entries(words)) v.setUint32(Number(o), w, true);
  return bytes;
}

describe('readRomFcb', () => {
  it('reads the fields of golden FCB (a) at their offsets', () => {
    const fcb = readRomFcb(goldenA());
    expect(fcb).toMatchObject({
      tag: FCB_TAG, version: 0x5601_0400, readSampleClkSrc: 1, csHoldTime: 3, csSetupTime: 3, columnAddressWidth: 0,
      controllerMiscOption: 0x10, deviceType: 1, sflashPadType: 4, serialClkFreq: 7, lutCustomSeqEnable: 0,
      flashSizes: [0x80_0000, 0, 0, 0], deviceModeCfgEnable: 0, serialNorType: 0,
    });
    expect(Array.from(fcbSequenceWords(fcb, 0))).toEqual([0x0a18_04eb, 0x2604_3206, 0, 0]);
    expect(Array.from(fcbSequenceWords(fcb, 1))).toEqual([0x2404_0405, 0, 0, 0]);
    expect(Array.from(fcbSequenceWords(fcb, 3))).toEqual([0x0000_0406, 0, 0, 0]);
  });

  it('reads the device-mode and config-command fields (0x10–0x3C), busy fields and lutCustomSeq', () => {
    const bytes = goldenA();
    const v = new DataView(bytes.buffer);
    v.setUint32(0x10, 0x000a_0101, true); // enable 1, type 1 (QuadEnable), waitTime 10
    v.setUint32(0x14, 0x0000_0601, true); // seqNum 1, seqId 6
    v.setUint32(0x18, 0x40, true);
    v.setUint32(0x1c, 0x0000_0001, true);
    v.setUint32(0x20, 0x0000_0c01, true);
    v.setUint32(0x30, 0xf0, true);
    v.setUint32(0x7c, 0x0001_000f, true);
    v.setUint32(0x180 + 4, 0x0000_0102, true); // lutCustomSeq[1] = {seqNum 2, seqId 1}
    expect(readRomFcb(bytes)).toMatchObject({
      deviceModeCfgEnable: 1, deviceModeType: 1, waitTimeCfgCommands: 10, deviceModeSeq: { seqNum: 1, seqId: 6 }, deviceModeArg: 0x40,
      configCmdEnable: 1, configCmdSeqs: [{ seqNum: 1, seqId: 12 }, { seqNum: 0, seqId: 0 }, { seqNum: 0, seqId: 0 }], configCmdArgs: [0xf0, 0, 0],
      busyOffset: 15, busyBitPolarity: 1,
    });
    expect(readRomFcb(bytes).lutCustomSeq[1]).toEqual({ seqNum: 2, seqId: 1 });
  });

  it('refuses fewer than 512 bytes (a model bug, not input)', () => {
    expect(() => readRomFcb(new Uint8Array(511))).toThrow(RangeError);
  });
});
