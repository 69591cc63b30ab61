import { describe, expect, it } from 'vitest';
import { decodeLutSequence, LUT_OPCODE as OP, lutInstruction as I, lutSequenceWords } from './lut-decoder.js';
import { addressBytes, LutExecution, type ExecutionIo } from './lut-executor.js';
import { ScriptedFlashDevice } from './testing/scripted-flash-device.js';

const linear = { wordAddressable: false, columnBits: 0 };

function ioWith(tx: Uint8Array[]): ExecutionIo & { rx: Uint8Array[] } {
  const rx: Uint8Array[] = [];
  return {
    rx,
    takeTx: (dest, offset) => {
      const next = tx.shift();
      if (next === undefined) return 0;
      dest.set(next, offset);
      return next.length;
    },
    putRx: (bytes) => rx.push(bytes),
  };
}

describe('LutExecution', () => {
  it('suspends at WRITE until all data arrived, then sends one data phase', () => {
    const seq = decodeLutSequence(lutSequenceWords([I(OP.CMD, 1, 0x02), I(OP.RADDR, 1, 24), I(OP.WRITE, 1, 4)]), 0);
    const flash = new ScriptedFlashDevice();
    const tx: Uint8Array[] = [Uint8Array.of(1, 2)];
    const exec = new LutExecution(ioWith(tx)).start([seq], flash, 0x10, 4, linear);
    expect(exec.run()).toBe('need-tx');
    expect(flash.phases.at(-1)).toEqual({ type: 'send', phase: 'addr', bytes: [0, 0, 0x10], pads: 1, ddr: false });
    tx.push(Uint8Array.of(3, 4));
    expect(exec.run()).toBe('done');
    expect(flash.phases.slice(-2)).toEqual([
      { type: 'send', phase: 'data', bytes: [1, 2, 3, 4], pads: 1, ddr: false }, { type: 'deselect' },
    ]);
    expect(exec.cycles).toBe(8 + 24 + 32);
  });

  it('answers 0xFF and touches no device when the flash does not answer', () => {
    const seq = decodeLutSequence(lutSequenceWords([I(OP.CMD, 1, 0x9f), I(OP.READ, 1, 4)]), 0);
    const io = ioWith([]);
    expect(new LutExecution(io).start([seq], undefined, 0, 3, linear).run()).toBe('done');
    expect(io.rx).toEqual([Uint8Array.of(0xff, 0xff, 0xff)]);
  });

  it('counts cycles per pads and DDR', () => {
    const seq = decodeLutSequence(lutSequenceWords([I(OP.CMD, 1, 0xed), I(OP.RADDR + 0x20, 4, 24), I(OP.DUMMY + 0x20, 4, 6), I(OP.READ + 0x20, 4, 4)]), 0);
    const exec = new LutExecution(ioWith([])).start([seq], new ScriptedFlashDevice(), 0, 16, linear);
    exec.run();
    expect(exec.cycles).toBe(8 + 3 + 6 + 16);
  });

  it('encodes address bytes MSB first', () => {
    expect(Array.from(addressBytes(0x123456, 24))).toEqual([0x12, 0x34, 0x56]);
    expect(Array.from(addressBytes(0x89abcdef, 32))).toEqual([0x89, 0xab, 0xcd, 0xef]);
    expect(Array.from(addressBytes(0x1_23456, 16))).toEqual([0x34, 0x56]);
  });
});
