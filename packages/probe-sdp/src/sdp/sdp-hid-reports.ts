import { ImxflashError } from '@imxflash/core';
import { SDP_COMMAND_BYTES } from './sdp-command.js';

/**
 * SDP over USB HID (research/spsdk.md §1.4): report 1 carries the 16-byte command, report 2 data
 * (≤ 1024 bytes), report 3 the 4-byte HAB word, report 4 a status word or read data (≤ 64 bytes).
 */
export const SDP_REPORT = { COMMAND: 1, DATA: 2, HAB: 3, STATUS: 4 } as const;
/** Payload bytes per report, without the id byte. */
export const SDP_REPORT_BYTES = { [SDP_REPORT.COMMAND]: SDP_COMMAND_BYTES, [SDP_REPORT.DATA]: 1024, [SDP_REPORT.HAB]: 4, [SDP_REPORT.STATUS]: 64 } as const;

/** Report 1 = id + 16 command bytes (as IUL sends it; SPSDK's 1025-byte padding is not needed). */
export function commandReport(command: Uint8Array): Uint8Array {
  const report = new Uint8Array(1 + SDP_COMMAND_BYTES);
  report[0] = SDP_REPORT.COMMAND;
  report.set(command.subarray(0, SDP_COMMAND_BYTES), 1);
  return report;
}

/** Report 2 chunks of `data`, each id + ≤ 1024 bytes, in order. */
export function dataReports(data: Uint8Array, maxPayload: number = SDP_REPORT_BYTES[SDP_REPORT.DATA]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += maxPayload) {
    const chunk = data.subarray(at, Math.min(data.length, at + maxPayload));
    const report = new Uint8Array(1 + chunk.length);
    report[0] = SDP_REPORT.DATA;
    report.set(chunk, 1);
    out.push(report);
  }
  return out;
}

/** An input report: its id (3 or 4) and payload; SDP_BAD_RESPONSE for anything else. */
export function parseInputReport(report: Uint8Array): { id: 3 | 4; payload: Uint8Array } {
  const id = report[0];
  if ((id !== SDP_REPORT.HAB && id !== SDP_REPORT.STATUS) || report.length < 5) {
    throw new ImxflashError('SDP_BAD_RESPONSE', `unexpected SDP input report (id ${id ?? 'none'}, ${report.length} bytes)`, {
      hint: 'The ROM answers with report 3 (HAB) or 4 (status/data) of at least 4 bytes; power-cycle the board and retry.',
      details: { id, length: report.length },
    });
  }
  return { id, payload: report.subarray(1) };
}
