import type { HidLink } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { VirtualHidBinding } from '../bindings/virtual-hid-binding.js';
import { VirtualSerialBinding } from '../bindings/virtual-serial-binding.js';
import { createSimBoard } from '../board/create-sim-board.js';
import { crc16, hidReport, packPacket, uartFrame, unpackPacket, WIRE } from '../flashloader/blhost-wire.js';
import { buildSimFlashloaderImage } from '../flashloader/sim-flashloader-image.js';
import { attachSimSerialDownloader, attachSimSerialDownloaderUart } from './attach-sim-serial-downloader.js';
import { SIM_SDP_FAILURE } from './sdp-rom-model.js';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
/** SDP command, built by hand from research/spsdk.md §1.1 (big-endian). */
function sdp(type: number, address: number, format: number, count: number, data = 0): Uint8Array {
  const b = new Uint8Array(17);
  const v = new DataView(b.buffer);
  b[0] = 1;
  v.setUint16(1, type);
  v.setUint32(3, address);
  v.setUint8(7, format);
  v.setUint32(8, count);
  v.setUint32(12, data);
  return b;
}

function setup(boot: 'serial-downloader' | 'internal' = 'serial-downloader', secConfig?: number) {
  const board = createSimBoard(secConfig === undefined ? { boot } : { boot: { bootMode: boot === 'internal' ? 2 : 1, secConfig } });
  const hid = new VirtualHidBinding(board.clock, board.faults.link);
  const sd = attachSimSerialDownloader(board, hid);
  return { board, hid, sd };
}

async function loadAndJump(link: HidLink, image = buildSimFlashloaderImage()): Promise<void> {
  await link.write(sdp(0x0404, 0x2000_0000, 0, image.length));
  for (let at = 0; at < image.length; at += 1024) await link.write(Uint8Array.of(2, ...image.subarray(at, at + 1024)));
  expect(hex((await link.read(10)).subarray(0, 5))).toBe('03 56 78 78 56');
  expect(hex((await link.read(10)).subarray(0, 5))).toBe('04 88 88 88 88');
  await link.write(sdp(0x0b0b, 0x2000_0400, 0, 0));
  expect(hex(await link.read(10))).toBe('03 56 78 78 56');
}

describe('ROM serial downloader model (HID)', () => {
  it('enumerates with the chip\'s ROM USB ID and answers WRITE_REGISTER / READ_REGISTER on the bus', async () => {
    const { board, hid } = setup();
    const [info] = await hid.list();
    expect(info).toMatchObject({ vid: 0x1fc9, pid: 0x0130 });
    const link = await hid.open(info!.path);
    await link.write(sdp(0x0202, 0x2020_0000, 32, 4, 0x1234_5678));
    expect(hex((await link.read(10)).subarray(0, 5))).toBe('03 56 78 78 56');
    expect(hex((await link.read(10)).subarray(0, 5))).toBe('04 12 8a 8a 12');
    expect(hex(board.memory.peek(0x2020_0000, 4))).toBe('78 56 34 12');
    await link.write(sdp(0x0101, 0x2020_0000, 32, 4));
    await link.read(10);
    expect(hex((await link.read(10)).subarray(0, 5))).toBe('04 78 56 34 12');
  });

  it('reports HAB closed and refuses an unsigned jump with a failure word', async () => {
    const { hid } = setup('serial-downloader', 2);
    const link = await hid.open((await hid.list())[0]!.path);
    await link.write(sdp(0x0505, 0, 0, 0));
    expect(hex((await link.read(10)).subarray(0, 5))).toBe('03 12 34 34 12');
    expect(hex((await link.read(10)).subarray(0, 5))).toBe('04 f0 f0 f0 f0');
    const image = buildSimFlashloaderImage();
    await link.write(sdp(0x0404, 0x2000_0000, 0, image.length));
    for (let at = 0; at < image.length; at += 1024) await link.write(Uint8Array.of(2, ...image.subarray(at, at + 1024)));
    await link.read(10);
    await link.read(10);
    await link.write(sdp(0x0b0b, 0x2000_0400, 0, 0));
    await link.read(10);
    const w = SIM_SDP_FAILURE.JUMP;
    expect(Array.from((await link.read(10)).subarray(1, 5))).toEqual([w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff]);
  });

  it('a jump to an IVT without the sim flashloader marker is SIM_CANNOT_EXECUTE', async () => {
    const { board, hid } = setup();
    const link = await hid.open((await hid.list())[0]!.path);
    const image = buildSimFlashloaderImage();
    image.fill(0, 0x1000); // wipe the marker
    board.memory.poke(0x2000_0000, image);
    await expect(link.write(sdp(0x0b0b, 0x2000_0400, 0, 0))).rejects.toMatchObject({ code: 'SIM_CANNOT_EXECUTE' });
  });

  it('hands off to the flashloader: the ROM device goes, 0x15A2:0x0073 comes, blhost configures and programs the NOR', async () => {
    const { board, hid, sd } = setup();
    const link = await hid.open((await hid.list())[0]!.path);
    await loadAndJump(link);
    await expect(link.read(10)).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
    expect(sd.mode).toBe('flashloader');
    const list = await hid.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ vid: 0x15a2, pid: 0x0073 });
    const fl = await hid.open(list[0]!.path);
    const command = async (tag: number, params: number[], flags = 0): Promise<number[]> => {
      await fl.write(hidReport(1, packPacket(tag, flags, params)));
      const r = await fl.read(10);
      expect(r[0]).toBe(3);
      return [...unpackPacket(r.subarray(4))!.params];
    };
    // Before configure: 10205. Then fill + configure with 0xC0000007 (research §2.10).
    expect(await command(0x02, [0x6000_0000, 0x1000, 0])).toEqual([10205, 0x02]);
    expect(await command(0x05, [0x2020_2000, 4, 0xc000_0007])).toEqual([0, 0x05]);
    expect(await command(0x11, [9, 0x2020_2000])).toEqual([0, 0x11]);
    expect(await command(0x07, [25, 9])).toEqual([0, 0x1f, 0x6000_0000, 8192, 256, 4096, 65536]);
    expect(await command(0x07, [11, 0])).toEqual([0, 1012]);
    const t0 = board.clock.now();
    expect(await command(0x02, [0x6000_0000, 0x10000, 0])).toEqual([0, 0x02]);
    expect(board.clock.now() - t0).toBeGreaterThanOrEqual(150); // one 64 KiB block erase, typical 150 ms
    const data = Uint8Array.from({ length: 1500 }, (_, i) => (i * 7) & 0xff);
    expect(await command(0x04, [0x6000_1000, data.length, 0], 1)).toEqual([0, 0x04]);
    await fl.write(hidReport(2, data.subarray(0, 1012)));
    await fl.write(hidReport(2, data.subarray(1012)));
    const final = await fl.read(10);
    expect([...unpackPacket(final.subarray(4))!.params]).toEqual([0, 0x04]);
    expect(board.flash.peek(0x1000, 1500)).toEqual(data);
    expect(board.flash.peek(0x1000 + 1500, 4)).toEqual(Uint8Array.of(0xff, 0xff, 0xff, 0xff));
    // Writing again over programmed bytes: cumulative write.
    expect(await command(0x04, [0x6000_1000, 4, 0], 1)).toEqual([0, 0x04]);
    await fl.write(hidReport(2, Uint8Array.of(1, 2, 3, 4)));
    expect([...unpackPacket((await fl.read(10)).subarray(4))!.params]).toEqual([10203, 0x04]);
    // Unaligned flash write: 20105.
    expect(await command(0x04, [0x6000_1001, 4, 0], 1)).toEqual([20105, 0x04]);
    // 0xF000000F over a blank FCB area writes the SFDP-derived FCB.
    expect(await command(0x05, [0x2020_2000, 4, 0xf000_000f])).toEqual([0, 0x05]);
    expect(await command(0x11, [9, 0x2020_2000])).toEqual([0, 0x11]);
    expect(hex(board.flash.peek(0, 8))).toBe('46 43 46 42 00 04 01 56');
    // QE was set by the configure (SFDP DW15 QER = SR1 bit 6).
    // Read back through ReadMemory.
    await fl.write(hidReport(1, packPacket(0x03, 0, [0x6000_1000, 1500, 0])));
    expect([...unpackPacket((await fl.read(10)).subarray(4))!.params]).toEqual([0, 1500]);
    const got: number[] = [];
    for (;;) {
      const r = await fl.read(10);
      if (r[0] === 3) break;
      got.push(...r.subarray(4, 4 + (r[2]! | (r[3]! << 8))));
    }
    expect(Uint8Array.from(got)).toEqual(data);
    // Reset: the flashloader goes, the ROM comes back (BOOT_MODE 01).
    expect(await command(0x0b, [])).toEqual([0, 0x0b]);
    expect(sd.history).toEqual(['jump', 'reset']);
    expect((await hid.list())[0]).toMatchObject({ vid: 0x1fc9, pid: 0x0130 });
  });
});

describe('serial downloader over UART', () => {
  it('answers SDP raw, then blhost frames (ping, ACK, CRC, NAK on a bad CRC) after the hand-off', async () => {
    const board = createSimBoard({ boot: 'serial-downloader' });
    const serial = new VirtualSerialBinding(board.clock, board.faults.link);
    const sd = attachSimSerialDownloaderUart(board, serial);
    const port = await serial.open(sd.path!, 115200);
    const image = buildSimFlashloaderImage();
    const t0 = board.clock.now();
    await port.write(sdp(0x0404, 0x2000_0000, 0, image.length).subarray(1));
    await port.write(image);
    expect(hex(await port.read(8, 10))).toBe('56 78 78 56 88 88 88 88');
    // 16 + 4352 bytes out, 8 back, at 10 bits per byte.
    expect(board.clock.now() - t0).toBeCloseTo(((16 + image.length + 8) * 10 * 1000) / 115200, 3);
    await port.write(sdp(0x0b0b, 0x2000_0400, 0, 0).subarray(1));
    expect(hex(await port.read(8, 10))).toBe('56 78 78 56');
    expect(sd.mode).toBe('flashloader');
    await port.write(Uint8Array.of(0x5a, 0xa6));
    expect(hex(await port.read(10, 10))).toBe('5a a7 00 02 01 50 00 00 aa ea');
    const frame = uartFrame(WIRE.COMMAND, packPacket(0x07, 0, [1, 0]));
    expect(hex(frame)).toBe('5a a4 0c 00 4b 33 07 00 00 02 01 00 00 00 00 00 00 00');
    const bad = frame.slice();
    bad[8] = bad[8]! ^ 0xff;
    await port.write(bad);
    expect(hex(await port.read(2, 10))).toBe('5a a2');
    await port.write(frame);
    expect(hex(await port.read(2, 10))).toBe('5a a1');
    const response = await port.read(64, 10);
    expect(hex(response)).toBe('5a a4 0c 00 c7 a6 a7 00 00 02 00 00 00 00 00 04 01 4b');
    expect(crc16([response.subarray(0, 4), response.subarray(6)])).toBe(response[4]! | (response[5]! << 8));
  });
});
