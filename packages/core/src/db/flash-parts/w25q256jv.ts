import type { FlashPart } from '../flash-part.js';

/** Winbond W25Q256JV-IQ, 256 Mbit 3 V QSPI NOR (ID EF 40 19), addressed with the 4-byte opcodes. */
export const w25q256jv = {
  id: 'w25q256jv',
  name: 'W25Q256JV-IQ',
  vendor: 'Winbond',
  interface: 'spi-nor',
  jedecId: [0xef, 0x40, 0x19], // research/imxrt.md §2.1 (LINUX; the FV answers the same ID without 4-byte opcodes)
  voltage: '3V',
  sizeBytes: 32 * 1024 * 1024,
  pageBytes: 256,
  sectorBytes: 4 * 1024,
  blockBytes: 64 * 1024,
  // 4-byte opcodes 0x21 / 0xDC (research/imxrt.md §2.2 BL enums); no sourced 4-byte 32 KiB erase.
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
  quadEnable: { register: 'sr2', bit: 1, write: 'wrsr2-0x31' },
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 133 },
  timing: {
    pageProgramUs: { typ: 400, max: 3000 },
    eraseMs: { 4096: { typ: 45, max: 400 }, 65536: { typ: 150, max: 2000 } },
    chipEraseMs: { typ: 80_000, max: 400_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  flashloaderOption: 0xc000_0207, // MBU uidef.py, Winbond W25QxxxJV (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1-§2.4, §2.7 (LINUX winbond.c, BL 4-byte enums, DS, MBU)',
  unverified: [
    'maxClockMhz: 133 MHz fast read (DS); 0x03 limit 50 MHz assumed',
    'quad-read 0xEC timing assumed equal to 0xEB (2 mode + 4 dummy)',
    'quadEnableFactorySet: the -IQ factory state is not stated for this density',
    'timing: datasheet values from memory (research §2.4)',
  ],
} as const satisfies FlashPart;
