import { describe, expect, it } from 'vitest';
import { decodeConnect, encodeConnect } from './connect.js';
import { DAP_INFO, decodeDapInfo, encodeDapInfo, infoCapabilities, infoPacketCount, infoPacketSize, infoString } from './dap-info.js';
import { decodeDisconnect, encodeDisconnect } from './disconnect.js';
import { decodeHostStatus, encodeHostStatus } from './host-status.js';
import { decodeResetTarget, encodeResetTarget } from './reset-target.js';
import { decodeSwdConfigure, encodeSwdConfigure } from './swd-configure.js';
import { decodeSwjClock, encodeSwjClock } from './swj-clock.js';
import { decodeSwjPins, encodeSwjPins, SWJ_PIN } from './swj-pins.js';
import { decodeSwjSequence, encodeSwjSequence, JTAG_TO_SWD, LINE_RESET } from './swj-sequence.js';
import { blockWordsPerPacket, decodeTransferBlock, encodeTransferBlockRead, encodeTransferBlockWrite } from './transfer-block.js';
import { decodeTransferConfigure, encodeTransferConfigure } from './transfer-configure.js';
import { decodeTransfer, encodeTransfer, transferRequestBytes, transferResponseBytes, type TransferRequest } from './transfer.js';
import { ABORT_CLEAR_STICKY, decodeWriteAbort, encodeWriteAbort } from './write-abort.js';

const b = (...bytes: number[]) => Uint8Array.from(bytes);
/** A HID response: the answer padded with zeros to a 64-byte report. */
const padded = (...bytes: number[]) => { const r = new Uint8Array(64); r.set(bytes); return r; };

describe('DAP_Info (0x00)', () => {
  it('encodes [0x00, id] and decodes strings, packet size and count (research §1.3)', () => {
    expect(encodeDapInfo(DAP_INFO.PACKET_SIZE)).toEqual(b(0x00, 0xff));
    expect(infoPacketSize(decodeDapInfo(padded(0x00, 0x02, 0x00, 0x02)))).toBe(512);
    expect(infoPacketCount(decodeDapInfo(b(0x00, 0x01, 0x08)))).toBe(8);
    expect(infoString(decodeDapInfo(b(0x00, 0x06, 0x32, 0x2e, 0x31, 0x2e, 0x30, 0x00)))).toBe('2.1.0');
    expect(infoString(decodeDapInfo(b(0x00, 0x00)))).toBeUndefined();
    expect(infoCapabilities(decodeDapInfo(b(0x00, 0x02, 0x13, 0x01)))).toBe(0x113);
  });
  it('rejects a truncated info and a 0xFF answer with codes', () => {
    expect(() => decodeDapInfo(b(0x00, 0x04, 0x01))).toThrow(expect.objectContaining({ code: 'DAP_BAD_RESPONSE' }));
    expect(() => decodeDapInfo(b(0xff))).toThrow(expect.objectContaining({ code: 'DAP_COMMAND_UNSUPPORTED' }));
    expect(() => infoPacketSize(decodeDapInfo(b(0x00, 0x01, 0x40)))).toThrow(expect.objectContaining({ code: 'DAP_BAD_RESPONSE' }));
  });
});

describe('simple commands', () => {
  it('DAP_HostStatus (0x01): [0x01, type, status]', () => {
    expect(encodeHostStatus('connect', true)).toEqual(b(0x01, 0x00, 0x01));
    expect(encodeHostStatus('running', false)).toEqual(b(0x01, 0x01, 0x00));
    expect(() => decodeHostStatus(b(0x01, 0x00))).not.toThrow();
  });
  it('DAP_Connect (0x02): port 1 = SWD; port 0 is a failed init', () => {
    expect(encodeConnect()).toEqual(b(0x02, 0x01));
    expect(decodeConnect(b(0x02, 0x01))).toBe(1);
    expect(() => decodeConnect(b(0x02, 0x00))).toThrow(expect.objectContaining({ code: 'DAP_CONNECT_FAILED' }));
    expect(() => decodeConnect(b(0x02, 0x02))).toThrow(expect.objectContaining({ code: 'DAP_CONNECT_FAILED' }));
  });
  it('DAP_Disconnect (0x03) and DAP_ERROR status', () => {
    expect(encodeDisconnect()).toEqual(b(0x03));
    expect(() => decodeDisconnect(b(0x03, 0x00))).not.toThrow();
    expect(() => decodeDisconnect(b(0x03, 0xff))).toThrow(expect.objectContaining({ code: 'DAP_COMMAND_FAILED' }));
  });
  it('DAP_TransferConfigure (0x04): idle BYTE, WAIT retry SHORT, match retry SHORT (pyOCD 2/150/0)', () => {
    expect(encodeTransferConfigure({ idleCycles: 2, waitRetry: 150, matchRetry: 0 })).toEqual(b(0x04, 0x02, 0x96, 0x00, 0x00, 0x00));
    expect(encodeTransferConfigure({ idleCycles: 0, waitRetry: 0xffff, matchRetry: 0x1234 })).toEqual(b(0x04, 0x00, 0xff, 0xff, 0x34, 0x12));
    expect(() => encodeTransferConfigure({ idleCycles: 256, waitRetry: 0, matchRetry: 0 })).toThrow(expect.objectContaining({ code: 'DAP_BAD_REQUEST' }));
    expect(() => decodeTransferConfigure(b(0x04, 0x00))).not.toThrow();
  });
  it('DAP_WriteABORT (0x08): BYTE index + full WORD', () => {
    expect(encodeWriteAbort(ABORT_CLEAR_STICKY)).toEqual(b(0x08, 0x00, 0x1e, 0x00, 0x00, 0x00));
    expect(() => decodeWriteAbort(b(0x08, 0x00))).not.toThrow();
  });
  it('DAP_ResetTarget (0x0A): status, execute', () => {
    expect(encodeResetTarget()).toEqual(b(0x0a));
    expect(decodeResetTarget(b(0x0a, 0x00, 0x01))).toEqual({ executed: true });
    expect(decodeResetTarget(b(0x0a, 0x00, 0x00))).toEqual({ executed: false });
  });
  it('DAP_SWJ_Pins (0x10): output, select, wait WORD → input', () => {
    expect(encodeSwjPins(0, SWJ_PIN.NRESET, 1000)).toEqual(b(0x10, 0x00, 0x80, 0xe8, 0x03, 0x00, 0x00));
    expect(decodeSwjPins(b(0x10, 0x83))).toBe(0x83);
    expect(() => encodeSwjPins(0, 0, 3_000_001)).toThrow(expect.objectContaining({ code: 'DAP_BAD_REQUEST' }));
  });
  it('DAP_SWJ_Clock (0x11): Hz WORD', () => {
    expect(encodeSwjClock(1_000_000)).toEqual(b(0x11, 0x40, 0x42, 0x0f, 0x00));
    expect(() => decodeSwjClock(b(0x11, 0x00))).not.toThrow();
  });
  it('DAP_SWJ_Sequence (0x12): line reset 51 ones, JTAG-to-SWD 0xE79E LSB first, 256 bits as count 0', () => {
    expect(encodeSwjSequence(LINE_RESET.bits, LINE_RESET.data)).toEqual(b(0x12, 51, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
    expect(encodeSwjSequence(JTAG_TO_SWD.bits, JTAG_TO_SWD.data)).toEqual(b(0x12, 16, 0x9e, 0xe7));
    expect(encodeSwjSequence(256, new Uint8Array(32))[1]).toBe(0);
    expect(() => encodeSwjSequence(9, b(0xff))).toThrow(expect.objectContaining({ code: 'DAP_BAD_REQUEST' }));
    expect(() => decodeSwjSequence(b(0x12, 0x00))).not.toThrow();
  });
  it('DAP_SWD_Configure (0x13): turnaround 1, no data phase = 0x00', () => {
    expect(encodeSwdConfigure()).toEqual(b(0x13, 0x00));
    expect(encodeSwdConfigure(2, true)).toEqual(b(0x13, 0x05));
    expect(() => decodeSwdConfigure(b(0x13, 0x00))).not.toThrow();
  });
  it('a response to another command is DAP_BAD_RESPONSE', () => {
    expect(() => decodeSwjClock(b(0x12, 0x00))).toThrow(expect.objectContaining({ code: 'DAP_BAD_RESPONSE' }));
    expect(() => decodeSwjClock(b())).toThrow(expect.objectContaining({ code: 'DAP_BAD_RESPONSE' }));
  });
});

describe('DAP_Transfer (0x05)', () => {
  const dpidr: TransferRequest = { port: 'dp', register: 0x0, read: true };
  const writeSelect: TransferRequest = { port: 'dp', register: 0x8, read: false, value: 0x0000_00f0 };
  const readDrw: TransferRequest = { port: 'ap', register: 0xc, read: true };
  it('encodes request bytes: APnDP b0, RnW b1, A[3:2], value match b4, match mask b5', () => {
    expect(encodeTransfer([dpidr])).toEqual(b(0x05, 0x00, 0x01, 0x02));
    expect(encodeTransfer([writeSelect, readDrw])).toEqual(b(0x05, 0x00, 0x02, 0x08, 0xf0, 0x00, 0x00, 0x00, 0x0f));
    expect(encodeTransfer([{ matchMask: 0x2000_0000 }, { port: 'dp', register: 0x4, read: true, matchValue: 0x2000_0000 }])).toEqual(
      b(0x05, 0x00, 0x02, 0x20, 0x00, 0x00, 0x00, 0x20, 0x16, 0x00, 0x00, 0x00, 0x20),
    );
  });
  it('sizes requests and responses like pyOCD (3 + 1 per read + 5 per write; 3 + 4 per read)', () => {
    expect(transferRequestBytes([dpidr, writeSelect, readDrw])).toBe(3 + 1 + 5 + 1);
    expect(transferResponseBytes([dpidr, writeSelect, readDrw])).toBe(3 + 8);
  });
  it('decodes OK with read data, and a FAULT after one transfer', () => {
    const ok = decodeTransfer(padded(0x05, 0x02, 0x01, 0xf0, 0x00, 0x00, 0x00 /* not read data: write */, 0, 0, 0), [writeSelect, dpidr]);
    expect(ok).toMatchObject({ count: 2, outcome: 'ok' });
    expect(decodeTransfer(b(0x05, 0x01, 0x01, 0x77, 0x14, 0xd1, 0x0b), [dpidr]).reads).toEqual([0x0bd11477]);
    const fault = decodeTransfer(b(0x05, 0x01, 0x04), [writeSelect, readDrw]);
    expect(fault).toMatchObject({ count: 1, outcome: 'fault', reads: [] });
  });
  it('classifies WAIT, NO_ACK, protocol error and mismatch by bits, not by byte equality', () => {
    expect(decodeTransfer(b(0x05, 0x00, 0x02), [dpidr]).outcome).toBe('wait');
    expect(decodeTransfer(b(0x05, 0x00, 0x07), [dpidr]).outcome).toBe('no-ack');
    expect(decodeTransfer(b(0x05, 0x00, 0x09), [dpidr]).outcome).toBe('protocol-error');
    expect(decodeTransfer(b(0x05, 0x00, 0x11), [{ port: 'dp', register: 4, read: true, matchValue: 1 }]).outcome).toBe('mismatch');
  });
  it('rejects counts and lengths that do not fit the request', () => {
    expect(() => decodeTransfer(b(0x05, 0x02, 0x01), [dpidr])).toThrow(expect.objectContaining({ code: 'DAP_BAD_RESPONSE' }));
    expect(() => decodeTransfer(b(0x05, 0x01, 0x01, 0x00), [dpidr])).toThrow(expect.objectContaining({ code: 'DAP_BAD_RESPONSE' }));
    expect(() => decodeTransfer(b(0x05, 0x00, 0x01), [dpidr])).toThrow(expect.objectContaining({ code: 'DAP_BAD_RESPONSE' }));
    expect(() => encodeTransfer([])).toThrow(expect.objectContaining({ code: 'DAP_BAD_REQUEST' }));
    expect(() => encodeTransfer([{ port: 'ap', register: 0x10, read: true }])).toThrow(expect.objectContaining({ code: 'DAP_BAD_REQUEST' }));
  });
});

describe('DAP_TransferBlock (0x06)', () => {
  it('encodes writes and reads to AP DRW (request 0x0D / 0x0F)', () => {
    expect(encodeTransferBlockWrite('ap', 0xc, [0x11223344, 0xaabbccdd])).toEqual(
      b(0x06, 0x00, 0x02, 0x00, 0x0d, 0x44, 0x33, 0x22, 0x11, 0xdd, 0xcc, 0xbb, 0xaa),
    );
    expect(encodeTransferBlockRead('ap', 0xc, 256)).toEqual(b(0x06, 0x00, 0x00, 0x01, 0x0f));
  });
  it('decodes read data and the count of a failed block', () => {
    expect(Array.from(decodeTransferBlock(b(0x06, 0x01, 0x00, 0x01, 0x78, 0x56, 0x34, 0x12), 'read').words)).toEqual([0x12345678]);
    expect(decodeTransferBlock(b(0x06, 0x05, 0x00, 0x04), 'write')).toMatchObject({ count: 5, outcome: 'fault' });
    expect(() => decodeTransferBlock(b(0x06, 0x02, 0x00, 0x01, 0, 0, 0, 0), 'read')).toThrow(expect.objectContaining({ code: 'DAP_BAD_RESPONSE' }));
  });
  it('words per packet follow pyOCD (64 → 14 / 15, 512 → 126 / 127, 1024 → 254 / 255)', () => {
    expect([64, 512, 1024].map((p) => [blockWordsPerPacket(p, 'write'), blockWordsPerPacket(p, 'read')])).toEqual([[14, 15], [126, 127], [254, 255]]);
  });
});
