/**
 * VID:PID pairs of CMSIS-DAP probes (research/cmsisdap.md §1.6, pyOCD KNOWN_CMSIS_DAP_IDS and
 * udev/50-cmsis-dap.rules). A device with one of these ids is a candidate even when its product
 * string lacks "CMSIS-DAP".
 */
export const KNOWN_CMSIS_DAP_PROBES: readonly { readonly vid: number; readonly pid: number; readonly name: string }[] = [
  { vid: 0x0d28, pid: 0x0204, name: 'Arm DAPLink' },
  { vid: 0x1fc9, pid: 0x0090, name: 'NXP LPC-Link2 (CMSIS-DAP)' },
  { vid: 0x1fc9, pid: 0x0143, name: 'NXP MCU-Link' },
  { vid: 0xc251, pid: 0x2750, name: 'Keil ULINKplus' },
  { vid: 0xc251, pid: 0xf00a, name: 'LPC-Link2 (ARM example firmware)' },
  { vid: 0x03eb, pid: 0x2111, name: 'Microchip EDBG' },
  { vid: 0x03eb, pid: 0x2140, name: 'Microchip JTAGICE3' },
  { vid: 0x03eb, pid: 0x2141, name: 'Atmel-ICE' },
  { vid: 0x03eb, pid: 0x2144, name: 'Microchip Power Debugger' },
  { vid: 0x03eb, pid: 0x2145, name: 'Microchip mEDBG' },
  { vid: 0x03eb, pid: 0x216c, name: 'Microchip EDBGC' },
  { vid: 0x03eb, pid: 0x2175, name: 'Microchip nEDBG' },
  { vid: 0x04b4, pid: 0xf138, name: 'Cypress KitProg' },
  { vid: 0x04b4, pid: 0xf148, name: 'Cypress KitProg' },
  { vid: 0x04b4, pid: 0xf151, name: 'Cypress MiniProg4' },
  { vid: 0x04b4, pid: 0xf152, name: 'Cypress MiniProg4' },
  { vid: 0x04b4, pid: 0xf154, name: 'Cypress KitProg3' },
  { vid: 0x04b4, pid: 0xf155, name: 'Cypress KitProg3' },
  { vid: 0x04b4, pid: 0xf166, name: 'Cypress KitProg3' },
  { vid: 0x30cc, pid: 0x9527, name: 'Vega VT-LinkII' },
  { vid: 0x1a86, pid: 0x8011, name: 'WCH-Link' },
  { vid: 0x2a86, pid: 0x8011, name: 'WCH-Link' },
  { vid: 0x2e8a, pid: 0x000c, name: 'Raspberry Pi Debug Probe' },
];

/** Probes with extra HID interfaces: only the one with usage page 0xFF00 is CMSIS-DAP (pyOCD CMSIS_DAP_IDS_TO_FILTER_BY_USAGE_PAGE). */
export const FILTER_BY_USAGE_PAGE: readonly { readonly vid: number; readonly pid: number }[] = [
  { vid: 0x1fc9, pid: 0x0090 },
  { vid: 0x1fc9, pid: 0x0143 },
  { vid: 0x04b4, pid: 0xf154 },
  { vid: 0x04b4, pid: 0xf155 },
];
export const CMSIS_DAP_USAGE_PAGE = 0xff00;

/** Strings that mark a CMSIS-DAP product or interface (pyOCD KNOWN_DEVICE_STRINGS). */
export const CMSIS_DAP_STRINGS = ['CMSIS-DAP', 'CMSIS_DAP', 'WCH-Link'] as const;

export function knownProbe(vid: number, pid: number): { readonly name: string } | undefined {
  return KNOWN_CMSIS_DAP_PROBES.find((p) => p.vid === vid && p.pid === pid);
}

export function namesCmsisDap(text: string | undefined): boolean {
  return text !== undefined && CMSIS_DAP_STRINGS.some((s) => text.includes(s));
}
