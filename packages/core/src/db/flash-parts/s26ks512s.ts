import type { FlashPart } from '../flash-part.js';

/** Cypress/Infineon S26KS512S, 512 Mbit 1.8 V HyperFlash: the RT1050 EVKB default boot flash. */
export const s26ks512s = {
  id: 's26ks512s',
  name: 'S26KS512S',
  vendor: 'Cypress',
  interface: 'hyperflash',
  jedecId: null, // HyperBus: no 0x9F; ID via the ID/CFI ASO (research/imxrt.md §2.1)
  voltage: '1.8V',
  // research/imxrt.md §2.1, §3.3(c): 64 MiB, 512-byte write buffer (FCB pageSize), 256 KiB uniform sectors.
  sizeBytes: 64 * 1024 * 1024,
  pageBytes: 512,
  sectorBytes: 256 * 1024,
  blockBytes: 256 * 1024,
  // The erase is the command sequence 555←80, unlock, SA←30 (research/imxrt.md §2.5); 0x30 is its last byte.
  eraseUnits: [{ bytes: 256 * 1024, opcode: 0x30 }],
  // Not an SPI address: the FCB LUT sends a 24-bit row and a 16-bit column address (RADDR 0x18,
  // CADDR 0x10); 4 here says "more than 24 bits of byte address".
  addressBytes: 4,
  opcodes: null,
  quadRead: null,
  quadEnable: null,
  quadEnableFactorySet: false,
  // Status bit 7 (DRB, 1 = ready) seen as bit 15 of the 16-bit read: FCB busyOffset 15, polarity 1 (§2.5).
  busy: { bit: 15, busyWhen: 0 },
  maxClockMhz: { read: 166, fastRead: 166 }, // 166 MHz DDR (KS; the 3 V KL is 100 MHz)
  timing: {
    pageProgramUs: { typ: 500, max: 2000 },
    eraseMs: { 262144: { typ: 1000, max: 4000 } },
    chipEraseMs: { typ: 256_000, max: 1_024_000 },
    writeStatusMs: { typ: 0, max: 0 }, // no status register to write
  },
  quirks: ['word-addressed'],
  flashloaderOption: 0xc023_3007, // MBU uidef.py, ISSI/Infineon HyperFlash (research/imxrt.md §2.7)
  source: 'research/imxrt.md §2.1, §2.4, §2.5, §2.7, §3.3(c) (SDK evkbimxrt1050 FCB, DS, MBU)',
  unverified: [
    'maxClockMhz 166 MHz DDR (DS from memory)',
    'timing: page ~0.5 ms per 512 B and sector ~1 s typ (research §2.4, low confidence); max values and chip erase guessed',
    'ID via CFI: mfr 0x0001, device ID1 0x007E (research UNVERIFIED; not modelled here)',
  ],
} as const satisfies FlashPart;
