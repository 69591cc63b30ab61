import type { Command } from 'commander';
import { ImxflashError } from '@imxflash/core';
import type { Settings } from '../config/settings.js';

export interface ProbeFlags {
  serial?: string;
  port?: string;
}

/**
 * `--serial` and `--port`: shorthands that narrow --probe. With `repeatable` (flash: one board per
 * value) each may be given several times and collects into an array.
 */
export function addProbeOptions(cmd: Command, o: { repeatable?: boolean } = {}): Command {
  const serial = 'the probe with this serial number (J-Link, CMSIS-DAP)';
  const port = 'serial port of the ROM serial downloader or flashloader (/dev/ttyUSB0, COM3): --probe sdp over UART';
  if (!o.repeatable) return cmd.option('--serial <serial>', serial).option('--port <path>', port);
  const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
  return cmd
    .option('--serial <serial>', `${serial}; repeat it to flash several boards at once`, collect)
    .option('--port <path>', `${port}; repeat it to flash several boards at once`, collect);
}

/** The probe selector text for a run: --probe (or its env/config value) narrowed by --serial / --port. */
export function selectorText(settings: Settings, flags: ProbeFlags): string {
  const probe = settings.probe.trim();
  const driver = probe.toLowerCase() === 'auto' ? undefined : probe.split(':')[0];
  if (flags.port !== undefined) {
    if (driver !== undefined && driver !== 'sdp') {
      throw new ImxflashError('CONFIG_BAD_OPTION', `--port is for the serial downloader (--probe sdp), not --probe ${probe}`, {
        hint: 'Drop --port, or use --probe sdp.',
      });
    }
    return `sdp:${flags.port}`;
  }
  if (flags.serial !== undefined) {
    if (driver === undefined) {
      throw new ImxflashError('CONFIG_BAD_OPTION', '--serial needs a driver: --probe jlink or --probe cmsis-dap', {
        hint: `Write --probe jlink:${flags.serial} or --probe cmsis-dap:${flags.serial}.`,
      });
    }
    return `${driver}:${flags.serial}`;
  }
  return probe;
}

/** `{ port }` when --port was given (for the driver options). */
export function portOf(flags: ProbeFlags): { port?: string } {
  return flags.port !== undefined ? { port: flags.port } : {};
}
