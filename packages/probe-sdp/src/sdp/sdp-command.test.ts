import fc from 'fast-check';
import { ImxflashError } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { bytesOf, hexOf } from '../testing/hex.js';
import {
  dcdWrite, decodeSdpCommand, encodeSdpCommand, errorStatus, jumpAddress, readRegister, SDP_COMMAND, skipDcdHeader, writeFile, writeRegister,
} from './sdp-command.js';
import { commandReport, dataReports, parseInputReport } from './sdp-hid-reports.js';
import { decodeHabStatus, expectCompletion, SDP_COMPLETE, sdpStatusName } from './sdp-response.js';

// Golden packets: research/spsdk.md §4.3 (built from the layout of §1.1).
describe('SDP command packets (research/spsdk.md §4.3)', () => {
  it.each([
    ['READ_REGISTER 0x20000000, 32-bit, 4 bytes', readRegister(0x2000_0000, 32, 4), '01 01 20 00 00 00 20 00 00 00 04 00 00 00 00 00'],
    ['WRITE_REGISTER 0x20000000 = 0x12345678', writeRegister(0x2000_0000, 32, 0x1234_5678), '02 02 20 00 00 00 20 00 00 00 04 12 34 56 78 00'],
    ['WRITE_FILE 0x20000000, 0x15FB7 bytes', writeFile(0x2000_0000, 0x15fb7), '04 04 20 00 00 00 00 00 01 5f b7 00 00 00 00 00'],
    ['ERROR_STATUS', errorStatus(), '05 05 00 00 00 00 00 00 00 00 00 00 00 00 00 00'],
    ['DCD_WRITE 0x20001000, 0x45C bytes', dcdWrite(0x2000_1000, 0x45c), '0a 0a 20 00 10 00 00 00 00 04 5c 00 00 00 00 00'],
    ['JUMP_ADDRESS 0x20000400', jumpAddress(0x2000_0400), '0b 0b 20 00 04 00 00 00 00 00 00 00 00 00 00 00'],
    ['SKIP_DCD_HEADER', skipDcdHeader(), '0c 0c 00 00 00 00 00 00 00 00 00 00 00 00 00 00'],
  ])('%s', (_name, command, golden) => {
    expect(hexOf(encodeSdpCommand(command))).toBe(golden);
    expect(decodeSdpCommand(bytesOf(golden))).toEqual(command);
  });

  it('parses the third-party RT1064 UART capture (format 0x20 on WRITE_FILE)', () => {
    expect(decodeSdpCommand(bytesOf('04 04 20 28 00 00 20 00 00 00 08 00 00 00 00 00'))).toEqual({
      type: SDP_COMMAND.WRITE_FILE, address: 0x2028_0000, format: 0x20, count: 8, data: 0,
    });
  });

  it('sends report 1 as id + 16 bytes, report 2 in 1024-byte chunks', () => {
    expect(hexOf(commandReport(encodeSdpCommand(jumpAddress(0x2000_0400))))).toBe('01 0b 0b 20 00 04 00 00 00 00 00 00 00 00 00 00 00');
    const reports = dataReports(new Uint8Array(2500).fill(7));
    expect(reports.map((r) => [r[0], r.length])).toEqual([[2, 1025], [2, 1025], [2, 453]]);
  });

  it('rejects bad requests with SDP_BAD_REQUEST', () => {
    expect(() => readRegister(0x2000_0001, 32, 4)).toThrow(expect.objectContaining({ code: 'SDP_BAD_REQUEST' }));
    expect(() => writeRegister(0x2000_0000, 8, 0x100)).toThrow(expect.objectContaining({ code: 'SDP_BAD_REQUEST' }));
    expect(() => encodeSdpCommand(writeFile(-1, 4))).toThrow(expect.objectContaining({ code: 'SDP_BAD_REQUEST' }));
  });

  it('round-trips every valid command', () => {
    const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(SDP_COMMAND)), u32, fc.integer({ min: 0, max: 255 }), u32, u32, (type, address, format, count, data) => {
        const c = { type, address, format, count, data };
        expect(decodeSdpCommand(encodeSdpCommand(c))).toEqual(c);
      }),
    );
  });
});

describe('SDP responses (research/spsdk.md §1.3)', () => {
  it('reads HAB open / closed and rejects anything else', () => {
    expect(decodeHabStatus(0x5678_7856)).toBe('open');
    expect(decodeHabStatus(0x1234_3412)).toBe('closed');
    expect(() => decodeHabStatus(0x1234_5678)).toThrow(expect.objectContaining({ code: 'SDP_BAD_RESPONSE' }));
  });

  it('names completion words and fails on a mismatch', () => {
    expect(sdpStatusName(0x8888_8888)).toContain('file complete');
    expect(() => expectCompletion(SDP_COMPLETE.WRITE_FILE, SDP_COMPLETE.WRITE_FILE, 'WRITE_FILE')).not.toThrow();
    expect(() => expectCompletion(0x8923_2389, SDP_COMPLETE.WRITE_FILE, 'WRITE_FILE')).toThrow(
      expect.objectContaining({ code: 'SDP_COMMAND_FAILED', message: expect.stringContaining('0x89232389') }),
    );
  });

  it('parsers throw only ImxflashError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        for (const parse of [decodeSdpCommand, parseInputReport]) {
          try {
            parse(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(ImxflashError);
          }
        }
      }),
    );
  });
});
