import { describe, expect, it } from 'vitest';
import { createSimBoard } from '../board/create-sim-board.js';
import { RawNorHost } from '../board/testing/raw-nor-host.js';

/** A board brought up by a raw-register host: the faults act on what the host does. */
function setup(): { board: ReturnType<typeof createSimBoard>; host: RawNorHost } {
  const board = createSimBoard();
  const host = new RawNorHost(board);
  host.bringUp();
  return { board, host };
}

describe('board.faults (one plan per board)', () => {
  it('failNthProgram counts from now: the failed page program changes nothing, the others land', () => {
    const { board, host } = setup();
    host.programPage(0x000, Uint8Array.of(0x01));
    board.faults.failNthProgram(2);
    host.programPage(0x100, Uint8Array.of(0x02));
    host.programPage(0x200, Uint8Array.of(0x03));
    host.programPage(0x300, Uint8Array.of(0x04));
    expect([0x000, 0x100, 0x200, 0x300].map((a) => board.flash.peek(a, 1)[0])).toEqual([0x01, 0x02, 0xff, 0x04]);
  });

  it('failNthErase: the failed erase leaves the data', () => {
    const board = createSimBoard({ flashContents: new Uint8Array(0x3000) });
    const host = new RawNorHost(board);
    host.bringUp();
    board.faults.failNthErase(1);
    host.eraseSector(0x0000);
    host.eraseSector(0x1000);
    expect(board.flash.peek(0x0000, 1)).toEqual(Uint8Array.of(0x00));
    expect(board.flash.peek(0x1000, 1)).toEqual(Uint8Array.of(0xff));
    expect(board.flash.peek(0x2000, 1)).toEqual(Uint8Array.of(0x00));
  });

  it('stickBits: masked bits hold their value through program and erase', () => {
    const { board, host } = setup();
    board.faults.stickBits(0x10, 0x81, 0x80); // bit 7 stuck at 1, bit 0 stuck at 0
    expect(board.flash.peek(0x10, 1)).toEqual(Uint8Array.of(0xfe));
    host.programPage(0x10, Uint8Array.of(0x00));
    expect(board.flash.peek(0x10, 1)).toEqual(Uint8Array.of(0x80));
    host.eraseSector(0);
    expect(board.flash.peek(0x10, 1)).toEqual(Uint8Array.of(0xfe));
    board.faults.unstickBits();
    host.eraseSector(0);
    expect(board.flash.peek(0x10, 1)).toEqual(Uint8Array.of(0xff));
    expect(() => board.faults.stickBits(8 << 20, 1, 0)).toThrow(RangeError);
  });

  it('stretchBusy multiplies the modelled busy time of an erase', () => {
    const time = (factor: number): number => {
      const { board, host } = setup();
      board.faults.stretchBusy(factor);
      const start = board.clock.now();
      host.eraseSector(0);
      return board.clock.now() - start;
    };
    const normal = time(1);
    expect(normal).toBeGreaterThanOrEqual(45); // IS25WP064A 4 KiB erase, typ 45 ms (research/imxrt.md §2.4)
    expect(time(4)).toBeGreaterThanOrEqual(4 * 45);
    expect(time(4)).toBeLessThan(4 * normal + 2);
    expect(() => setup().board.faults.stretchBusy(0)).toThrow(RangeError);
  });

  it('forwards the link faults to board.faults.link, which the virtual bindings consult', () => {
    const { board } = setup();
    board.faults.dropPacket(1);
    board.faults.corruptPacket(1, 0, { direction: 'to-host' });
    board.faults.disconnectAfterBytes(3);
    expect(board.faults.link.onPacket('to-device', Uint8Array.of(1))).toBe('drop');
    expect(board.faults.link.onPacket('to-host', Uint8Array.of(1))).toEqual({ corrupt: Uint8Array.of(0xfe) });
    expect(board.faults.link.onPacket('to-host', Uint8Array.of(1, 2, 3))).toBe('disconnect');
    board.faults.uartNoise(1, 3);
    expect(createSimBoard().faults.link.onPacket('to-host', Uint8Array.of(1))).toBe('pass'); // another board: clean
  });
});
