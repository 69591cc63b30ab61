import type { FlashPart } from '../flash-part.js';

/** Winbond W25Q64JV-IQ/-JQ, 64 Mbit 3 V QSPI NOR (ID EF 40 17). The -IM/-JM variant is `w25q64jv-im`. */
export const w25q64jv = {
  id: 'w25q64jv',
  name: 'W25Q64JV-IQ',
  vendor: 'Winbond',
  interface: 'spi-nor',
  jedecId: [0xef, 0x40, 0x17], // research/imxrt.md §2.1 (LINUX)
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
  // 0xEB: address, M7-0 (2 clocks), 4 dummy clocks (research/imxrt.md §2.1).
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  // SR2 bit 1, written with 0x31 + 1 byte (research/imxrt.md §2.1, §2.3).
  quadEnable: { register: 'sr2', bit: 1, write: 'wrsr2-0x31' },
  quadEnableFactorySet: true, // -IQ/-JQ leave the factory with QE = 1 (DS, LW)
  busy: { bit: 0, busyWhen: 1 }, // SR1 b0 BUSY
  maxClockMhz: { read: 50, fastRead: 133 },
  timing: {
    pageProgramUs: { typ: 400, max: 3000 },
    eraseMs: { 4096: { typ: 45, max: 400 }, 32768: { typ: 120, max: 1600 }, 65536: { typ: 150, max: 2000 } },
    chipEraseMs: { typ: 20_000, max: 100_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  flashloaderOption: 0xc000_0207, // MBU uidef.py, Winbond W25QxxxJV (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.4, §2.7 (LINUX winbond.c, DS, MBU)',
  unverified: [
    'maxClockMhz: 133 MHz fast read (DS from memory); 0x03 limit 50 MHz assumed',
    'quadEnableFactorySet true: DS and LW say so, not checked',
    'timing: datasheet values from memory (research §2.4)',
  ],
} as const satisfies FlashPart;
