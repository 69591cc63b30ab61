import { ImxflashError, type SerialLink } from '@imxflash/core';
import { ManualClock } from '@imxflash/core/testing';
import { describe, expect, it } from 'vitest';
import { encodePacket, getProperty } from '../blhost/commands.js';
import { encodeFrame, FRAME_TYPE } from '../blhost/uart-framing.js';
import { hexOf } from '../testing/hex.js';
import { BlhostUartTransport } from './blhost-uart-transport.js';
import { SerialReader } from './serial-reader.js';

/** A serial port whose far end answers each write with `answer(bytes)`; records what was written. */
function fakeLink(clock: ManualClock, answer: (written: Uint8Array) => Uint8Array[]): SerialLink & { written: Uint8Array[] } {
  const inbox: Uint8Array[] = [];
  const written: Uint8Array[] = [];
  return {
    written,
    async write(bytes) {
      written.push(bytes.slice());
      inbox.push(...answer(bytes));
    },
    async read(maxBytes, timeoutMs) {
      const next = inbox.shift();
      if (next !== undefined) {
        if (next.length > maxBytes) inbox.unshift(next.subarray(maxBytes));
        return next.subarray(0, maxBytes);
      }
      await clock.sleep(timeoutMs);
      throw new ImxflashError('TRANSPORT_TIMEOUT', 'silence', {});
    },
    async setBaudRate() {},
    async close() {},
    async [Symbol.asyncDispose]() {},
  };
}

const NAK = Uint8Array.of(0x5a, 0xa2);
const ACK = Uint8Array.of(0x5a, 0xa1);

describe('BlhostUartTransport', () => {
  it('resends a NAKed command, then gives up with BLHOST_NAK after 4 attempts', async () => {
    const clock = new ManualClock();
    let naks = 1;
    const link = fakeLink(clock, () => [naks-- > 0 ? NAK : ACK]);
    const t = new BlhostUartTransport(new SerialReader(link, clock, 'fake'));
    const packet = encodePacket(getProperty(1));
    await t.sendCommand(packet, 100);
    expect(link.written.map(hexOf)).toEqual([hexOf(encodeFrame(FRAME_TYPE.COMMAND, packet)), hexOf(encodeFrame(FRAME_TYPE.COMMAND, packet))]);
    const always = fakeLink(clock, () => [NAK]);
    await expect(new BlhostUartTransport(new SerialReader(always, clock, 'fake')).sendCommand(packet, 100)).rejects.toMatchObject({ code: 'BLHOST_NAK' });
    expect(always.written).toHaveLength(4);
  });

  it('NAKs a damaged response and ACKs the resent one; garbage before the start byte is skipped', async () => {
    const clock = new ManualClock();
    const response = encodeFrame(FRAME_TYPE.COMMAND, Uint8Array.of(0xa0, 0, 0, 2, 0, 0, 0, 0, 7, 0, 0, 0));
    const damaged = response.slice();
    damaged[8] = damaged[8]! ^ 0x01;
    let sent = false;
    const link = fakeLink(clock, (w) => {
      if (hexOf(w) === '5a a2') return [response]; // resend after our NAK
      if (sent) return [];
      sent = true;
      return [ACK, Uint8Array.of(0x00, 0x00), damaged];
    });
    const t = new BlhostUartTransport(new SerialReader(link, clock, 'fake'));
    await t.sendCommand(encodePacket(getProperty(1)), 100);
    expect(hexOf(await t.readResponse(100))).toBe('a0 00 00 02 00 00 00 00 07 00 00 00');
    expect(link.written.slice(1).map(hexOf)).toEqual(['5a a2', '5a a1']);
  });
});
