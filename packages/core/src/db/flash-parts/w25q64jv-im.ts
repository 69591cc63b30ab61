import type { FlashPart } from '../flash-part.js';

/** Winbond W25Q64JV-IM/-JM (Teensy 4.1): ID EF 70 17, and QE is clear from the factory. */
export const w25q64jvIm = {
  id: 'w25q64jv-im',
  name: 'W25Q64JV-IM',
  vendor: 'Winbond',
  interface: 'spi-nor',
  jedecId: [0xef, 0x70, 0x17], // research/imxrt.md §2.1 (LINUX)
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
  // Teensy's FCB sends MODE8 0xFF then DUMMY 4 (research/imxrt.md §3.3(f)): 2 mode + 4 dummy clocks.
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  quadEnable: { register: 'sr2', bit: 1, write: 'wrsr2-0x31' },
  quadEnableFactorySet: false, // -IM/-JM ship with QE = 0 (research/imxrt.md §2.1, gotchas)
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 133 },
  timing: {
    pageProgramUs: { typ: 400, max: 3000 },
    eraseMs: { 4096: { typ: 45, max: 400 }, 32768: { typ: 120, max: 1600 }, 65536: { typ: 150, max: 2000 } },
    chipEraseMs: { typ: 20_000, max: 100_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  flashloaderOption: 0xc000_0207, // MBU uidef.py, Winbond W25QxxxJV (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.4, §2.7, §3.3(f) (LINUX winbond.c, TEENSY bootdata.c, DS, MBU)',
  unverified: [
    'quadEnableFactorySet false: research marks the factory QE state UNVERIFIED',
    '0x03 limit 50 MHz assumed',
    'timing: datasheet values from memory (research §2.4, W25Q64JV)',
  ],
} as const satisfies FlashPart;
