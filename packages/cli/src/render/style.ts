import type { Io } from '../io.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string) => s;

/** Colours only on a terminal, never with NO_COLOR (https://no-color.org) or --no-color; FORCE_COLOR forces them. */
export function pickStyle(io: Io, colorFlag: boolean): Style {
  const forced = io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0';
  const on = colorFlag && (forced || (io.isTty && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb'));
  if (!on) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), cyan: sgr(36, 39) };
}
