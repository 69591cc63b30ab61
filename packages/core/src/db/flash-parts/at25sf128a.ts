import type { FlashPart } from '../flash-part.js';

/** Adesto (Renesas) AT25SF128A, 128 Mbit 3 V QSPI NOR. */
export const at25sf128a = {
  id: 'at25sf128a',
  name: 'AT25SF128A',
  vendor: 'Adesto',
  interface: 'spi-nor',
  jedecId: [0x1f, 0x89, 0x01], // research/imxrt.md §2.1 (device ID 0x8901 per a third-party table)
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
  quadEnableFactorySet: false,
  busy: { bit: 0, busyWhen: 1 },
  maxClockMhz: { read: 50, fastRead: 104 },
  // Not in the research: W25Q128JV figures as a stand-in of the same class.
  timing: {
    pageProgramUs: { typ: 400, max: 3000 },
    eraseMs: { 4096: { typ: 45, max: 400 }, 32768: { typ: 120, max: 1600 }, 65536: { typ: 150, max: 2000 } },
    chipEraseMs: { typ: 40_000, max: 200_000 },
    writeStatusMs: { typ: 10, max: 15 },
  },
  flashloaderOption: 0xc000_0007, // MBU uidef.py, Adesto AT25SFxxxA (QE from SFDP) (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1, §2.2, §2.7 (third-party ID table, MBU, DS)',
  unverified: [
    'jedecId from a third-party table',
    'quadEnable SR2 bit 1 (research UNVERIFIED); writing it with 0x31 is assumed',
    'quadPageProgram 0x32 (research UNVERIFIED)',
    'quad-read 2 mode + 4 dummy clocks assumed (not in the research)',
    'maxClockMhz 104 MHz (DS, UNVERIFIED); 0x03 limit 50 MHz assumed',
    'timing: not in the research; W25Q128JV values used',
  ],
} as const satisfies FlashPart;
