/** One J-Link the Commander reported. */
export interface JlinkEmulator {
  readonly serial: string;
  /** `J-Link V11`, `J-Link OpenSDA 2`, when printed. */
  readonly product?: string;
  readonly connection?: string;
}

// UNVERIFIED (not in research/jlink.md): `ShowEmuList` prints one line per probe in the form
// `J-Link[0]: Connection: USB, Serial number: 600112345, ProductName: J-Link V11` (SEGGER wiki,
// J-Link Commander command list). The connection banner `S/N: %d` (research §2.1) is the fallback,
// with `Firmware: %s` as the product.
const EMU_LINE_RE = /^J-Link\[\d+\]:\s*Connection:\s*([^,]+),\s*Serial number:\s*(\d+)(?:,\s*ProductName:\s*(.+?))?\s*$/gm;
const SN_RE = /^S\/N:\s*(\d+)\s*$/m;
const FIRMWARE_RE = /^Firmware:\s*(.+?)(?:\s+compiled\b.*)?$/m;

/** The probes listed in a Commander run's output (ShowEmuList lines, else the connection banner). */
export function parseEmulatorList(stdout: string): JlinkEmulator[] {
  const text = stdout.replace(/\r\n?/g, '\n');
  const found: JlinkEmulator[] = [];
  for (const m of text.matchAll(EMU_LINE_RE)) {
    if (found.some((e) => e.serial === m[2])) continue;
    found.push({ serial: m[2]!, connection: m[1]!.trim(), ...(m[3] !== undefined ? { product: m[3] } : {}) });
  }
  if (found.length > 0) return found;
  const sn = SN_RE.exec(text);
  if (sn === null) return [];
  const fw = FIRMWARE_RE.exec(text);
  return [{ serial: sn[1]!, ...(fw !== null ? { product: fw[1]! } : {}) }];
}
