import { CHIPS } from '@imxflash/core';

export const UDEV_RULES_FILE = '60-imxflash.rules';

interface UsbRule {
  vid: number;
  pid?: number;
  what: string;
}

/** The USB devices imxflash opens, with where each id comes from. */
function devices(): UsbRule[] {
  const rom = new Map<string, UsbRule>();
  for (const chip of CHIPS) {
    for (const u of chip.romUsb) {
      const key = `${u.vid}:${u.pid}`;
      const known = rom.get(key);
      if (known) known.what = known.what.replace(' ROM serial downloader', `, ${chip.name} ROM serial downloader`);
      else rom.set(key, { vid: u.vid, pid: u.pid, what: `${chip.name} ROM serial downloader` });
    }
  }
  return [
    ...rom.values(),
    // research/spsdk.md §1.6: the flashloader re-enumerates with these ids on every RT.
    { vid: 0x15a2, pid: 0x0073, what: 'NXP MCU flashloader (blhost), after the ROM jumps to ivt_flashloader.bin' },
    // research/cmsisdap.md, "Known VID:PID pairs" (pyOCD KNOWN_CMSIS_DAP_IDS).
    { vid: 0x1fc9, pid: 0x0143, what: 'NXP MCU-Link (CMSIS-DAP)' },
    { vid: 0x1fc9, pid: 0x0090, what: 'NXP LPC-Link2 with CMSIS-DAP firmware' },
    { vid: 0x0d28, pid: 0x0204, what: 'Arm DAPLink (CMSIS-DAP)' },
    { vid: 0x2e8a, pid: 0x000c, what: 'Raspberry Pi debugprobe (CMSIS-DAP)' },
    // research/jlink.md §5: SEGGER's own 99-jlink.rules covers J-Links; this is for the J-Link installer-less case.
    { vid: 0x1366, what: 'SEGGER J-Link (any product id)' },
  ];
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * udev rules that let a logged-in user (uaccess) and the plugdev group open the ROM, the
 * flashloader and the probes: one rule for libusb (usb subsystem) and one for node-hid's
 * hidraw nodes per device (research/cmsisdap.md: hidraw needs its own KERNEL=="hidraw*" rule).
 */
export function udevRules(): string {
  const lines = [
    '# imxflash: access to i.MX RT boot ROMs, the NXP flashloader and debug probes without root.',
    `# Install: sudo cp ${UDEV_RULES_FILE} /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm trigger`,
    '# Then unplug and replug the board or probe.',
    '',
  ];
  for (const d of devices()) {
    const ids = `ATTRS{idVendor}=="${hex4(d.vid)}"${d.pid !== undefined ? `, ATTRS{idProduct}=="${hex4(d.pid)}"` : ''}`;
    lines.push(`# ${d.what}`);
    lines.push(`SUBSYSTEM=="usb", ${ids}, MODE="0660", GROUP="plugdev", TAG+="uaccess"`);
    lines.push(`KERNEL=="hidraw*", ${ids}, MODE="0660", GROUP="plugdev", TAG+="uaccess"`);
  }
  return lines.join('\n') + '\n';
}

/** The shell line that installs a rules file written at `path`. */
export function udevInstallCommand(path: string): string {
  return `sudo cp ${path} /etc/udev/rules.d/${UDEV_RULES_FILE} && sudo udevadm control --reload-rules && sudo udevadm trigger`;
}
