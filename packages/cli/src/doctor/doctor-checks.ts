import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hex32, type DriverId } from '@imxflash/core';
import { readFlashloaderFacts } from './flashloader-file.js';
import { udevInstallCommand, udevRules, UDEV_RULES_FILE } from './udev-rules.js';

export type CheckStatus = 'ok' | 'warn' | 'missing' | 'info';

/** One line of `doctor`: what was checked, what was found, and how to fix it. */
export interface DoctorCheck {
  readonly id: string;
  /** The driver it matters for ('all': every USB transport). */
  readonly for: DriverId | 'all';
  readonly status: CheckStatus;
  readonly text: string;
  readonly fix?: string;
}

const UDEV_DIRS = ['/etc/udev/rules.d', '/lib/udev/rules.d', '/usr/lib/udev/rules.d'];
const LIB_DIRS = ['/lib', '/usr/lib', '/lib64', '/usr/lib64', '/usr/local/lib', '/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu'];

/**
 * Linux udev rules: are imxflash's ids covered by an installed rules file? (A rules file
 * naming the ROM's and the probes' vendor ids is taken as covering them.)
 */
export function checkUdev(platform: string, writeTo: string | undefined): DoctorCheck[] {
  if (platform !== 'linux') return [{ id: 'udev', for: 'all', status: 'info', text: 'udev rules: not needed on this OS' }];
  const installed = UDEV_DIRS.flatMap((dir) => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith('.rules')).map((f) => join(dir, f));
    } catch {
      return [];
    }
  });
  const ours = installed.find((p) => p.endsWith(UDEV_RULES_FILE));
  if (ours) {
    const same = readFileSync(ours, 'utf8') === udevRules();
    return [{
      id: 'udev',
      for: 'all',
      status: same ? 'ok' : 'warn',
      text: same ? `udev rules: ${ours}` : `udev rules: ${ours} differs from this imxflash's rules`,
      ...(same ? {} : { fix: `imxflash doctor --write-udev ${UDEV_RULES_FILE} && ${udevInstallCommand(UDEV_RULES_FILE)}` }),
    }];
  }
  const target = writeTo ?? UDEV_RULES_FILE;
  return [{
    id: 'udev',
    for: 'all',
    status: 'missing',
    text: `udev rules for the ROM (SDP), the flashloader and CMSIS-DAP probes are not installed: opening them needs root`,
    fix: `${writeTo ? '' : `imxflash doctor --write-udev ${target} && `}${udevInstallCommand(target)}`,
  }];
}

/** libusb-1.0 (node-hid's prebuilds link it: research/ecosystem.md) and udevadm (serialport's list). */
export function checkSystemLibraries(platform: string): DoctorCheck[] {
  if (platform !== 'linux') return [];
  const libusb = LIB_DIRS.map((d) => join(d, 'libusb-1.0.so.0')).find((p) => existsSync(p));
  const udevadm = ['/usr/bin/udevadm', '/bin/udevadm', '/sbin/udevadm', '/usr/sbin/udevadm'].find((p) => existsSync(p));
  return [
    libusb
      ? { id: 'libusb', for: 'all', status: 'ok', text: `libusb: ${libusb}` }
      : { id: 'libusb', for: 'all', status: 'missing', text: 'libusb-1.0 not found: node-hid (SDP over USB, CMSIS-DAP v1) cannot load', fix: 'sudo apt-get install libusb-1.0-0   (Fedora: sudo dnf install libusb1)' },
    udevadm
      ? { id: 'udevadm', for: 'sdp', status: 'ok', text: `udevadm: ${udevadm} (serial port listing)` }
      : { id: 'udevadm', for: 'sdp', status: 'missing', text: 'udevadm not found: serial ports cannot be listed', fix: 'sudo apt-get install udev' },
  ];
}

/** The flashloader for --probe sdp: found, and where it loads and jumps. */
export function checkFlashloader(path: string | undefined): DoctorCheck {
  const where = 'NXP ships ivt_flashloader.bin in the MCUXpresso Secure Provisioning tool and the MCU bootloader package (Flashloader_i.MXRT10xx)';
  if (path === undefined) {
    return { id: 'flashloader', for: 'sdp', status: 'info', text: 'flashloader: none configured (--probe sdp needs one to write flash)', fix: `Set "flashloader" in imxflash.config.json or IMXFLASH_FLASHLOADER; ${where}.` };
  }
  const facts = readFlashloaderFacts(path);
  if ('error' in facts) return { id: 'flashloader', for: 'sdp', status: 'missing', text: `flashloader ${path}: ${facts.error}`, fix: where + '.' };
  return {
    id: 'flashloader',
    for: 'sdp',
    status: 'ok',
    text: `flashloader ${path}: ${facts.bytes} bytes, load at ${hex32(facts.loadAddress)}, jump to ${hex32(facts.jumpAddress)} (IVT at +0x${facts.ivtOffset.toString(16)}, entry ${hex32(facts.entry)})`,
  };
}
