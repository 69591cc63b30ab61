/** One `<Device>` of a JLinkDevices.xml as far as flash-loader selection needs it (research/jlink.md §3.1). */
export interface XmlDeviceEntry {
  readonly names: readonly string[];
  readonly banks: readonly { readonly baseAddress: number; readonly loader: string }[];
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];

/** Reads the Device entries of a JLinkDevices.xml (root `<Database>` or `<DataBase>`); malformed parts are skipped. */
export function readDevicesXml(text: string): XmlDeviceEntry[] {
  const entries: XmlDeviceEntry[] = [];
  for (const device of text.matchAll(/<Device\b[^>]*>([\s\S]*?)<\/Device>/gi)) {
    const body = device[1]!;
    const chip = /<ChipInfo\b[^>]*>/i.exec(body)?.[0];
    if (chip === undefined) continue;
    const name = attr(chip, 'Name');
    if (name === undefined) continue;
    const aliases = (attr(chip, 'Aliases') ?? '').split(';').map((a) => a.trim()).filter((a) => a !== '');
    const banks: { baseAddress: number; loader: string }[] = [];
    for (const bank of body.matchAll(/<FlashBankInfo\b[^>]*>/gi)) {
      const base = attr(bank[0], 'BaseAddr');
      const loader = attr(bank[0], 'Loader') ?? /<LoaderInfo\b[^>]*\bLoader="([^"]*)"/i.exec(body.slice(bank.index))?.[1];
      if (base !== undefined && loader !== undefined) banks.push({ baseAddress: Number.parseInt(base, 16), loader });
    }
    entries.push({ names: [name, ...aliases], banks });
  }
  return entries;
}

/** The loader a set of XML files assigns to `device`'s bank at `bankAddress`; later files win (research §3.1). */
export function loaderFromXml(files: readonly { readonly text: string; readonly dir: string }[], device: string, bankAddress: number): { loader: string; dir: string } | undefined {
  let found: { loader: string; dir: string } | undefined;
  for (const file of files) {
    for (const entry of readDevicesXml(file.text)) {
      if (!entry.names.some((n) => n.toLowerCase() === device.toLowerCase())) continue;
      const bank = entry.banks.find((b) => b.baseAddress === bankAddress);
      if (bank !== undefined) found = { loader: bank.loader, dir: file.dir };
    }
  }
  return found;
}
