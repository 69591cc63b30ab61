import type { Chip } from '../db/chip.js';
import type { FlashPart } from '../db/flash-part.js';

/*
 * Test-only chip and flash-part entries for the boot codecs' tests, built from the research
 * facts (research/imxrt.md §2.1, §3.2, §3.3; research/spsdk.md §3.2) so these tests do not
 * depend on the database entries in db/chips and db/flash-parts. Only the fields the FCB
 * builder reads matter; the rest are plausible fillers. Not exported from the package.
 */

const CLOCKS_RT1050 = { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 133, 8: 166, 9: 200 };
const CLOCKS_RT1020 = { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 133, 8: 166 };
const CLOCKS_RT1060 = { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 120, 8: 133, 9: 166, 10: 200 };
const CLOCKS_RT1170 = { 1: 30, 2: 50, 3: 60, 4: 80, 5: 100, 6: 120, 7: 133, 8: 166, 9: 200 };

function chip(id: string, name: string, serialClkFreqMhz: Record<number, number>, fcbOffset: number, flashBase: number): Chip {
  return {
    id,
    aliases: [],
    name,
    core: 'cortex-m7',
    memory: [{ name: 'FLEXSPI', kind: 'flash', start: flashBase, sizeBytes: 0x1000_0000, defaultEnabledBytes: 0x1000_0000 }],
    flexspi: [
      {
        name: 'FLEXSPI',
        registerBase: 0x402a_8000,
        ahbWindow: { start: flashBase, end: flashBase + 0x1000_0000 },
        ardf: 0x7fc0_0000,
        atdf: 0x7f80_0000,
        ipFifoBytes: 128,
        ahbRxBuffers: 4,
        lutWords: 64,
      },
    ],
    bootFlexspi: 0,
    fcbOffset,
    ivtOffset: 0x1000,
    initialLoadSize: 0x2000,
    bootHeader: 'ivt',
    dcdSupported: true,
    serialClkFreqMhz,
    romUsb: [{ vid: 0x1fc9, pid: 0x0130 }],
    flashloaderUsb: { vid: 0x15a2, pid: 0x0073 },
    flashloaderLoadAddresses: [0x2020_8200],
    romReservedRam: [],
    registers: { srcSbmr1: 0x400f_8004, srcSbmr2: 0x400f_801c, ocotpBase: 0x401f_4000 },
    source: 'test fixture: research/imxrt.md §3.2, §4.1',
  };
}

export const fixtureRt1050 = chip('rt1050', 'i.MX RT1050', CLOCKS_RT1050, 0, 0x6000_0000);
export const fixtureRt1020 = chip('rt1020', 'i.MX RT1020', CLOCKS_RT1020, 0, 0x6000_0000);
export const fixtureRt1060 = chip('rt1060', 'i.MX RT1060', CLOCKS_RT1060, 0, 0x6000_0000);
export const fixtureRt1170 = chip('rt1170', 'i.MX RT1170', CLOCKS_RT1170, 0x400, 0x3000_0000);

const TIMING = {
  pageProgramUs: { typ: 200, max: 800 },
  eraseMs: { 4096: { typ: 45, max: 300 }, 32768: { typ: 100, max: 500 }, 65536: { typ: 150, max: 1000 } },
  chipEraseMs: { typ: 25_000, max: 50_000 },
  writeStatusMs: { typ: 10, max: 15 },
};

const SPI_OPCODES = {
  read: 0x03,
  fastRead: 0x0b,
  pageProgram: 0x02,
  quadPageProgram: 0x32,
  quadPageProgramPads: '1-1-4',
  readStatus: 0x05,
  writeStatus: 0x01,
  writeEnable: 0x06,
  chipErase: 0x60,
  readJedecId: 0x9f,
  readSfdp: 0x5a,
} as const;

const UNIFORM_ERASE = [
  { bytes: 4096, opcode: 0x20 },
  { bytes: 32768, opcode: 0x52 },
  { bytes: 65536, opcode: 0xd8 },
] as const;

/** ISSI IS25WP064A, the MIMXRT1060-EVK QSPI (research/imxrt.md §2.1, research/spsdk.md §3.2). */
export const fixtureIs25wp064a: FlashPart = {
  id: 'is25wp064a',
  name: 'IS25WP064A',
  vendor: 'ISSI',
  interface: 'spi-nor',
  jedecId: [0x9d, 0x70, 0x17],
  voltage: '1.8V',
  sizeBytes: 8 << 20,
  pageBytes: 256,
  sectorBytes: 4096,
  blockBytes: 65536,
  eraseUnits: UNIFORM_ERASE,
  addressBytes: 3,
  opcodes: SPI_OPCODES,
  quadRead: { opcode: 0xeb, pads: '1-4-4', modeClocks: 2, dummyClocks: 4 },
  quadEnable: { register: 'sr1', bit: 6, write: 'wrsr-1-byte' },
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 133 },
  timing: TIMING,
  quirks: ['opcode-0x35-enters-qpi'],
  flashloaderOption: 0xc000_0007,
  source: 'test fixture: research/imxrt.md §2.1',
};

/** ISSI IS25LP064A on the RT1020-EVK (golden (d)). */
export const fixtureIs25lp064a: FlashPart = {
  ...fixtureIs25wp064a,
  id: 'is25lp064a',
  name: 'IS25LP064A',
  jedecId: [0x9d, 0x60, 0x17],
  voltage: '3V',
};

/** ISSI IS25WP128 on the RT1170-EVK (golden (e)). */
export const fixtureIs25wp128: FlashPart = {
  ...fixtureIs25wp064a,
  id: 'is25wp128',
  name: 'IS25WP128',
  jedecId: [0x9d, 0x70, 0x18],
  sizeBytes: 16 << 20,
};

/** Winbond W25Q16JV-IM, the Teensy 4.0 flash (golden (f)/(g)); QE is SR2 bit 1 via 0x31. */
export const fixtureW25q16jvIm: FlashPart = {
  ...fixtureIs25wp064a,
  id: 'w25q16jv-im',
  name: 'W25Q16JV-IM',
  vendor: 'Winbond',
  jedecId: [0xef, 0x70, 0x15],
  voltage: '3V',
  sizeBytes: 2 << 20,
  opcodes: { ...SPI_OPCODES, chipErase: 0xc7 },
  quadEnable: { register: 'sr2', bit: 1, write: 'wrsr2-0x31' },
  quirks: [],
  flashloaderOption: 0xc000_0207,
};

/** A 32 MiB part with 4-byte addressing, its opcodes given in 3-byte form; QE via WRSR 2 bytes. */
export const fixtureW25q256jv: FlashPart = {
  ...fixtureW25q16jvIm,
  id: 'w25q256jv',
  name: 'W25Q256JV',
  jedecId: [0xef, 0x40, 0x19],
  sizeBytes: 32 << 20,
  addressBytes: 4,
  quadEnable: { register: 'sr2', bit: 1, write: 'wrsr-2-bytes' },
};

/** A part whose fastest read is 1-1-4 0x6B with 8 dummy clocks; QE is SR2 bit 7 (0x3E). */
export const fixtureQuadOutputPart: FlashPart = {
  ...fixtureW25q16jvIm,
  id: 'test-1-1-4',
  name: 'TEST-114',
  quadRead: { opcode: 0x6b, pads: '1-1-4', modeClocks: 0, dummyClocks: 8 },
  quadEnable: { register: 'sr2', bit: 7, write: 'wrsr2-0x3e' },
};

/** Infineon S26KS512S HyperFlash on the EVKB-IMXRT1050 (research/imxrt.md §2.1, §2.5, §3.3 (c)). */
export const fixtureS26ks512s: FlashPart = {
  id: 's26ks512s',
  name: 'S26KS512S',
  vendor: 'Infineon',
  interface: 'hyperflash',
  jedecId: null,
  voltage: '1.8V',
  sizeBytes: 64 << 20,
  pageBytes: 512,
  sectorBytes: 256 << 10,
  blockBytes: 256 << 10,
  eraseUnits: [{ bytes: 256 << 10, opcode: 0 }],
  addressBytes: 4,
  opcodes: null,
  quadRead: null,
  quadEnable: null,
  quadEnableFactorySet: false,
  busy: { bit: 15, busyWhen: 0 },
  maxClockMhz: { read: 166, fastRead: 166 },
  timing: TIMING,
  quirks: ['word-addressed'],
  flashloaderOption: 0xc023_3007,
  source: 'test fixture: research/imxrt.md §2.5',
};

/**
 * The 512-byte IS25WP064A FCB of SPSDK `tests/mcu_examples/data/rt106x/flex_spi.fcb`: the non-zero
 * bytes listed in research/spsdk.md §3.2, zero elsewhere.
 */
export function goldenIs25wp064aFcbBytes(): Uint8Array {
  const rows: Record<number, number[]> = {
    0x000: [0x46, 0x43, 0x46, 0x42, 0x00, 0x04, 0x01, 0x56, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x00],
    0x040: [0x10, 0x00, 0x00, 0x00, 0x01, 0x04, 0x07, 0x00],
    0x050: [0x00, 0x00, 0x80, 0x00],
    0x080: [0xeb, 0x04, 0x18, 0x0a, 0x06, 0x32, 0x04, 0x26], // seq0 read
    0x090: [0x05, 0x04, 0x04, 0x24], // seq1 read status
    0x0b0: [0x06, 0x04], // seq3 write enable
    0x0d0: [0x20, 0x04, 0x18, 0x08], // seq5 4 KiB sector erase
    0x100: [0xd8, 0x04, 0x18, 0x08], // seq8 64 KiB block erase
    0x110: [0x02, 0x04, 0x18, 0x08, 0x04, 0x20], // seq9 page program
    0x130: [0x60, 0x04], // seq11 chip erase
    0x1c0: [0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
    0x1d0: [0x00, 0x00, 0x01, 0x00],
  };
  const bytes = new Uint8Array(512);
  for (const [offset, row] of Object.entries(rows)) bytes.set(row, Number(offset));
  return bytes;
}
