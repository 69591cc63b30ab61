import { crc32 as coreCrc32 } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { createSimBoard } from '../board/create-sim-board.js';
import { crc32, decodeBoardState, encodeBoardState, STATE_FILE_MAGIC } from './board-state-codec.js';
import { flashImageOf, type SimBoardState } from './sim-board-state.js';

function stateWith(writes: [offset: number, bytes: Uint8Array][]): SimBoardState {
  const image = new Uint8Array(8 << 20).fill(0xff);
  for (const [offset, bytes] of writes) image.set(bytes, offset);
  return createSimBoard({ flashContents: image, qeSet: true, fuses: { 0x450: 0x0000_0010 }, boot: 'serial-downloader', sdramBytes: 1 << 20 }).exportState();
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0; // toEqual on 8 MiB takes minutes

describe('state file codec', () => {
  it('writes magic, version, header length, JSON header, flash runs and a CRC-32', () => {
    const bytes = encodeBoardState(stateWith([[0x1000, Uint8Array.of(1, 2, 3)]]));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe(STATE_FILE_MAGIC);
    expect(bytes[7]).toBe(1);
    const headerBytes = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerBytes)));
    expect(header).toEqual({
      chip: 'rt1050', flash: 'is25wp064a', flashSizeBytes: 8 << 20, statusRegisters: [0x40, 0],
      fuses: { '0x450': 0x10 }, boot: { sbmr1: 0, bootMode: 1, secConfig: 1, btFuseSel: false }, sdramBytes: 1 << 20,
      chunkBytes: 4096, records: 1,
    });
    const record = 12 + headerBytes;
    expect([view.getUint32(record, true), view.getUint32(record + 4, true)]).toEqual([0x1000, 0x1000]);
    expect(bytes.subarray(record + 8, record + 12)).toEqual(Uint8Array.of(1, 2, 3, 0xff));
    expect(bytes.length).toBe(record + 8 + 0x1000 + 4);
    expect(view.getUint32(bytes.length - 4, true)).toBe(coreCrc32(bytes.subarray(0, bytes.length - 4)));
  });

  it('stores only non-blank 4 KiB chunks, adjacent ones merged into one run', () => {
    const erased = encodeBoardState(createSimBoard().exportState());
    expect(erased.length).toBeLessThan(512);
    const state = stateWith([[0x0000, Uint8Array.of(0)], [0x1fff, Uint8Array.of(0)], [0x7f_f000, Uint8Array.of(0)]]);
    const bytes = encodeBoardState(state);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + new DataView(bytes.buffer).getUint32(8, true))));
    expect(header.records).toBe(2); // 0x0000–0x1FFF and the last sector
    expect(bytes.length).toBeLessThan(3 * 4096 + 512);
  });

  it('decodes what it encodes', () => {
    const state = stateWith([[0, Uint8Array.of(0x12, 0x34)], [0x40_0000, new Uint8Array(70_000).fill(0xa5)], [(8 << 20) - 1, Uint8Array.of(0)]]);
    const back = decodeBoardState(encodeBoardState(state));
    const { flashArray, ...rest } = back;
    const { flashArray: expected, ...expectedRest } = state;
    expect(rest).toEqual(expectedRest);
    expect(same(flashArray, expected)).toBe(true);
  });

  it('works chunk-wise: a decoded state holds only the stored chunks until flashArray is read', () => {
    const state = stateWith([[0x1000, Uint8Array.of(1)], [0x40_0000, new Uint8Array(5000).fill(0)]]);
    const back = decodeBoardState(encodeBoardState(state));
    const image = flashImageOf(back)!;
    expect(image.sizeBytes).toBe(8 << 20);
    expect(image.chunks.flatMap((c, i) => (c === undefined ? [] : [i]))).toEqual([1, 0x400, 0x401]);
    expect(back.flashArray[0x1000]).toBe(1);
    expect(flashImageOf(back)).toBeUndefined(); // read: the bytes are the truth from now on
    expect(same(back.flashArray, state.flashArray)).toBe(true);
  });

  it('encodes a sparse state and a flat copy of it to the same bytes', () => {
    const board = createSimBoard({ flashContents: Uint8Array.of(0, 1, 2), fuses: { 0x450: 2 } });
    const sparse = board.exportState();
    expect(flashImageOf(sparse)).toBeDefined();
    const flat = { ...sparse }; // the spread reads flashArray: a plain array
    expect(flashImageOf(flat)).toBeUndefined();
    expect(same(encodeBoardState(sparse), encodeBoardState(flat))).toBe(true);
    const edited = new Uint8Array(flat.flashArray);
    edited[0x7f_fff0] = 0x5a;
    const decoded = decodeBoardState(encodeBoardState({ ...flat, flashArray: edited }));
    expect(decoded.flashArray.subarray(0x7f_ffef, 0x7f_fff1)).toEqual(Uint8Array.of(0xff, 0x5a));
  });

  it('decodes from a subarray (a Buffer from a pool)', () => {
    const bytes = encodeBoardState(createSimBoard().exportState());
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeBoardState(padded.subarray(3)).chipId).toBe('rt1050');
  });

  describe('rejects a damaged or foreign file with SIM_STATE_INVALID', () => {
    const good = encodeBoardState(stateWith([[0x2000, Uint8Array.of(7)]]));
    const reject = (bytes: Uint8Array, reason: RegExp): void => {
      let error: unknown;
      try {
        decodeBoardState(bytes, '/tmp/x.bin');
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'SIM_STATE_INVALID', message: expect.stringMatching(reason), hint: expect.stringContaining('Delete it') });
      expect((error as Error).message).toContain('/tmp/x.bin');
    };
    /** Re-seals a modified file with a valid CRC, so the check under test is not the CRC. */
    const resealed = (bytes: Uint8Array): Uint8Array => {
      const out = bytes.slice();
      new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
      return out;
    };
    const withHeader = (edit: (h: Record<string, unknown>) => void): Uint8Array => {
      const view = new DataView(good.buffer, good.byteOffset);
      const length = view.getUint32(8, true);
      const header = JSON.parse(new TextDecoder().decode(good.subarray(12, 12 + length)));
      edit(header);
      const json = new TextEncoder().encode(JSON.stringify(header));
      const out = new Uint8Array(12 + json.length + good.length - 12 - length);
      out.set(good.subarray(0, 12));
      new DataView(out.buffer).setUint32(8, json.length, true);
      out.set(json, 12);
      out.set(good.subarray(12 + length), 12 + json.length);
      return resealed(out);
    };

    it('no magic, empty, another version', () => {
      reject(new TextEncoder().encode('{"chip":"rt1050"}'), /no IMXSIM signature/);
      reject(new Uint8Array(0), /no IMXSIM signature/);
      const v2 = good.slice();
      v2[7] = 2;
      reject(resealed(v2), /format version 2/);
    });

    it('truncated or flipped bytes (CRC)', () => {
      reject(good.subarray(0, good.length - 100), /checksum/);
      const flipped = good.slice();
      flipped[good.length - 50] = (flipped[good.length - 50] as number) ^ 1;
      reject(flipped, /checksum/);
    });

    it('header that lies', () => {
      reject(withHeader((h) => { h.flashSizeBytes = 0; }), /flashSizeBytes/);
      reject(withHeader((h) => { h.statusRegisters = [256]; }), /statusRegisters/);
      reject(withHeader((h) => { h.fuses = { '0x451': 1 }; }), /fuse 0x451/);
      reject(withHeader((h) => { h.boot = { sbmr1: 0, bootMode: 4, secConfig: 1, btFuseSel: false }; }), /boot/);
      reject(withHeader((h) => { h.records = 2; }), /record 1 runs past/);
      reject(withHeader((h) => { h.records = 0; }), /unexpected bytes/);
      reject(withHeader((h) => { h.flashSizeBytes = 4096; }), /does not fit/);
      reject(withHeader((h) => { h.chunkBytes = 512; }), /chunk size/);
      const notJson = good.slice();
      notJson[12] = 0x7b + 1;
      reject(resealed(notJson), /not JSON/);
    });
  });
});
