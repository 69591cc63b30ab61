import type { FlashPart } from '../flash-part.js';

/** GigaDevice GD25Q64C, 64 Mbit 3 V QSPI NOR. QE is SR2 (S9) bit 1, written with 0x31. */
export const gd25q64c = {
  id: 'gd25q64c',
  name: 'GD25Q64C',
  vendor: 'GigaDevice',
  interface: 'spi-nor',
  jedecId: [0xc8, 0x40, 0x17], // research/imxrt.md §2.1 (LINUX)
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
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 }, // research/imxrt.md §2.1
  // The NXP option word for this part selects "SR2 bit 1 via 0x31" (MBU 0xC0000406; research §2.1, §2.7).
  quadEnable: { register: 'sr2', bit: 1, write: 'wrsr2-0x31' },
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 120 },
  timing: {
    pageProgramUs: { typ: 600, max: 2400 },
    eraseMs: { 4096: { typ: 50, max: 400 }, 32768: { typ: 150, max: 800 }, 65536: { typ: 250, max: 1200 } },
    chipEraseMs: { typ: 25_000, max: 80_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  flashloaderOption: 0xc000_0406, // MBU uidef.py, GigaDevice GD25QxxxC (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.4, §2.7 (LINUX gigadevice.c, DS, MBU)',
  unverified: [
    'maxClockMhz: 120 MHz fast read (DS from memory); 0x03 limit 50 MHz assumed',
    'timing: datasheet values from memory (research §2.4, low confidence); writeStatusMs borrowed from Winbond',
  ],
} as const satisfies FlashPart;
