/**
 * A serial NOR or HyperFlash part, as data (STYLE R11). Everything the FCB/LUT builder, the
 * planner and the simulator need to know about a part lives here; logic never special-cases a
 * part by name. Every entry names its source; datasheet values not checked against a primary
 * source are listed in `unverified`.
 */
export interface FlashPart {
  /** Lower-case id used on the command line: `is25wp064a`. */
  readonly id: string;
  /** Marketing name: `IS25WP064A`. */
  readonly name: string;
  readonly vendor: string;
  readonly interface: 'spi-nor' | 'hyperflash';
  /** Bytes returned by 0x9F (manufacturer, type, capacity); `null` for HyperFlash (ID via CFI). */
  readonly jedecId: readonly [number, number, number] | null;
  readonly voltage: '1.8V' | '3V';
  readonly sizeBytes: number;
  readonly pageBytes: number;
  /** Smallest erase unit. */
  readonly sectorBytes: number;
  /** Largest erase unit below chip erase (64 KiB on SPI NOR; the sector on HyperFlash). */
  readonly blockBytes: number;
  /** Erase units the part offers, smallest first, each with its opcode (SPI NOR) . */
  readonly eraseUnits: readonly EraseUnit[];
  /** 3 = 24-bit addresses (≤ 16 MiB), 4 = 32-bit addressing with the 4-byte opcodes. */
  readonly addressBytes: 3 | 4;
  readonly opcodes: SpiNorOpcodes | null;
  /** The fastest read the part supports and how it is clocked (null for HyperFlash). */
  readonly quadRead: QuadRead | null;
  /** How the part's Quad Enable bit is set; `null` when it has none (HyperFlash, QE-less parts). */
  readonly quadEnable: QuadEnable | null;
  /** True when parts leave the factory with QE set (e.g. Winbond -IQ); false or unknown otherwise. */
  readonly quadEnableFactorySet: boolean;
  /** Status register: which bit says busy and what value means busy. */
  readonly busy: { readonly bit: number; readonly busyWhen: 0 | 1 };
  readonly maxClockMhz: {
    /** Normal read 0x03 (no dummy). */
    readonly read: number;
    /** Fast and quad reads. */
    readonly fastRead: number;
  };
  readonly timing: FlashTiming;
  /** Part quirks the tools must respect, e.g. ISSI's 0x35 entering QPI mode. */
  readonly quirks?: readonly FlashQuirk[];
  /** The NXP flashloader "serial NOR config option" word for this part (research/imxrt.md §2.7). */
  readonly flashloaderOption: number;
  readonly source: string;
  /** Fields whose values come from memory or secondary sources (research marks them UNVERIFIED). */
  readonly unverified?: readonly string[];
}

export interface EraseUnit {
  readonly bytes: number;
  /** Opcode for SPI NOR; for HyperFlash the sector-erase command sequence is implied. */
  readonly opcode: number;
}

export interface SpiNorOpcodes {
  readonly read: number;          // 0x03 (0x13 with 4-byte addresses)
  readonly fastRead: number;      // 0x0B
  readonly pageProgram: number;   // 0x02 (0x12)
  readonly quadPageProgram: number | null; // 0x32 1-1-4 or 0x38 1-4-4
  readonly quadPageProgramPads: '1-1-4' | '1-4-4' | null;
  readonly readStatus: number;    // 0x05
  readonly writeStatus: number;   // 0x01
  readonly writeEnable: number;   // 0x06
  readonly chipErase: number;     // 0x60 or 0xC7
  readonly readJedecId: number;   // 0x9F
  readonly readSfdp: number;      // 0x5A
}

export interface QuadRead {
  /** 0xEB (1-4-4) or 0xEC (4-byte 1-4-4) or 0x6B (1-1-4). */
  readonly opcode: number;
  readonly pads: '1-4-4' | '1-1-4';
  /** Mode clocks (counted inside the FCB's DUMMY operand, as NXP's LUTs do). */
  readonly modeClocks: number;
  /** Dummy clocks after the mode clocks at the part's default configuration. */
  readonly dummyClocks: number;
}

export type QuadEnable =
  /** QE is SR1 bit 6, written with WRSR (0x01) and one data byte (ISSI, Macronix). */
  | { readonly register: 'sr1'; readonly bit: 6; readonly write: 'wrsr-1-byte' }
  /** QE is SR2 bit 1, written with 0x31 and one byte (Winbond, GigaDevice). */
  | { readonly register: 'sr2'; readonly bit: 1; readonly write: 'wrsr2-0x31' }
  /** QE is SR2 bit 1, written with WRSR (0x01) and two bytes SR1, SR2. */
  | { readonly register: 'sr2'; readonly bit: 1; readonly write: 'wrsr-2-bytes' }
  /** QE is SR2 bit 7, read with 0x3F and written with 0x3E. */
  | { readonly register: 'sr2'; readonly bit: 7; readonly write: 'wrsr2-0x3e' };

export interface TypMax {
  readonly typ: number;
  readonly max: number;
}

export interface FlashTiming {
  readonly pageProgramUs: TypMax;
  /** Keyed by erase size in bytes (4096, 32768, 65536, 262144 …). */
  readonly eraseMs: Readonly<Record<number, TypMax>>;
  readonly chipEraseMs: TypMax;
  readonly writeStatusMs: TypMax;
}

export type FlashQuirk =
  /** 0x35 is Enter-QPI on ISSI, not Read-SR2: never send it. */
  | 'opcode-0x35-enters-qpi'
  /** The part's BFPT under-reports its address mode (LINUX: IS25xP256). */
  | 'sfdp-address-bytes-wrong'
  /** Word-addressed HyperBus device (FLSHCR1.WA, CAS = 3). */
  | 'word-addressed';
