import { ImxflashError } from '@imxflash/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHidReport, encodeHidReport } from './blhost/hid-framing.js';
import { decodePacket, decodeResponse } from './blhost/commands.js';
import { decodeExternalMemoryAttributes } from './blhost/properties.js';
import { checkStatus } from './blhost/status-codes.js';
import { decodePingResponse, encodeFrame, FRAME_START, FRAME_TYPE, UartPacketParser } from './blhost/uart-framing.js';
import { decodeSdpCommand } from './sdp/sdp-command.js';
import { parseInputReport } from './sdp/sdp-hid-reports.js';
import { decodeHabStatus, expectCompletion, readWordBe, SDP_COMPLETE } from './sdp/sdp-response.js';
import { expectOnlyImxflashErrors, fuzzRuns } from '@imxflash/core/testing';

/*
 * The SDP and blhost parsers under ≥ 10,000 arbitrary inputs each per run (issue 8): what a
 * damaged link or a foreign device can hand them. Only an ImxflashError with a hint may escape;
 * a TypeError or RangeError from a missed bounds check fails the property. IMXFLASH_FUZZ_RUNS
 * overrides the count (see fuzzRuns in @imxflash/core/testing).
 */
const RUNS = fuzzRuns();


/** Arbitrary bytes, often starting with one of `heads` so cases get past the first check. */
const biased = (heads: readonly number[], maxLength = 80) =>
  fc.tuple(fc.option(fc.constantFrom(...heads), { nil: undefined }), fc.uint8Array({ maxLength })).map(([h, b]) => (h === undefined ? b : Uint8Array.from([h, ...b])));

describe('fuzz: SDP (ROM serial downloader) responses', () => {
  it('HID input reports (id 3 HAB word, id 4 status/data)', () => {
    fc.assert(
      fc.property(biased([3, 4]), (report) =>
        expectOnlyImxflashErrors(() => {
          const { payload } = parseInputReport(report);
          const word = readWordBe(payload, 0, 'fuzz');
          decodeHabStatus(word);
          expectCompletion(word, SDP_COMPLETE.WRITE_FILE, 'WRITE_FILE');
        }),
      ),
      RUNS,
    );
  });

  it('UART answers: HAB word and status word from arbitrary bytes at any offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.nat({ max: 12 }), (bytes, offset) =>
        expectOnlyImxflashErrors(() => {
          const word = readWordBe(bytes, offset, 'fuzz');
          decodeHabStatus(word);
        }),
      ),
      RUNS,
    );
  });

  it('16-byte command packets (the sim and golden tests decode them)', () => {
    fc.assert(fc.property(biased([0x01, 0x02, 0x04, 0x05, 0x0a, 0x0b], 20), (b) => expectOnlyImxflashErrors(() => decodeSdpCommand(b))), RUNS);
  });
});

describe('fuzz: blhost frames and responses', () => {
  it('HID reports (id, padding, length) → response packets', () => {
    fc.assert(
      fc.property(biased([0x03, 0x04], 70), (report) =>
        expectOnlyImxflashErrors(() => {
          const { payload } = decodeHidReport(report);
          const response = decodeResponse(payload);
          checkStatus(response.status, 'fuzz');
          if (response.kind === 'get-property') decodeExternalMemoryAttributes(response.values);
        }),
      ),
      RUNS,
    );
  });

  it('response packets with plausible tags and parameter counts', () => {
    const packet = fc.tuple(fc.constantFrom(0xa0, 0xa3, 0xa7, 0x00, 0xff), fc.nat({ max: 0xff }), fc.nat({ max: 0xff }), fc.nat({ max: 9 }), fc.uint8Array({ maxLength: 40 }))
      .map(([tag, flags, reserved, count, rest]) => Uint8Array.from([tag, flags, reserved, count, ...rest]));
    fc.assert(fc.property(packet, (b) => expectOnlyImxflashErrors(() => decodePacket(b) && decodeResponse(b))), RUNS);
  });

  it('well-framed HID reports round-trip their payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.uint8Array({ maxLength: 8 }), (payload, padding) => {
        const report = encodeHidReport(0x04, payload);
        const decoded = decodeHidReport(Uint8Array.from([...report, ...padding]));
        expect(decoded.payload).toEqual(payload);
      }),
      { numRuns: Math.min(RUNS.numRuns, 2000) },
    );
  });

  it('UART byte stream: arbitrary chunks through the incremental parser, noise around real frames', () => {
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.uint8Array({ maxLength: 30 }).map((p) => encodeFrame(FRAME_TYPE.DATA, p)),
      fc.constantFrom(Uint8Array.of(FRAME_START, FRAME_TYPE.ACK), Uint8Array.of(FRAME_START, FRAME_TYPE.NAK), Uint8Array.of(FRAME_START, FRAME_TYPE.PING_RESPONSE, 0, 1, 2)),
      fc.uint8Array({ maxLength: 12 }).map((b) => Uint8Array.from([FRAME_START, ...b])),
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 8 }), (chunks) => {
        const parser = new UartPacketParser();
        for (const c of chunks) {
          parser.push(c);
          // Each take consumes at least one byte or returns undefined, so this loop ends.
          for (let guard = 0; guard < 1000; guard++) {
            let packet: unknown;
            try {
              packet = parser.take();
            } catch (e) {
              if (!(e instanceof ImxflashError)) throw e;
              expect(e.hint ?? '').not.toBe('');
              continue;
            }
            if (packet === undefined) break;
          }
        }
      }),
      RUNS,
    );
  });

  it('ping responses', () => {
    fc.assert(fc.property(biased([FRAME_START], 12).map((b) => (b.length > 1 ? Uint8Array.from([b[0]!, FRAME_TYPE.PING_RESPONSE, ...b.subarray(2)]) : b)), (b) =>
      expectOnlyImxflashErrors(() => decodePingResponse(b))), RUNS);
  });
});
