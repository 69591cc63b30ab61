import { describe, expect, it } from 'vitest';
import { describeFlashDeviceContract } from './flash-device-contract.js';
import { ManualClock } from './manual-clock.js';
import { MemoryFlashDevice } from './memory-flash-device.js';

describeFlashDeviceContract('memory (cheap reads)', async () => {
  const device = new MemoryFlashDevice({ sizeBytes: 256 * 1024 });
  return { device, peek: (a, n) => device.peek(a, n), close: async () => {} };
});

describeFlashDeviceContract('memory (expensive reads, checksum, 512-byte pages, 4/64 KiB units)', async () => {
  const device = new MemoryFlashDevice({ sizeBytes: 128 * 1024, pageBytes: 512, eraseUnitBytes: [4096, 65536], readCost: 'expensive', checksum: true });
  return { device, peek: (a, n) => device.peek(a, n), close: async () => {} };
});

describe('MemoryFlashDevice', () => {
  it('starts erased, or with the given contents', () => {
    const device = new MemoryFlashDevice({ sizeBytes: 8192, initial: Uint8Array.of(1, 2, 3) });
    expect(device.peek(0x6000_0000, 4)).toEqual(Uint8Array.of(1, 2, 3, 0xff));
    expect(device.peek(0x6000_1fff, 1)).toEqual(Uint8Array.of(0xff));
  });

  it('leaves the AND of old and new data when programming over programmed bytes', async () => {
    const device = new MemoryFlashDevice({ sizeBytes: 8192 });
    device.poke(0x6000_0010, Uint8Array.of(0x0f));
    await device.program(0x6000_0010, Uint8Array.of(0xf1, 0x00));
    expect(device.peek(0x6000_0010, 3)).toEqual(Uint8Array.of(0x01, 0x00, 0xff));
  });

  it('models time on the given clock: page programs and erases take time', async () => {
    const clock = new ManualClock();
    const device = new MemoryFlashDevice({ sizeBytes: 65536, timing: { clock, pageProgramMs: 0.5, eraseMsPerKiB: 10 } });
    await device.erase([{ address: 0x6000_0000, bytes: 4096 }]);
    expect(clock.now()).toBe(40);
    await device.program(0x6000_00f0, new Uint8Array(0x20)); // crosses one page boundary: two page programs
    expect(clock.now()).toBe(41);
  });

  it('logs the operations that reached it', async () => {
    const device = new MemoryFlashDevice({ sizeBytes: 65536 });
    await device.erase([{ address: 0x6000_1000, bytes: 4096 }]);
    await device.program(0x6000_1000, Uint8Array.of(0));
    expect(device.operations).toEqual([
      { op: 'erase', address: 0x6000_1000, bytes: 4096 },
      { op: 'program', address: 0x6000_1000, bytes: 1 },
    ]);
  });
});
