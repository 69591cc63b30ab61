import { ImxflashError } from '@imxflash/core';

/**
 * MCU-bootloader command and response packets (research/spsdk.md §2.3): a 4-byte header (tag,
 * flags with bit 0 = a data phase follows, reserved 0, parameter count) and up to 7 u32 LE
 * parameters. Sent unpadded over UART and USB. Pure codec (STYLE R6).
 */
export const BLHOST_COMMAND = {
  FLASH_ERASE_ALL: 0x01,
  FLASH_ERASE_REGION: 0x02,
  READ_MEMORY: 0x03,
  WRITE_MEMORY: 0x04,
  FILL_MEMORY: 0x05,
  GET_PROPERTY: 0x07,
  EXECUTE: 0x09,
  RESET: 0x0b,
  SET_PROPERTY: 0x0c,
  CONFIGURE_MEMORY: 0x11,
} as const;

export const BLHOST_RESPONSE = {
  GENERIC: 0xa0,
  READ_MEMORY: 0xa3,
  GET_PROPERTY: 0xa7,
} as const;

export const FLAG_HAS_DATA_PHASE = 0x01;
export const MAX_PARAMETERS = 7;

/** Memory ids (research §2.7): 0 = mapped memory, 9 = FlexSPI NOR. */
export const MEMORY_ID = { INTERNAL: 0, FLEXSPI_NOR: 9 } as const;

export interface BlhostPacket {
  readonly tag: number;
  readonly flags: number;
  readonly parameters: readonly number[];
}

export function encodePacket(p: BlhostPacket): Uint8Array {
  if (p.parameters.length > MAX_PARAMETERS) throw badRequest(`${p.parameters.length} parameters (at most ${MAX_PARAMETERS})`);
  const out = new Uint8Array(4 + 4 * p.parameters.length);
  const v = new DataView(out.buffer);
  out[0] = p.tag;
  out[1] = p.flags;
  out[3] = p.parameters.length;
  p.parameters.forEach((n, i) => {
    if (!(Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff)) throw badRequest(`parameter ${i} = ${n} is not a 32-bit unsigned value`);
    v.setUint32(4 + 4 * i, n, true);
  });
  return out;
}

/** Parses a command or response packet; BLHOST_FRAME_INVALID when the length disagrees with the count. */
export function decodePacket(bytes: Uint8Array): BlhostPacket {
  if (bytes.length < 4) throw invalid(`a ${bytes.length}-byte packet has no header`, bytes);
  const count = bytes[3]!;
  if (count > MAX_PARAMETERS || bytes.length < 4 + 4 * count) throw invalid(`header says ${count} parameters, ${bytes.length - 4} bytes follow`, bytes);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parameters = Array.from({ length: count }, (_, i) => v.getUint32(4 + 4 * i, true));
  return { tag: bytes[0]!, flags: bytes[1]!, parameters };
}

const cmd = (tag: number, parameters: number[], flags = 0): BlhostPacket => ({ tag, flags, parameters });

export const getProperty = (tag: number, memoryId = 0): BlhostPacket => cmd(BLHOST_COMMAND.GET_PROPERTY, [tag, memoryId]);
export const setProperty = (tag: number, value: number): BlhostPacket => cmd(BLHOST_COMMAND.SET_PROPERTY, [tag, value]);
export const flashEraseAll = (memoryId: number): BlhostPacket => cmd(BLHOST_COMMAND.FLASH_ERASE_ALL, [memoryId]);
export const flashEraseRegion = (address: number, bytes: number, memoryId: number): BlhostPacket =>
  cmd(BLHOST_COMMAND.FLASH_ERASE_REGION, [address, bytes, memoryId]);
export const readMemory = (address: number, bytes: number, memoryId: number): BlhostPacket => cmd(BLHOST_COMMAND.READ_MEMORY, [address, bytes, memoryId]);
export const writeMemory = (address: number, bytes: number, memoryId: number): BlhostPacket =>
  cmd(BLHOST_COMMAND.WRITE_MEMORY, [address, bytes, memoryId], FLAG_HAS_DATA_PHASE);
export const fillMemory = (address: number, bytes: number, pattern: number): BlhostPacket => cmd(BLHOST_COMMAND.FILL_MEMORY, [address, bytes, pattern]);
export const configureMemory = (memoryId: number, configAddress: number): BlhostPacket => cmd(BLHOST_COMMAND.CONFIGURE_MEMORY, [memoryId, configAddress]);
export const execute = (jumpAddress: number, argument: number, stackPointer: number): BlhostPacket =>
  cmd(BLHOST_COMMAND.EXECUTE, [jumpAddress, argument, stackPointer]);
export const reset = (): BlhostPacket => cmd(BLHOST_COMMAND.RESET, []);

/** A response, checked against the command it answers. */
export type BlhostResponse =
  | { readonly kind: 'generic'; readonly status: number; readonly commandTag: number }
  | { readonly kind: 'read-memory'; readonly status: number; readonly byteCount: number }
  | { readonly kind: 'get-property'; readonly status: number; readonly values: readonly number[] };

export function decodeResponse(bytes: Uint8Array): BlhostResponse {
  const p = decodePacket(bytes);
  const [status, second] = p.parameters;
  switch (p.tag) {
    case BLHOST_RESPONSE.GENERIC:
      if (p.parameters.length < 2) throw invalid('GenericResponse needs status and command tag', bytes);
      return { kind: 'generic', status: status!, commandTag: second! };
    case BLHOST_RESPONSE.READ_MEMORY:
      if (p.parameters.length < 2) throw invalid('ReadMemoryResponse needs status and byte count', bytes);
      return { kind: 'read-memory', status: status!, byteCount: second! };
    case BLHOST_RESPONSE.GET_PROPERTY:
      if (p.parameters.length < 1) throw invalid('GetPropertyResponse needs a status', bytes);
      return { kind: 'get-property', status: status!, values: p.parameters.slice(1) };
    default:
      throw invalid(`unexpected response tag 0x${p.tag.toString(16)}`, bytes);
  }
}

/** Response encoders (the sim has its own; these serve golden tests and fakes). */
export const genericResponse = (status: number, commandTag: number): Uint8Array => encodePacket({ tag: BLHOST_RESPONSE.GENERIC, flags: 0, parameters: [status, commandTag] });
export const getPropertyResponse = (status: number, values: number[]): Uint8Array =>
  encodePacket({ tag: BLHOST_RESPONSE.GET_PROPERTY, flags: 0, parameters: [status, ...values] });
export const readMemoryResponse = (status: number, byteCount: number): Uint8Array =>
  encodePacket({ tag: BLHOST_RESPONSE.READ_MEMORY, flags: FLAG_HAS_DATA_PHASE, parameters: [status, byteCount] });

function badRequest(why: string): ImxflashError {
  return new ImxflashError('BLHOST_BAD_REQUEST', `blhost command: ${why}`, { hint: 'Addresses, lengths and values are 32-bit unsigned.' });
}

function invalid(why: string, bytes: Uint8Array): ImxflashError {
  return new ImxflashError('BLHOST_FRAME_INVALID', `blhost packet: ${why}`, {
    hint: 'The flashloader\'s answer was damaged or out of step; reset the board and run the command again.',
    details: { bytes: Array.from(bytes.subarray(0, 32), (b) => b.toString(16).padStart(2, '0')).join(' ') },
  });
}
