import type { FlashPart } from '../flash-part.js';

/** ISSI IS25WP064A, 64 Mbit 1.8 V QSPI NOR: the NOR on the RT1050/RT1060/RT1064 EVKs. */
export const is25wp064a = {
  id: 'is25wp064a',
  name: 'IS25WP064A',
  vendor: 'ISSI',
  interface: 'spi-nor',
  // research/imxrt.md §2.1: ID and size (LINUX), voltage and clocks (DS front page, verified text).
  jedecId: [0x9d, 0x70, 0x17],
  voltage: '1.8V',
  sizeBytes: 8 * 1024 * 1024,
  pageBytes: 256,
  sectorBytes: 4 * 1024,
  blockBytes: 64 * 1024,
  // research/imxrt.md §2.2 (erase 0x20 / 0x52 / 0xD8), §3.3(a) golden LUT (SE 0x20, BE 0xD8).
  eraseUnits: [
    { bytes: 4 * 1024, opcode: 0x20 },
    { bytes: 32 * 1024, opcode: 0x52 },
    { bytes: 64 * 1024, opcode: 0xd8 },
  ],
  addressBytes: 3,
  opcodes: {
    read: 0x03, fastRead: 0x0b, pageProgram: 0x02, quadPageProgram: 0x32, quadPageProgramPads: '1-1-4',
    readStatus: 0x05, writeStatus: 0x01, writeEnable: 0x06, chipErase: 0x60, readJedecId: 0x9f, readSfdp: 0x5a,
  },
  // 0xEB: 6 address clocks, then 6 clocks that include the 2 mode clocks (research/imxrt.md §2.1;
  // golden FCB §3.3(a) DUMMY 6 = modeClocks + dummyClocks).
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  // SR1 bit 6, non-volatile, WRSR with one byte (LINUX spi_nor_sr1_bit6_quad_enable; SDK 0x40).
  quadEnable: { register: 'sr1', bit: 6, write: 'wrsr-1-byte' },
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 }, // SR b0 WIP (research/imxrt.md §2.3)
  maxClockMhz: { read: 50, fastRead: 133 },
  // research/imxrt.md §2.4 (all UNVERIFIED); write-status time from the Winbond figure.
  timing: {
    pageProgramUs: { typ: 200, max: 800 },
    eraseMs: { 4096: { typ: 45, max: 300 }, 32768: { typ: 100, max: 500 }, 65536: { typ: 150, max: 1000 } },
    chipEraseMs: { typ: 25_000, max: 50_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  quirks: ['opcode-0x35-enters-qpi'], // research/imxrt.md §2.2
  flashloaderOption: 0xc000_0007, // MBU uidef.py, ISSI IS25WPxxxA (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.4, §2.7, §3.3(a) (LINUX issi.c, SDK evkmimxrt1060 FCB, DS front page, MBU)',
  unverified: [
    'quadPageProgram 0x32 (0x38 also accepted): DS from memory',
    'timing: datasheet values from memory (research §2.4, low confidence); writeStatusMs borrowed from Winbond',
    'quadEnableFactorySet false: unknown, the tools set QE themselves',
  ],
} as const satisfies FlashPart;
