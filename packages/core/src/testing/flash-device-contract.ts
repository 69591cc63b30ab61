import { afterEach, describe, expect, it } from 'vitest';
import { crc32 } from '../flash/crc32.js';
import type { FlashDevice } from '../probe/flash-device.js';

/** Byte-array equality naming the first difference (vitest's deep equality is slow on 64 KiB arrays). */
function expectBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const at = actual.findIndex((b, i) => b !== expected[i]);
  expect(at < 0 ? 'equal' : `offset ${at}: read 0x${actual[at]!.toString(16)}, expected 0x${expected[at]!.toString(16)}`, what).toBe('equal');
}

/** A FlashDevice under test, opened fresh for each case. */
export interface OpenedFlash {
  readonly device: FlashDevice;
  /** Reads the flash behind the device's back (a sim's NOR array), to check state without trusting `read`. */
  peek?(address: number, bytes: number): Uint8Array;
  close(): Promise<void>;
}

/**
 * The behaviour every FlashDevice implementation promises (STYLE R14): run it against the memory
 * device, each driver on the sim, and (opt-in) real hardware. Cases only touch the device's last
 * largest erase unit, so a hardware run leaves the boot image at the flash base alone.
 */
export function describeFlashDeviceContract(name: string, open: () => Promise<OpenedFlash>): void {
  describe(`FlashDevice contract: ${name}`, () => {
    let opened: OpenedFlash | undefined;
    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });
    const start = async () => {
      opened = await open();
      const { device } = opened;
      const g = device.geometry;
      const sector = g.eraseUnits[0]!.bytes;
      const block = g.eraseUnits[g.eraseUnits.length - 1]!.bytes;
      const area = g.base + g.sizeBytes - block; // the last largest unit
      const both = async (address: number, bytes: number) => {
        const read = await device.read(address, bytes);
        if (opened?.peek) expectBytes(opened.peek(address, bytes), read, 'peek agrees with read');
        return read;
      };
      return { device, g, sector, block, area, both };
    };

    it('declares a consistent geometry', async () => {
      const { g } = await start();
      const units = g.eraseUnits.map((u) => u.bytes);
      expect(units.length).toBeGreaterThan(0);
      for (const [i, u] of units.entries()) {
        expect(u & (u - 1), `erase unit ${u} is a power of two`).toBe(0);
        if (i > 0) expect(u).toBeGreaterThan(units[i - 1]!);
      }
      expect(g.pageBytes & (g.pageBytes - 1)).toBe(0);
      expect(units[0]! % g.pageBytes).toBe(0);
      expect(g.sizeBytes % units[units.length - 1]!).toBe(0);
    });

    it('reads 0xFF everywhere in a sector after erasing it', async () => {
      const { device, sector, area, both } = await start();
      await device.program(area, new Uint8Array(64).fill(0x00));
      await device.erase([{ address: area, bytes: sector }]);
      expectBytes(await both(area, sector), new Uint8Array(sector).fill(0xff), 'erased sector');
    });

    it('reads back what was programmed, across a page boundary, and nothing beside it', async () => {
      const { device, g, sector, area, both } = await start();
      await device.erase([{ address: area, bytes: sector }]);
      const at = area + g.pageBytes - 3; // starts 3 bytes before a page boundary
      const data = Uint8Array.from({ length: 10 }, (_, i) => 0x10 + i);
      await device.program(at, data);
      expect(await both(at - 1, 12)).toEqual(Uint8Array.of(0xff, ...data, 0xff));
    });

    it('programs by clearing bits only (NOR AND semantics)', async () => {
      const { device, sector, area, both } = await start();
      await device.erase([{ address: area, bytes: sector }]);
      await device.program(area, Uint8Array.of(0xf0, 0xff, 0x5a));
      await device.program(area, Uint8Array.of(0x3c, 0x0f, 0xff));
      expect(await both(area, 3)).toEqual(Uint8Array.of(0x30, 0x0f, 0x5a));
    });

    it('erases several ranges in one call, including the largest unit', async () => {
      const { device, g, sector, block, area, both } = await start();
      await device.program(area, new Uint8Array(block).fill(0x00));
      if (block >= 2 * sector) {
        await device.erase([{ address: area, bytes: sector }, { address: area + block - sector, bytes: sector }]);
        expect(await both(area, 1)).toEqual(Uint8Array.of(0xff));
        expect(await both(area + sector, 1)).toEqual(Uint8Array.of(0x00));
        expect(await both(area + block - 1, 1)).toEqual(Uint8Array.of(0xff));
      }
      await device.erase([{ address: area, bytes: block }]);
      expectBytes(await both(area, block), new Uint8Array(block).fill(0xff), 'erased block');
      expect(area + block).toBe(g.base + g.sizeBytes);
    });

    it('refuses an unaligned erase with FLASH_ERASE_UNALIGNED and erases nothing', async () => {
      const { device, sector, area, both } = await start();
      await device.erase([{ address: area, bytes: sector }]);
      await device.program(area, Uint8Array.of(0x12, 0x34));
      await expect(device.erase([{ address: area + sector / 2, bytes: sector }])).rejects.toMatchObject({ code: 'FLASH_ERASE_UNALIGNED' });
      await expect(device.erase([{ address: area, bytes: sector }, { address: area, bytes: sector / 2 }])).rejects.toMatchObject({ code: 'FLASH_ERASE_UNALIGNED' });
      expect(await both(area, 2)).toEqual(Uint8Array.of(0x12, 0x34));
    });

    it('rejects access outside the flash with FLASH_OUT_OF_RANGE', async () => {
      const { device, g, sector } = await start();
      const end = g.base + g.sizeBytes;
      await expect(device.read(end - 1, 2)).rejects.toMatchObject({ code: 'FLASH_OUT_OF_RANGE' });
      await expect(device.read(g.base - 1, 1)).rejects.toMatchObject({ code: 'FLASH_OUT_OF_RANGE' });
      await expect(device.program(end - 1, Uint8Array.of(1, 2))).rejects.toMatchObject({ code: 'FLASH_OUT_OF_RANGE' });
      await expect(device.erase([{ address: end, bytes: sector }])).rejects.toMatchObject({ code: 'FLASH_OUT_OF_RANGE' });
    });

    it('reports monotonic progress ending at the total', async () => {
      const { device, g, sector, area } = await start();
      const seen: Record<string, number[]> = { erase: [], program: [], read: [] };
      await device.erase([{ address: area, bytes: sector }], (d) => seen.erase!.push(d));
      await device.program(area, new Uint8Array(3 * g.pageBytes).fill(0xa5), (d) => seen.program!.push(d));
      await device.read(area, 3 * g.pageBytes, (d) => seen.read!.push(d));
      for (const [op, total] of [['erase', sector], ['program', 3 * g.pageBytes], ['read', 3 * g.pageBytes]] as const) {
        const values = seen[op]!;
        expect(values.at(-1), `${op} ends at its total`).toBe(total);
        expect(values, `${op} never goes back`).toEqual([...values].sort((a, b) => a - b));
      }
    });

    it('computes checksums as CRC-32 of the bytes, when it offers them', async () => {
      const { device, sector, area } = await start();
      if (!device.checksum) return; // optional capability
      await device.erase([{ address: area, bytes: sector }]);
      await device.program(area + 5, new TextEncoder().encode('123456789'));
      expect(await device.checksum(area + 5, 9)).toBe(0xcbf4_3926);
      expect(await device.checksum(area, sector)).toBe(crc32(await device.read(area, sector)));
    });
  });
}
