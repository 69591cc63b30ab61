import { BusFault, type Bus } from '../bus/bus.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import { hexAddress, hexValue } from './boot-verdict.js';

/*
 * The DCD as the ROM runs it (research/imxrt.md §4.2, research/spsdk.md §3.5; written from those
 * tables, independently of core's DCD codec). Every multi-byte field is big-endian.
 *   header   tag 0xD2, length u16 (the whole DCD), version 0x41 (0x40 accepted)
 *   command  tag, length u16 (this command, header included), param
 *     Write Data 0xCC: param = flags | width (1/2/4 in bits 2:0); {address, value} pairs.
 *       Flags bit 3 MASK, bit 4 SET: 0x04 write value, 0x0C clear bits, 0x1C set bits
 *       (0x14, SET without MASK, writes the value).
 *     Check Data 0xCF: same param; address, mask, optional count.
 *       0x04 all clear, 0x14 all set, 0x0C any clear, 0x1C any set (research/imxrt.md §4.2 and
 *       the SDK DCDs; SPSDK's enum order puts ALL_SET/ANY_CLEAR the other way round: the model
 *       follows imxrt.md, as core does — a documented conflict).
 *     NOP 0xC0 (header only). Unlock 0xB2 (accepted, no effect in the model).
 *   Param bits 5–7 and any other command tag (the CSF-only 0xB1, 0xBE, 0xCA, 0xB4, …) make the
 *   DCD invalid.
 *
 * Modelling decisions (UNVERIFIED: the ROM's DCD interpreter is not documented in the research):
 * - The whole DCD is parsed before any command runs, so an invalid DCD has no side effects.
 * - Writes go to any bus address; HAB's address allow-list (known from i.MX6) is not modelled.
 * - A Check Data without count polls at most {@link DCD_CHECK_POLL_LIMIT} times (HAB would poll
 *   forever); a count larger than that is capped. A check that never holds fails the DCD.
 * - Each command costs {@link DCD_COMMAND_US} of ROM time, each poll {@link DCD_POLL_US}.
 */

export const DCD_TAG = 0xd2;
/** IUL HAB_MAX_DCD_SIZE (an i.MX6 figure; the RT limit is UNVERIFIED; research/spsdk.md §3.5). */
export const DCD_MAX_BYTES = 1768;
export const DCD_CHECK_POLL_LIMIT = 1000;
export const DCD_COMMAND_US = 1;
export const DCD_POLL_US = 1;

const WRITE_DATA = 0xcc;
const CHECK_DATA = 0xcf;
const NOP = 0xc0;
const UNLOCK = 0xb2;
const MASK_FLAG = 0x08;
const SET_FLAG = 0x10;

type Width = 1 | 2 | 4;

type Command =
  | { readonly kind: 'write'; readonly at: number; readonly width: Width; readonly flags: number; readonly pairs: readonly (readonly [number, number])[] }
  | { readonly kind: 'check'; readonly at: number; readonly width: Width; readonly flags: number; readonly address: number; readonly mask: number; readonly count: number | undefined }
  | { readonly kind: 'nop'; readonly at: number }
  | { readonly kind: 'unlock'; readonly at: number };

export type DcdHeaderCheck = { readonly ok: true; readonly length: number; readonly version: number } | { readonly ok: false; readonly reason: string };

/** Checks the 4-byte DCD header (tag 0xD2, BE length 4…1768, version 0x40/0x41). */
export function checkDcdHeader(header: Uint8Array): DcdHeaderCheck {
  const tag = header[0] ?? 0;
  const length = ((header[1] ?? 0) << 8) | (header[2] ?? 0);
  const version = header[3] ?? 0;
  const read = Array.from(header.subarray(0, 4), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  if (tag !== DCD_TAG) return { ok: false, reason: `no DCD tag (read ${read}; expected D2 <length> 41)` };
  if (version !== 0x41 && version !== 0x40) return { ok: false, reason: `DCD version ${hexValue(version)} is neither 0x41 nor 0x40 (header ${read})` };
  if (length < 4 || length > DCD_MAX_BYTES) return { ok: false, reason: `DCD length ${length} is outside 4…${DCD_MAX_BYTES} bytes (header ${read})` };
  return { ok: true, length, version };
}

export type DcdRun = { readonly ok: true; readonly commands: number; readonly notes: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * Parses the DCD in `dcd` (header included, exactly its length) and runs it on `bus`.
 * `location` is the DCD's flash address, for messages. Never throws for bad content.
 */
export function runDcd(dcd: Uint8Array, location: number, bus: Bus, clock: VirtualClock): DcdRun {
  const header = checkDcdHeader(dcd);
  if (!header.ok) return header;
  const parsed = parseCommands(dcd.subarray(0, header.length));
  if (typeof parsed === 'string') return { ok: false, reason: `DCD at ${hexAddress(location)}: ${parsed}` };
  const notes: string[] = [];
  for (const [i, c] of parsed.entries()) {
    clock.advance(DCD_COMMAND_US / 1000);
    const where = `DCD at ${hexAddress(location)}, command ${i + 1} (offset ${hexValue(c.at)})`;
    try {
      const failure = execute(c, bus, clock, notes);
      if (failure !== undefined) return { ok: false, reason: `${where}: ${failure}` };
    } catch (e) {
      if (e instanceof BusFault) return { ok: false, reason: `${where}: bus fault, ${e.access} at ${hexAddress(e.address)} (${e.reason})` };
      throw e;
    }
  }
  return { ok: true, commands: parsed.length, notes };
}

function parseCommands(dcd: Uint8Array): Command[] | string {
  const commands: Command[] = [];
  const v = new DataView(dcd.buffer, dcd.byteOffset, dcd.length);
  let at = 4;
  while (at < dcd.length) {
    if (at + 4 > dcd.length) return `command header at offset ${hexValue(at)} runs past the DCD end (${hexValue(dcd.length)})`;
    const tag = v.getUint8(at);
    const length = v.getUint16(at + 1, false);
    const param = v.getUint8(at + 3);
    if (length < 4 || at + length > dcd.length) {
      return `command ${hexValue(tag)} at offset ${hexValue(at)} has length ${length}, which does not fit in the DCD (${hexValue(dcd.length)} bytes)`;
    }
    const width = (param & 7) as Width;
    const flags = param & 0xf8;
    switch (tag) {
      case WRITE_DATA:
      case CHECK_DATA: {
        if (width !== 1 && width !== 2 && width !== 4) return `command ${hexValue(tag)} at offset ${hexValue(at)}: width ${param & 7} is not 1, 2 or 4 (param ${hexValue(param)})`;
        if ((flags & ~(MASK_FLAG | SET_FLAG)) !== 0) return `command ${hexValue(tag)} at offset ${hexValue(at)}: param ${hexValue(param)} uses bits 5–7`;
        if (tag === WRITE_DATA) {
          if ((length - 4) % 8 !== 0) return `Write Data at offset ${hexValue(at)}: length ${length} is not 4 + 8·n`;
          const pairs: (readonly [number, number])[] = [];
          for (let o = at + 4; o < at + length; o += 8) pairs.push([v.getUint32(o, false), v.getUint32(o + 4, false)]);
          commands.push({ kind: 'write', at, width, flags, pairs });
        } else {
          if (length !== 12 && length !== 16) return `Check Data at offset ${hexValue(at)}: length ${length} is neither 12 nor 16`;
          const count = length === 16 ? v.getUint32(at + 12, false) : undefined;
          commands.push({ kind: 'check', at, width, flags, address: v.getUint32(at + 4, false), mask: v.getUint32(at + 8, false), count });
        }
        break;
      }
      case NOP:
        if (length !== 4) return `NOP at offset ${hexValue(at)} has length ${length}, not 4`;
        commands.push({ kind: 'nop', at });
        break;
      case UNLOCK:
        if ((length - 4) % 4 !== 0) return `Unlock at offset ${hexValue(at)}: length ${length} is not 4 + 4·n`;
        commands.push({ kind: 'unlock', at });
        break;
      default:
        return `command tag ${hexValue(tag)} at offset ${hexValue(at)} is not a DCD command (Write 0xCC, Check 0xCF, NOP 0xC0, Unlock 0xB2)`;
    }
    at += length;
  }
  return commands;
}

function readWidth(bus: Bus, address: number, width: Width): number {
  return width === 4 ? bus.read32(address) : width === 2 ? bus.read16(address) : bus.read8(address);
}

function writeWidth(bus: Bus, address: number, width: Width, value: number): void {
  if (width === 4) bus.write32(address, value >>> 0);
  else if (width === 2) bus.write16(address, value & 0xffff);
  else bus.write8(address, value & 0xff);
}

const CHECK_NAMES: Readonly<Record<number, string>> = { 0: 'all clear', [SET_FLAG]: 'all set', [MASK_FLAG]: 'any clear', [MASK_FLAG | SET_FLAG]: 'any set' };

/** Runs one command; returns a failure reason, or undefined. */
function execute(c: Command, bus: Bus, clock: VirtualClock, notes: string[]): string | undefined {
  switch (c.kind) {
    case 'nop':
      return undefined;
    case 'unlock':
      notes.push(`DCD Unlock at offset ${hexValue(c.at)} accepted (no effect in the model)`);
      return undefined;
    case 'write':
      for (const [address, value] of c.pairs) {
        if ((c.flags & MASK_FLAG) === 0) writeWidth(bus, address, c.width, value);
        else {
          const old = readWidth(bus, address, c.width);
          writeWidth(bus, address, c.width, (c.flags & SET_FLAG) !== 0 ? old | value : old & ~value);
        }
      }
      return undefined;
    case 'check': {
      const limit = Math.max(1, Math.min(c.count ?? DCD_CHECK_POLL_LIMIT, DCD_CHECK_POLL_LIMIT));
      const widthMask = c.width === 4 ? 0xffff_ffff : c.width === 2 ? 0xffff : 0xff;
      const mask = (c.mask & widthMask) >>> 0;
      let value = 0;
      for (let poll = 0; poll < limit; poll++) {
        value = readWidth(bus, c.address, c.width) >>> 0;
        const bits = (value & mask) >>> 0;
        const holds =
          c.flags === 0 ? bits === 0 : c.flags === SET_FLAG ? bits === mask : c.flags === MASK_FLAG ? bits !== mask : bits !== 0;
        if (holds) return undefined;
        clock.advance(DCD_POLL_US / 1000);
      }
      return `Check Data "${CHECK_NAMES[c.flags] ?? '?'}" of mask ${hexValue(mask)} at ${hexAddress(c.address)} did not hold after ${limit} polls (read ${hexValue(value)})`;
    }
  }
}
