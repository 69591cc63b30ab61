import type { FlashPart } from '../flash-part.js';

/** ISSI IS25WP256, 256 Mbit 1.8 V QSPI NOR, addressed with the 4-byte opcodes. */
export const is25wp256 = {
  id: 'is25wp256',
  name: 'IS25WP256',
  vendor: 'ISSI',
  interface: 'spi-nor',
  jedecId: [0x9d, 0x70, 0x19], // research/imxrt.md §2.1 (LINUX)
  voltage: '1.8V',
  sizeBytes: 32 * 1024 * 1024,
  pageBytes: 256,
  sectorBytes: 4 * 1024,
  blockBytes: 64 * 1024,
  // 4-byte opcodes 0x21 / 0xDC (research/imxrt.md §2.1, §2.2 BL enums). No 4-byte 32 KiB erase
  // opcode is sourced, so 32 KiB is left out rather than guessed.
  eraseUnits: [
    { bytes: 4 * 1024, opcode: 0x21 },
    { bytes: 64 * 1024, opcode: 0xdc },
  ],
  addressBytes: 4,
  opcodes: {
    read: 0x13, fastRead: 0x0c, pageProgram: 0x12, quadPageProgram: 0x34, quadPageProgramPads: '1-1-4',
    readStatus: 0x05, writeStatus: 0x01, writeEnable: 0x06, chipErase: 0x60, readJedecId: 0x9f, readSfdp: 0x5a,
  },
  quadRead: { opcode: 0xec, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  quadEnable: { register: 'sr1', bit: 6, write: 'wrsr-1-byte' },
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 133 },
  timing: {
    pageProgramUs: { typ: 200, max: 800 },
    eraseMs: { 4096: { typ: 45, max: 300 }, 65536: { typ: 150, max: 1000 } },
    chipEraseMs: { typ: 100_000, max: 200_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  // LINUX: this part's BFPT says "3-byte only".
  quirks: ['opcode-0x35-enters-qpi', 'sfdp-address-bytes-wrong'],
  flashloaderOption: 0xc000_0007, // MBU uidef.py ISSI IS25WPxxxA (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.3, §2.7 (LINUX issi.c, BL 4-byte enums, MBU)',
  unverified: [
    'maxClockMhz 133 MHz (DS from memory); 0x03 limit 50 MHz assumed',
    'quad-read 0xEC with 2 mode + 4 dummy clocks assumed as on IS25WP064A',
    'quadPageProgram 0x34 (1-1-4, 4-byte): BL enum, not checked in the datasheet',
    'timing: not in the research; IS25WP064A values with chip erase x4',
    'flashloaderOption: MBU lists IS25WPxxxA, not the non-A 256',
    'quadEnableFactorySet false: unknown',
  ],
} as const satisfies FlashPart;
