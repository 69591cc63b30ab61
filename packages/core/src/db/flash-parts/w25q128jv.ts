import type { FlashPart } from '../flash-part.js';

/** Winbond W25Q128JV-IQ, 128 Mbit 3 V QSPI NOR (ID EF 40 18; the -IM variant answers EF 70 18). */
export const w25q128jv = {
  id: 'w25q128jv',
  name: 'W25Q128JV-IQ',
  vendor: 'Winbond',
  interface: 'spi-nor',
  jedecId: [0xef, 0x40, 0x18], // research/imxrt.md §2.1 (LINUX)
  voltage: '3V',
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
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  quadEnable: { register: 'sr2', bit: 1, write: 'wrsr2-0x31' },
  // The research states factory QE = 1 for W25Q64JV-IQ only; false makes the tools set it.
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 133 },
  // research/imxrt.md §2.4; typ values match LW's "W25Q128JV datasheet, typical".
  timing: {
    pageProgramUs: { typ: 400, max: 3000 },
    eraseMs: { 4096: { typ: 45, max: 400 }, 32768: { typ: 120, max: 1600 }, 65536: { typ: 150, max: 2000 } },
    chipEraseMs: { typ: 40_000, max: 200_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  flashloaderOption: 0xc000_0207, // MBU uidef.py, Winbond W25QxxxJV (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.4, §2.7 (LINUX winbond.c, DS, LW, MBU)',
  unverified: [
    'maxClockMhz: 133 MHz fast read (DS); 0x03 limit 50 MHz assumed',
    'quadEnableFactorySet: the -IQ factory state is not stated for this density',
    'timing max values: datasheet from memory (research §2.4)',
  ],
} as const satisfies FlashPart;
