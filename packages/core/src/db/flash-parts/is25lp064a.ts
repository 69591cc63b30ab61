import type { FlashPart } from '../flash-part.js';

/** ISSI IS25LP064A, 64 Mbit 3 V QSPI NOR: the NOR on the RT1020 EVK. */
export const is25lp064a = {
  id: 'is25lp064a',
  name: 'IS25LP064A',
  vendor: 'ISSI',
  interface: 'spi-nor',
  jedecId: [0x9d, 0x60, 0x17], // research/imxrt.md §2.1 (LINUX)
  voltage: '3V',
  sizeBytes: 8 * 1024 * 1024,
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
  // Default: 6 clocks after the address including 2 mode clocks (research/imxrt.md §2.1). The RT1020 EVK
  // sets Read Parameters 0xF0 (0xC0) for 8 dummy clocks at 133 MHz (§3.3(d)); that is an FCB choice.
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  quadEnable: { register: 'sr1', bit: 6, write: 'wrsr-1-byte' },
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 133 },
  timing: {
    pageProgramUs: { typ: 200, max: 800 },
    eraseMs: { 4096: { typ: 45, max: 300 }, 32768: { typ: 100, max: 500 }, 65536: { typ: 150, max: 1000 } },
    chipEraseMs: { typ: 25_000, max: 50_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  quirks: ['opcode-0x35-enters-qpi'],
  flashloaderOption: 0xc000_0007, // MBU uidef.py, ISSI IS25LPxxxA (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.4, §2.7, §3.3(d) (LINUX issi.c, SDK evkmimxrt1020 FCB, MBU)',
  unverified: [
    'maxClockMhz: 133 MHz fast read (DS from memory); 50 MHz 0x03 read assumed as on IS25WP064A',
    'quadPageProgram 0x32 (0x38 also accepted): DS from memory',
    'timing: datasheet values from memory (research §2.4, low confidence); writeStatusMs borrowed from Winbond',
    'quadEnableFactorySet false: unknown',
  ],
} as const satisfies FlashPart;
