import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeConnect } from './commands/connect.js';
import { decodeDapInfo, infoCapabilities, infoPacketCount, infoPacketSize, infoString } from './commands/dap-info.js';
import { decodeDisconnect } from './commands/disconnect.js';
import { decodeHostStatus } from './commands/host-status.js';
import { decodeResetTarget } from './commands/reset-target.js';
import { decodeSwdConfigure } from './commands/swd-configure.js';
import { decodeSwjClock } from './commands/swj-clock.js';
import { decodeSwjPins } from './commands/swj-pins.js';
import { decodeSwjSequence } from './commands/swj-sequence.js';
import { decodeTransferBlock } from './commands/transfer-block.js';
import { decodeTransferConfigure } from './commands/transfer-configure.js';
import { decodeTransfer, type TransferRequest } from './commands/transfer.js';
import { decodeWriteAbort } from './commands/write-abort.js';
import { DAP_CMD } from './dap-command-id.js';
import { transferOutcome } from './transfer-ack.js';
import { expectOnlyImxflashErrors, fuzzRuns } from '@imxflash/core/testing';

/*
 * Every DAP response decoder under ≥ 10,000 arbitrary responses per run (issue 8): a probe with
 * odd firmware, a corrupted or short HID report, a response out of step with its command. Only
 * an ImxflashError with a hint may escape. IMXFLASH_FUZZ_RUNS overrides the count (as
 * packages/core/src/fuzz/fuzz-runs.ts).
 */
const RUNS = fuzzRuns();


/** A response that usually starts with the id it answers (or 0xFF, or another id), then arbitrary bytes. */
const response = (id: number, maxLength = 70) =>
  fc.tuple(fc.constantFrom(id, id, id, 0xff, 0x00, 0x05), fc.uint8Array({ maxLength })).map(([first, rest]) => Uint8Array.from([first, ...rest]));

const request: fc.Arbitrary<TransferRequest> = fc.oneof(
  fc.record({ port: fc.constantFrom('dp' as const, 'ap' as const), register: fc.constantFrom(0, 4, 8, 12), read: fc.constant(true as const) }),
  fc.record({ port: fc.constantFrom('dp' as const, 'ap' as const), register: fc.constantFrom(0, 4, 8, 12), read: fc.constant(true as const), matchValue: fc.nat() }),
  fc.record({ port: fc.constantFrom('dp' as const, 'ap' as const), register: fc.constantFrom(0, 4, 8, 12), read: fc.constant(false as const), value: fc.nat() }),
  fc.record({ matchMask: fc.nat() }),
);

describe('fuzz: DAP responses', () => {
  it('DAP_Info and its typed readers', () => {
    fc.assert(
      fc.property(response(DAP_CMD.INFO), (r) =>
        expectOnlyImxflashErrors(() => {
          const info = decodeDapInfo(r);
          infoString(info);
          for (const read of [infoPacketSize, infoPacketCount, infoCapabilities]) expectOnlyImxflashErrors(() => read(info));
        }),
      ),
      RUNS,
    );
  });

  it('DAP_Transfer against arbitrary request lists', () => {
    fc.assert(
      fc.property(response(DAP_CMD.TRANSFER), fc.array(request, { maxLength: 12 }), (r, requests) =>
        expectOnlyImxflashErrors(() => {
          const result = decodeTransfer(r, requests);
          expect(result.count).toBeLessThanOrEqual(requests.length);
        }),
      ),
      RUNS,
    );
  });

  it('DAP_TransferBlock, read and write', () => {
    fc.assert(
      fc.property(response(DAP_CMD.TRANSFER_BLOCK, 120), fc.constantFrom('read' as const, 'write' as const), (r, direction) =>
        expectOnlyImxflashErrors(() => {
          const result = decodeTransferBlock(r, direction);
          if (direction === 'read') expect(result.words.length).toBe(result.count);
        }),
      ),
      RUNS,
    );
  });

  it('status-only and small responses (connect, clock, configure, sequence, pins, abort, reset, host status, disconnect)', () => {
    const decoders: readonly [number, (r: Uint8Array) => unknown][] = [
      [DAP_CMD.CONNECT, (r) => decodeConnect(r)],
      [DAP_CMD.DISCONNECT, decodeDisconnect],
      [DAP_CMD.HOST_STATUS, decodeHostStatus],
      [DAP_CMD.SWJ_CLOCK, decodeSwjClock],
      [DAP_CMD.SWJ_SEQUENCE, decodeSwjSequence],
      [DAP_CMD.SWJ_PINS, decodeSwjPins],
      [DAP_CMD.SWD_CONFIGURE, decodeSwdConfigure],
      [DAP_CMD.TRANSFER_CONFIGURE, decodeTransferConfigure],
      [DAP_CMD.WRITE_ABORT, decodeWriteAbort],
      [DAP_CMD.RESET_TARGET, decodeResetTarget],
    ];
    const cases = fc.nat({ max: decoders.length - 1 }).chain((i) => response(decoders[i]![0], 8).map((r) => [i, r] as const));
    fc.assert(fc.property(cases, ([i, r]) => expectOnlyImxflashErrors(() => decoders[i]![1](r))), RUNS);
  });

  it('transfer response bytes classify into one outcome', () => {
    fc.assert(fc.property(fc.nat({ max: 0xff }), (b) => {
      expect(['ok', 'wait', 'fault', 'no-ack', 'protocol-error', 'mismatch']).toContain(transferOutcome(b));
    }), RUNS);
  });
});
