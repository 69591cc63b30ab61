import { ImxflashError } from '../errors/imxflash-error.js';
import { DRIVER_IDS, isDriverId, type DriverId } from './driver-id.js';
import type { ProbeInfo } from './probe-info.js';

/**
 * A parsed `--probe` value (STYLE R5: parsed once, here). Every field narrows the match; a
 * selector with none of them (`auto`) matches every probe.
 */
export interface ProbeSelector {
  /** The text as the user wrote it, for messages. */
  readonly text: string;
  readonly driver?: DriverId;
  readonly vid?: number;
  readonly pid?: number;
  /** Serial number (J-Link serial, CMSIS-DAP USB serial string); compared case-insensitively. */
  readonly serial?: string;
  /** OS path of a serial port or HID device: `/dev/ttyUSB0`, `COM3`. */
  readonly path?: string;
  readonly link?: 'usb' | 'serial';
}

const FORMS = [
  'auto                      any one probe',
  'jlink | cmsis-dap | sdp   any one probe of that driver',
  'jlink:600112345           a J-Link by serial number',
  'cmsis-dap:0x1fc9:0x0143   by USB VID:PID (hex), optionally :SERIAL',
  '1fc9:0143[:SERIAL]        by USB VID:PID, any driver',
  'sdp:/dev/ttyUSB0 | sdp:COM3   the ROM serial downloader on a UART',
  'sdp:usb                   the ROM serial downloader over USB',
];

const HINT = `Write --probe as one of:\n  ${FORMS.join('\n  ')}\n\`imxflash probes\` prints a selector for each probe it sees.`;

/**
 * Parses a probe selector. Forms: `auto`, `<driver>`, `<driver>:<serial>`,
 * `<driver>:<vid>:<pid>[:<serial>]`, `<vid>:<pid>[:<serial>]`, `<driver>:<path>`,
 * `<driver>:usb`, `<driver>:serial` (drivers: cmsis-dap, jlink, sdp; ids in hex, `0x` optional).
 * Throws SELECTOR_INVALID with the forms in the hint.
 */
export function parseProbeSelector(text: string): ProbeSelector {
  const t = text.trim();
  if (t === '') throw invalid(text, 'it is empty');
  if (t.toLowerCase() === 'auto') return { text: t };

  const colon = t.indexOf(':');
  const head = (colon < 0 ? t : t.slice(0, colon)).toLowerCase();
  if (isDriverId(head)) {
    if (colon < 0) return { text: t, driver: head };
    const rest = t.slice(colon + 1);
    if (rest.trim() === '') throw invalid(text, `nothing follows '${head}:'`);
    return { text: t, driver: head, ...parseWhich(text, rest) };
  }
  const ids = parseVidPid(text, t);
  if (ids) return { text: t, ...ids };
  throw invalid(
    text,
    colon < 0 || /^[a-z][a-z-]*$/i.test(head)
      ? `'${head}' is not a driver (${DRIVER_IDS.join(', ')}) or a USB VID:PID`
      : 'it is not a driver name or a USB VID:PID',
  );
}

type Which = Omit<ProbeSelector, 'text' | 'driver'>;

function parseWhich(text: string, rest: string): Which {
  const lower = rest.toLowerCase();
  if (lower === 'usb' || lower === 'serial') return { link: lower };
  if (isPath(rest)) return { path: rest };
  const ids = parseVidPid(text, rest);
  if (ids) return ids;
  if (rest.includes(':') || /\s/.test(rest)) throw invalid(text, `'${rest}' is neither a serial number, a path nor VID:PID`);
  return { serial: rest };
}

/** Unix device paths and Windows COM ports (`COM3`, `\\.\COM12`). */
function isPath(s: string): boolean {
  return s.startsWith('/') || /^(\\\\\.\\)?COM\d+$/i.test(s);
}

const HEX_ID = /^(0x)?[0-9a-f]{1,4}$/i;

/** `vid:pid[:serial]`, or undefined when the first two fields are not 16-bit hex ids. */
function parseVidPid(text: string, s: string): Which | undefined {
  const parts = s.split(':');
  const [vidText, pidText] = parts;
  if (parts.length < 2 || !HEX_ID.test(vidText!) || !HEX_ID.test(pidText!)) return undefined;
  const ids = { vid: Number.parseInt(vidText!.replace(/^0x/i, ''), 16), pid: Number.parseInt(pidText!.replace(/^0x/i, ''), 16) };
  if (parts.length === 2) return ids;
  const serial = parts.slice(2).join(':');
  if (serial === '') throw invalid(text, 'the serial number after VID:PID is empty');
  return { ...ids, serial };
}

function invalid(text: string, why: string): ImxflashError {
  return new ImxflashError('SELECTOR_INVALID', `--probe ${JSON.stringify(text)}: ${why}`, { hint: HINT, details: { selector: text } });
}

/** True when `info` is a probe `selector` picks (every field the selector sets must agree). */
export function matchesSelector(info: ProbeInfo, selector: ProbeSelector): boolean {
  if (selector.driver !== undefined && info.driver !== selector.driver) return false;
  if (selector.vid !== undefined && info.vid !== selector.vid) return false;
  if (selector.pid !== undefined && info.pid !== selector.pid) return false;
  if (selector.serial !== undefined && !sameText(selector.serial, info.serial) && !sameText(selector.serial, info.id)) return false;
  if (selector.path !== undefined && !samePath(selector.path, info.path)) return false;
  if (selector.link !== undefined && info.link !== selector.link) return false;
  return true;
}

function sameText(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Unix paths are case-sensitive; Windows COM port names are not. */
function samePath(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  return /^(\\\\\.\\)?COM\d+$/i.test(a) ? sameText(a.replace(/^\\\\\.\\/, ''), b.replace(/^\\\\\.\\/, '')) : a === b;
}

/** The selector text `imxflash probes` prints for `info`: the shortest form that names it. */
export function selectorFor(info: ProbeInfo): string {
  if (info.serial !== undefined && info.serial !== '' && !info.serial.includes(':')) return `${info.driver}:${info.serial}`;
  if (info.path !== undefined && isPath(info.path)) return `${info.driver}:${info.path}`;
  if (info.vid !== undefined && info.pid !== undefined) return `${info.driver}:${hex4(info.vid)}:${hex4(info.pid)}`;
  return info.driver;
}

function hex4(n: number): string {
  return '0x' + n.toString(16).padStart(4, '0');
}
