import type { FlashPart } from '../flash-part.js';

/** Macronix MX25L6433F (and MX25L6436F), 64 Mbit 3 V QSPI NOR. Quad page program is 0x38 (1-4-4). */
export const mx25l6433f = {
  id: 'mx25l6433f',
  name: 'MX25L6433F',
  vendor: 'Macronix',
  interface: 'spi-nor',
  // research/imxrt.md §2.1: LINUX lists C2 20 17 as mx25l6405d; that the 6433F shares it is DS.
  jedecId: [0xc2, 0x20, 0x17],
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
    read: 0x03, fastRead: 0x0b, pageProgram: 0x02, quadPageProgram: 0x38, quadPageProgramPads: '1-4-4',
    readStatus: 0x05, writeStatus: 0x01, writeEnable: 0x06, chipErase: 0x60, readJedecId: 0x9f, readSfdp: 0x5a,
  },
  // 6 clocks after the address, mode clocks included (research/imxrt.md §2.1).
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  // SR bit 6 (LINUX macronix_default_init: sr1_bit6); WRSR with SR alone leaves CR as is.
  quadEnable: { register: 'sr1', bit: 6, write: 'wrsr-1-byte' },
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 133 },
  timing: {
    pageProgramUs: { typ: 500, max: 1500 },
    eraseMs: { 4096: { typ: 30, max: 240 }, 32768: { typ: 150, max: 1500 }, 65536: { typ: 300, max: 2000 } },
    chipEraseMs: { typ: 20_000, max: 50_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  flashloaderOption: 0xc000_0007, // Macronix MX25Lxxx (research/imxrt.md §2.7; spsdk.md §2.9)
  source: 'research/imxrt.md §2.1-§2.4, §2.7 (LINUX macronix.c, DS, MBU, SPSDK memcfg_data.yaml)',
  unverified: [
    'jedecId: LINUX names C2 20 17 mx25l6405d; the 6433F sharing it is DS',
    'maxClockMhz: 133 MHz (DS from memory); 0x03 limit 50 MHz assumed',
    'mode/dummy split 2 + 4 inside the 6 clocks assumed',
    'writing SR with one byte leaves the configuration register unchanged (assumed)',
    'timing: datasheet values from memory (research §2.4, low confidence); writeStatusMs borrowed from Winbond',
    'flashloaderOption: MBU lists MX25Uxxx32F/MX25Lxxx45G; SPSDK lists MX25L/Uxxx',
  ],
} as const satisfies FlashPart;
