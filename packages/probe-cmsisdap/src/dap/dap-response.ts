import { ImxflashError } from '@imxflash/core';
import { DAP_CMD, DAP_OK, dapCommandName } from './dap-command-id.js';

/**
 * Checks that `response` answers command `id` and holds at least `minLength` bytes (id
 * included). HID responses are full reports: bytes past the answer are padding and ignored.
 * Throws DAP_COMMAND_UNSUPPORTED for the 0xFF answer, DAP_BAD_RESPONSE otherwise.
 */
export function expectResponse(response: Uint8Array, id: number, minLength: number): void {
  const first = response[0];
  if (first === DAP_CMD.INVALID && id !== DAP_CMD.INVALID) {
    throw new ImxflashError('DAP_COMMAND_UNSUPPORTED', `the probe does not implement ${dapCommandName(id)}`, {
      hint: 'Update the probe firmware to a current CMSIS-DAP version, or use another probe.',
      details: { command: id },
    });
  }
  if (first !== id) {
    throw new ImxflashError('DAP_BAD_RESPONSE', `expected a response to ${dapCommandName(id)}, got ${first === undefined ? 'nothing' : dapCommandName(first)}`, {
      hint: 'Responses are out of step with commands: unplug and replug the probe, then retry.',
      details: { command: id, received: first },
    });
  }
  if (response.length < minLength) {
    throw new ImxflashError('DAP_BAD_RESPONSE', `${dapCommandName(id)} response is ${response.length} bytes, expected at least ${minLength}`, {
      hint: 'The probe sent a truncated response: replug it and retry.',
      details: { command: id, length: response.length },
    });
  }
}

/** Checks a `[id, status]` response; DAP_COMMAND_FAILED when status is not DAP_OK. */
export function expectStatusOk(response: Uint8Array, id: number): void {
  expectResponse(response, id, 2);
  if (response[1] !== DAP_OK) {
    throw new ImxflashError('DAP_COMMAND_FAILED', `${dapCommandName(id)} failed (status 0x${response[1]!.toString(16)})`, {
      hint: 'The probe refused the command: check the probe firmware and the target connection.',
      details: { command: id, status: response[1] },
    });
  }
}

export function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8)) >>> 0;
}

export function u32le(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

export function putU16(out: Uint8Array, at: number, value: number): void {
  out[at] = value & 0xff;
  out[at + 1] = (value >>> 8) & 0xff;
}

export function putU32(out: Uint8Array, at: number, value: number): void {
  out[at] = value & 0xff;
  out[at + 1] = (value >>> 8) & 0xff;
  out[at + 2] = (value >>> 16) & 0xff;
  out[at + 3] = (value >>> 24) & 0xff;
}

/** A coded error for a request the caller built wrongly (a driver bug, not a device problem). */
export function badRequest(message: string, details: Record<string, unknown> = {}): ImxflashError {
  return new ImxflashError('DAP_BAD_REQUEST', message, { hint: 'This is a bug in imxflash; please report it with the command line.', details });
}
