import fc from 'fast-check';
import { ImxflashError } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { bytesOf, hexOf } from '../testing/hex.js';
import {
  configureMemory, decodePacket, decodeResponse, encodePacket, execute, fillMemory, flashEraseAll, flashEraseRegion, genericResponse, getProperty,
  getPropertyResponse, readMemory, readMemoryResponse, reset, setProperty, writeMemory,
} from './commands.js';
import { crc16Xmodem } from './crc16.js';
import { decodeHidReport, encodeHidReport } from './hid-framing.js';
import { decodeExternalMemoryAttributes, formatVersion } from './properties.js';
import { statusError, statusInfo } from './status-codes.js';
import { decodePingResponse, encodeFrame, encodePingResponse, FRAME_TYPE, syncPacket, UartPacketParser } from './uart-framing.js';

const uart = (p: Parameters<typeof encodePacket>[0]) => hexOf(encodeFrame(FRAME_TYPE.COMMAND, encodePacket(p)));

describe('CRC16-XMODEM', () => {
  it('has the check value 0x31C3 for "123456789"', () => {
    expect(crc16Xmodem(new TextEncoder().encode('123456789'))).toBe(0x31c3);
  });
});

// Golden frames: research/spsdk.md §4.2.
describe('blhost UART frames (research/spsdk.md §4.2)', () => {
  it.each([
    ['GetProperty(1, 0)', getProperty(1, 0), '5a a4 0c 00 4b 33 07 00 00 02 01 00 00 00 00 00 00 00'],
    ['GetProperty(0x0B, 0)', getProperty(0x0b, 0), '5a a4 0c 00 37 a2 07 00 00 02 0b 00 00 00 00 00 00 00'],
    ['GetProperty(1) 1-parameter form', { tag: 7, flags: 0, parameters: [1] }, '5a a4 08 00 73 d4 07 00 00 01 01 00 00 00'],
    ['FillMemory(0x20202000, 4, 0xC0000007)', fillMemory(0x2020_2000, 4, 0xc000_0007), '5a a4 10 00 a6 1c 05 00 00 03 00 20 20 20 04 00 00 00 07 00 00 c0'],
    ['ConfigureMemory(9, 0x20202000)', configureMemory(9, 0x2020_2000), '5a a4 0c 00 bd b5 11 00 00 02 09 00 00 00 00 20 20 20'],
    ['FlashEraseRegion(0x60000000, 0x10000, 0)', flashEraseRegion(0x6000_0000, 0x10000, 0), '5a a4 10 00 3b 7a 02 00 00 03 00 00 00 60 00 00 01 00 00 00 00 00'],
    ['WriteMemory(0x60001000, 0x1000, 0)', writeMemory(0x6000_1000, 0x1000, 0), '5a a4 10 00 9a 33 04 01 00 03 00 10 00 60 00 10 00 00 00 00 00 00'],
    ['ReadMemory(0x60000000, 0x200, 0)', readMemory(0x6000_0000, 0x200, 0), '5a a4 10 00 5c f7 03 00 00 03 00 00 00 60 00 02 00 00 00 00 00 00'],
    ['Reset', reset(), '5a a4 04 00 6f 46 0b 00 00 00'],
  ])('%s', (_name, packet, golden) => {
    expect(uart(packet)).toBe(golden);
    const parser = new UartPacketParser();
    parser.push(bytesOf(golden));
    const taken = parser.take();
    expect(taken?.kind).toBe('frame');
    expect(decodePacket((taken as { payload: Uint8Array }).payload)).toEqual(packet);
  });

  it('encodes the other commands with their tags and parameters', () => {
    expect(hexOf(encodePacket(flashEraseAll(9)))).toBe('01 00 00 01 09 00 00 00');
    expect(hexOf(encodePacket(setProperty(10, 1)))).toBe('0c 00 00 02 0a 00 00 00 01 00 00 00');
    expect(hexOf(encodePacket(execute(0x2000_2305, 0, 0x2002_0000)))).toBe('09 00 00 03 05 23 00 20 00 00 00 00 00 00 02 20');
  });

  it('sync packets, ping response and a DATA frame', () => {
    expect(hexOf(syncPacket(FRAME_TYPE.PING))).toBe('5a a6');
    expect(hexOf(syncPacket(FRAME_TYPE.ACK))).toBe('5a a1');
    expect(hexOf(syncPacket(FRAME_TYPE.NAK))).toBe('5a a2');
    expect(hexOf(syncPacket(FRAME_TYPE.ACK_ABORT))).toBe('5a a3');
    const ping = { name: 'P', major: 1, minor: 2, bugfix: 0, options: 0 };
    expect(hexOf(encodePingResponse(ping))).toBe('5a a7 00 02 01 50 00 00 aa ea');
    expect(decodePingResponse(bytesOf('5a a7 00 02 01 50 00 00 aa ea'))).toEqual(ping);
    expect(hexOf(encodeFrame(FRAME_TYPE.DATA, Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7)))).toBe('5a a5 08 00 74 31 00 01 02 03 04 05 06 07');
  });

  it('device responses parse (GenericResponse, GetPropertyResponse)', () => {
    const parser = new UartPacketParser();
    parser.push(bytesOf('00 00 5a a4 0c 00 23 72 a0 00 00 02 00 00 00 00 04 00 00 00 5a a4 0c 00 c7 a6 a7 00 00 02 00 00 00 00 00 04 01 4b'));
    const a = parser.take() as { payload: Uint8Array };
    const b = parser.take() as { payload: Uint8Array };
    expect(parser.skipped).toBe(2);
    expect(decodeResponse(a.payload)).toEqual({ kind: 'generic', status: 0, commandTag: 4 });
    expect(decodeResponse(b.payload)).toEqual({ kind: 'get-property', status: 0, values: [0x4b01_0400] });
    expect(formatVersion(0x4b01_0400)).toBe('K1.4.0');
    expect(hexOf(genericResponse(0, 4))).toBe('a0 00 00 02 00 00 00 00 04 00 00 00');
    expect(decodeResponse(readMemoryResponse(0, 0x200))).toEqual({ kind: 'read-memory', status: 0, byteCount: 0x200 });
    expect(decodeResponse(getPropertyResponse(0, [1012]))).toEqual({ kind: 'get-property', status: 0, values: [1012] });
  });

  it('a corrupted frame is BLHOST_FRAME_INVALID and the parser resynchronises', () => {
    const good = bytesOf('5a a4 04 00 6f 46 0b 00 00 00');
    const bad = good.slice();
    bad[7] = bad[7]! ^ 0xff;
    const parser = new UartPacketParser();
    parser.push(bad);
    expect(() => parser.take()).toThrow(expect.objectContaining({ code: 'BLHOST_FRAME_INVALID' }));
    parser.push(good);
    expect(parser.take()).toMatchObject({ kind: 'frame', type: FRAME_TYPE.COMMAND });
  });
});

describe('blhost USB-HID reports (research/spsdk.md §2.2)', () => {
  it('GetProperty(1, 0) as report 1, GenericResponse as report 3', () => {
    expect(hexOf(encodeHidReport(1, encodePacket(getProperty(1, 0))))).toBe('01 00 0c 00 07 00 00 02 01 00 00 00 00 00 00 00');
    const r = decodeHidReport(bytesOf('03 00 0c 00 a0 00 00 02 00 00 00 00 04 00 00 00 00 00'));
    expect(r.id).toBe(3);
    expect(decodeResponse(r.payload)).toEqual({ kind: 'generic', status: 0, commandTag: 4 });
  });
});

describe('status codes (research/spsdk.md §2.5)', () => {
  it.each([
    [10004, 'NoResponse', 'BLHOST_NO_RESPONSE'],
    [10203, 'MemoryCumulativeWrite', 'BLHOST_MEMORY_CUMULATIVE_WRITE'],
    [10205, 'MemoryNotConfigured', 'BLHOST_MEMORY_NOT_CONFIGURED'],
    [20107, 'FlexSPINOR SFDP NotFound', 'BLHOST_SFDP_NOT_FOUND'],
    [20105, 'FlexSPINOR WriteAlignmentError', 'BLHOST_MEMORY_ALIGNMENT'],
    [10100, 'ROM-loader (SB) error 10100', 'BLHOST_UNKNOWN_STATUS'],
  ])('%i → %s, %s', (status, name, code) => {
    expect(statusInfo(status)).toMatchObject({ name, code });
    const e = statusError(status, 'write-memory');
    expect(e).toMatchObject({ code, message: `write-memory failed: ${name} (${status})` });
    expect(e.hint).toBeTruthy();
  });
});

describe('properties', () => {
  it('decodes ExternalMemoryAttributes by its flag word', () => {
    expect(decodeExternalMemoryAttributes([0x1f, 0x6000_0000, 8192, 256, 4096, 65536])).toEqual({
      startAddress: 0x6000_0000, sizeBytes: 8 << 20, pageBytes: 256, sectorBytes: 4096, blockBytes: 65536,
    });
  });
});

describe('parsers never throw anything but ImxflashError', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 5 }), (chunks) => {
        const parser = new UartPacketParser();
        const expectCoded = (fn: () => unknown) => {
          try {
            fn();
          } catch (e) {
            expect(e).toBeInstanceOf(ImxflashError);
          }
        };
        for (const c of chunks) {
          parser.push(c);
          for (let i = 0; i < 50; i++) {
            let more = true;
            expectCoded(() => (more = parser.take() !== undefined));
            if (!more) break;
          }
          expectCoded(() => decodeResponse(c));
          expectCoded(() => decodePacket(c));
          expectCoded(() => decodeHidReport(c));
          expectCoded(() => decodePingResponse(c));
        }
      }),
    );
  });
});
