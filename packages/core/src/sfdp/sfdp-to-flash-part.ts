import type { EraseUnit, FlashPart, QuadEnable, QuadRead, TypMax } from '../db/flash-part.js';
import { FLASH_PARTS } from '../db/flash-parts/index.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import { hex } from '../util/hex.js';
import { fourByteOpcode } from './four-byte-opcodes.js';
import type { SfdpInfo } from './sfdp-info.js';

export interface SfdpToFlashPartOptions {
  /** SFDP says nothing about clocks. Default: 30 MHz (the ROM's safe clock) / 100 MHz. */
  readonly maxClockMhz?: FlashPart['maxClockMhz'];
  /** SFDP says nothing about the supply. Default '3V'. */
  readonly voltage?: FlashPart['voltage'];
  /** QE method for a JESD216 (rev 0) table, which has no DW15; NXP's flashloader asks the user the same. */
  readonly quadEnable?: QuadEnable | null;
  /** Default 0xC0000005: QuadSPI SDR, QE from SFDP, max_freq 5 (80 MHz on RT10xx, 100 MHz on RT116x/117x). */
  readonly flashloaderOption?: number;
}

const SIXTEEN_MIB = 16 * 1024 * 1024;
/** BL takes the largest erase type below 1 MiB as the block (research/imxrt.md §2.6). */
const BLOCK_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_MAX_CLOCK_MHZ = { read: 30, fastRead: 100 } as const;
const DEFAULT_FLASHLOADER_OPTION = 0xc000_0005;
const DEFAULT_PAGE_BYTES = 256;
// Conservative stand-ins when the table predates DW10/DW11 (slower than every part in the database).
const DEFAULT_PAGE_PROGRAM_US: TypMax = { typ: 1000, max: 5000 };
const DEFAULT_WRITE_STATUS_MS: TypMax = { typ: 15, max: 100 };
const defaultEraseMs = (bytes: number): TypMax => {
  const max = 2000 * Math.max(1, bytes / 65536);
  return { typ: max / 4, max };
};

/**
 * A complete FlashPart from a decoded SFDP table: geometry, erase units, read and QE method from
 * the BFPT; standard opcodes (4-byte forms above 16 MiB, as NXP BL does); conservative defaults
 * for what SFDP does not say, each listed in `unverified`.
 */
export function sfdpToFlashPart(
  info: SfdpInfo,
  jedecId: readonly [number, number, number] | null,
  options: SfdpToFlashPartOptions = {},
): FlashPart {
  const b = info.basic;
  const unverified: string[] = [];
  const idText = jedecId ? jedecId.map((x) => x.toString(16).padStart(2, '0')).join('') : 'unknown';

  // Above 16 MiB the 3-byte opcodes cannot reach the whole part; some BFPTs under-report 4-byte
  // support (LINUX: IS25xP256), so size decides as well as DW1.
  const addressBytes: 3 | 4 = b.addressModes === '4' || b.sizeBytes > SIXTEEN_MIB ? 4 : 3;
  if (addressBytes === 4 && b.addressModes === '3') {
    unverified.push('addressBytes 4: the BFPT says 3-byte only, but the part is larger than 16 MiB; 4-byte opcodes assumed');
  }
  const withAddressBytes = (opcode: number): number | undefined => (addressBytes === 4 ? fourByteOpcode(opcode) : opcode);

  // Erase units: DW8/DW9 types first (they carry times), then the DW1 4 KiB opcode if no type covers it.
  const candidates = [...b.eraseTypes, ...(b.erase4kOpcode === null ? [] : [{ bytes: 4096, opcode: b.erase4kOpcode, timeMs: null }])];
  const units = new Map<number, { opcode: number; timeMs: TypMax | null }>();
  for (const c of candidates) {
    if (units.has(c.bytes) || c.bytes > b.sizeBytes) continue;
    const opcode = withAddressBytes(c.opcode);
    if (opcode === undefined) {
      unverified.push(`${c.bytes}-byte erase (${hex(c.opcode)}) left out: no 4-byte-address form known`);
      continue;
    }
    units.set(c.bytes, { opcode, timeMs: c.timeMs });
  }
  const sizes = [...units.keys()].sort((x, y) => x - y);
  const sectorBytes = sizes[0];
  if (sectorBytes === undefined) {
    throw new ImxflashError('SFDP_UNSUPPORTED', 'SFDP lists no usable erase type', {
      hint: 'Choose the flash part by name.',
      details: { eraseTypes: b.eraseTypes, erase4kOpcode: b.erase4kOpcode },
    });
  }
  const blockBytes = sizes.filter((s) => s < BLOCK_LIMIT_BYTES).pop() ?? sectorBytes;
  const eraseUnits: EraseUnit[] = sizes.map((bytes) => ({ bytes, opcode: units.get(bytes)?.opcode ?? 0 }));

  const pageBytes = b.pageBytes ?? DEFAULT_PAGE_BYTES;
  if (b.pageBytes === null) unverified.push(`pageBytes ${DEFAULT_PAGE_BYTES}: the table predates DW11`);
  if (pageBytes > sectorBytes) {
    throw new ImxflashError('SFDP_UNSUPPORTED', `SFDP page size ${pageBytes} exceeds the smallest erase unit ${sectorBytes}`, {
      hint: 'Choose the flash part by name.',
      details: { pageBytes, sectorBytes },
    });
  }

  // NXP BL's choice: 1-4-4 if offered, else 1-1-4.
  const best = b.fastReads.find((r) => r.pads === '1-4-4') ?? b.fastReads.find((r) => r.pads === '1-1-4');
  let quadRead: QuadRead | null = null;
  if (best) {
    const opcode = withAddressBytes(best.opcode);
    if (opcode === undefined) unverified.push(`quadRead: ${best.pads} opcode ${hex(best.opcode)} has no known 4-byte form; not used`);
    else quadRead = { opcode, pads: best.pads === '1-4-4' ? '1-4-4' : '1-1-4', modeClocks: best.modeClocks, dummyClocks: best.dummyClocks };
  }

  let quadEnable = b.quadEnable;
  if (b.qer === null) {
    quadEnable = options.quadEnable ?? null;
    unverified.push(`quadEnable: the table predates DW15 (no QER); ${options.quadEnable === undefined ? 'none assumed' : 'taken from the options'}`);
  }

  if (!b.busyPolling) unverified.push('busy: SR bit 0 assumed (no DW14)');
  else if (!b.busyPolling.legacy) unverified.push('busy: DW14 does not offer SR bit 0 polling; assumed anyway');

  const eraseMs: Record<number, TypMax> = {};
  let erasesDefaulted = false;
  for (const bytes of sizes) {
    const t = units.get(bytes)?.timeMs ?? null;
    if (t === null) erasesDefaulted = true;
    eraseMs[bytes] = t ?? defaultEraseMs(bytes);
  }
  if (b.pageProgramUs !== null) unverified.push('timing: decoded from DW10/DW11 with the JESD216B layout as recalled (not checked against the spec)');
  if (erasesDefaulted || b.pageProgramUs === null) unverified.push('timing: conservative defaults where the table gives no time');
  unverified.push('timing.writeStatusMs: SFDP gives none; conservative default');
  unverified.push('opcodes: no quad page program (the BFPT does not list one); chip erase 0x60 as NXP BL uses');
  if (!options.maxClockMhz) unverified.push('maxClockMhz: SFDP gives no clock; conservative default 30 / 100 MHz');
  if (!options.voltage) unverified.push("voltage: SFDP does not say; '3V' assumed");
  if (options.flashloaderOption === undefined) unverified.push('flashloaderOption: default 0xC0000005 (QE from SFDP, a low max_freq)');

  const manufacturer = jedecId?.[0];
  const vendor =
    manufacturer === undefined
      ? 'unknown'
      : FLASH_PARTS.find((p) => p.jedecId?.[0] === manufacturer)?.vendor ?? `JEDEC manufacturer ${hex(manufacturer)}`;

  return {
    id: `sfdp-${idText}`,
    name: 'SFDP-described part',
    vendor,
    interface: 'spi-nor',
    jedecId,
    voltage: options.voltage ?? '3V',
    sizeBytes: b.sizeBytes,
    pageBytes,
    sectorBytes,
    blockBytes,
    eraseUnits,
    addressBytes,
    opcodes: {
      read: addressBytes === 4 ? 0x13 : 0x03,
      fastRead: addressBytes === 4 ? 0x0c : 0x0b,
      pageProgram: addressBytes === 4 ? 0x12 : 0x02,
      quadPageProgram: null,
      quadPageProgramPads: null,
      readStatus: 0x05,
      writeStatus: 0x01,
      writeEnable: 0x06,
      chipErase: 0x60,
      readJedecId: 0x9f,
      readSfdp: 0x5a,
    },
    quadRead,
    quadEnable,
    quadEnableFactorySet: false,
    busy: { bit: 0, busyWhen: 1 },
    maxClockMhz: options.maxClockMhz ?? DEFAULT_MAX_CLOCK_MHZ,
    timing: {
      pageProgramUs: b.pageProgramUs ?? DEFAULT_PAGE_PROGRAM_US,
      eraseMs,
      chipEraseMs: b.chipEraseMs ?? defaultEraseMs(b.sizeBytes),
      writeStatusMs: DEFAULT_WRITE_STATUS_MS,
    },
    flashloaderOption: options.flashloaderOption ?? DEFAULT_FLASHLOADER_OPTION,
    source:
      `SFDP ${info.major}.${info.minor}, basic table ${b.header.major}.${b.header.minor} (${b.header.lengthDwords} dwords) read from the device` +
      (jedecId ? `; JEDEC ID ${idText.toUpperCase().replace(/(..)(?!$)/g, '$1 ')}` : ''),
    unverified,
  };
}
