import fc from 'fast-check';
import { isImxflashError } from '@imxflash/core';
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

const request = fc.oneof(
  fc.record({ port: fc.constantFrom('dp' as const, 'ap' as const), register: fc.constantFrom(0, 4, 8, 12), read: fc.constant(true as const) }),
  fc.record({ port: fc.constantFrom('dp' as const, 'ap' as const), register: fc.constantFrom(0, 4, 8, 12), read: fc.constant(false as const), value: fc.integer({ min: 0, max: 0xffffffff }) }),
  fc.record({ port: fc.constantFrom('dp' as const, 'ap' as const), register: fc.constantFrom(0, 4, 8, 12), read: fc.constant(true as const), matchValue: fc.integer({ min: 0, max: 0xffffffff }) }),
) as fc.Arbitrary<TransferRequest>;

/** Bytes that often start with a plausible command id, so parsers get past the first check. */
const responseBytes = fc.tuple(fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x0a, 0x10, 0x11, 0x12, 0x13, 0xff), fc.uint8Array({ maxLength: 80 }))
  .map(([id, rest]) => Uint8Array.of(id, ...rest));

function onlyCoded(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(isImxflashError(e), String(e)).toBe(true);
  }
}

describe('response parsers', () => {
  it('throw nothing but ImxflashError on arbitrary bytes', () => {
    fc.assert(
      fc.property(responseBytes, fc.array(request, { minLength: 1, maxLength: 20 }), (bytes, requests) => {
        onlyCoded(() => decodeTransfer(bytes, requests));
        onlyCoded(() => decodeTransferBlock(bytes, 'read'));
        onlyCoded(() => decodeTransferBlock(bytes, 'write'));
        onlyCoded(() => {
          const info = decodeDapInfo(bytes);
          infoString(info);
          infoPacketSize(info);
          infoPacketCount(info);
          infoCapabilities(info);
        });
        for (const decode of [decodeConnect, decodeDisconnect, decodeHostStatus, decodeResetTarget, decodeSwdConfigure, decodeSwjClock, decodeSwjPins, decodeSwjSequence, decodeTransferConfigure, decodeWriteAbort]) {
          onlyCoded(() => decode(bytes));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
