import type { FlashPart } from '../flash-part.js';

/** ISSI IS25WP128(A), 128 Mbit 1.8 V QSPI NOR: the NOR on the RT1170 EVK. */
export const is25wp128 = {
  id: 'is25wp128',
  name: 'IS25WP128',
  vendor: 'ISSI',
  interface: 'spi-nor',
  jedecId: [0x9d, 0x70, 0x18], // research/imxrt.md §2.1 (LINUX)
  voltage: '1.8V',
  sizeBytes: 16 * 1024 * 1024,
  pageBytes: 256,
  sectorBytes: 4 * 1024,
  blockBytes: 64 * 1024,
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
  // Default as the rest of the family (2 mode + 4 dummy). The RT1170 EVK writes Read Parameters 0x48
  // for 9 dummy clocks at 133 MHz (research/imxrt.md §2.1, §3.3(e)); that is an FCB choice.
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  quadEnable: { register: 'sr1', bit: 6, write: 'wrsr-1-byte' },
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  // 133 MHz; the "A" parts 166 MHz (DS front page). The lower figure covers both.
  maxClockMhz: { read: 50, fastRead: 133 },
  timing: {
    pageProgramUs: { typ: 200, max: 800 },
    eraseMs: { 4096: { typ: 45, max: 300 }, 32768: { typ: 100, max: 500 }, 65536: { typ: 150, max: 1000 } },
    chipEraseMs: { typ: 50_000, max: 100_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  quirks: ['opcode-0x35-enters-qpi'],
  flashloaderOption: 0xc000_0007, // MBU uidef.py, ISSI IS25WPxxxA (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.3, §2.7, §3.3(e) (LINUX issi.c, SDK evkmimxrt1170 FCB, DS front page, MBU)',
  unverified: [
    'default quad-read dummy clocks assumed equal to IS25WP064A',
    '0x03 read limit 50 MHz assumed as on IS25WP064A',
    'quadPageProgram 0x32: DS from memory',
    'timing: not in the research; IS25WP064A values with chip erase doubled',
    'quadEnableFactorySet false: unknown',
  ],
} as const satisfies FlashPart;
