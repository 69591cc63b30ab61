import { ImxflashError } from '@imxflash/core';

/**
 * MCU-bootloader USB-HID framing (research/spsdk.md §2.2): report id, a 0x00 pad byte, payload
 * length u16 LE, payload. No CRC on USB. A data report of length 0 means the data phase was aborted.
 */
export const BLHOST_REPORT = { COMMAND_OUT: 1, DATA_OUT: 2, COMMAND_IN: 3, DATA_IN: 4 } as const;
export const HID_HEADER_BYTES = 4;

export function encodeHidReport(id: number, payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffff) {
    throw new ImxflashError('BLHOST_BAD_REQUEST', `a blhost HID report carries at most 65535 bytes, not ${payload.length}`, {
      hint: 'Split the data into packets of the device\'s MaxPacketSize.',
    });
  }
  const out = new Uint8Array(HID_HEADER_BYTES + payload.length);
  out[0] = id;
  out[2] = payload.length & 0xff;
  out[3] = payload.length >>> 8;
  out.set(payload, HID_HEADER_BYTES);
  return out;
}

/** Id and payload of a report (trailing padding beyond the length is ignored); BLHOST_FRAME_INVALID when short. */
export function decodeHidReport(report: Uint8Array): { id: number; payload: Uint8Array } {
  if (report.length < HID_HEADER_BYTES) throw invalid(`a ${report.length}-byte report has no header`, report);
  const length = report[2]! | (report[3]! << 8);
  if (report.length < HID_HEADER_BYTES + length) throw invalid(`report says ${length} bytes, carries ${report.length - HID_HEADER_BYTES}`, report);
  return { id: report[0]!, payload: report.subarray(HID_HEADER_BYTES, HID_HEADER_BYTES + length) };
}

function invalid(why: string, report: Uint8Array): ImxflashError {
  return new ImxflashError('BLHOST_FRAME_INVALID', `blhost HID: ${why}`, {
    hint: 'The report was damaged on the link; retry, and check the cable.',
    details: { id: report[0], length: report.length },
  });
}
