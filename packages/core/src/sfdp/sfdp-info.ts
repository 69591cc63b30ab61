import type { QuadEnable, TypMax } from '../db/flash-part.js';

/** What `parseSfdp` decodes from a JESD216 SFDP image (research/imxrt.md §2.6). */
export interface SfdpInfo {
  /** SFDP header revision: major 1; minor 0 = JESD216, 5 = 216A, 6 = 216B, 7 = 216C. */
  readonly major: number;
  readonly minor: number;
  /** Header byte 7 (JESD216C access protocol; 0xFF on older parts). */
  readonly accessProtocol: number;
  readonly parameterHeaders: readonly SfdpParameterHeader[];
  readonly basic: SfdpBasicTable;
}

export interface SfdpParameterHeader {
  /** (MSB << 8) | LSB: 0xFF00 basic, 0xFF84 4-byte instructions, 0xFF81 sector map. */
  readonly id: number;
  readonly major: number;
  readonly minor: number;
  readonly lengthDwords: number;
  /** Byte address of the table in the SFDP space. */
  readonly pointer: number;
}

export type SfdpReadPads = '1-1-2' | '1-2-2' | '1-1-4' | '1-4-4' | '2-2-2' | '4-4-4';

export interface SfdpFastRead {
  readonly pads: SfdpReadPads;
  readonly opcode: number;
  readonly modeClocks: number;
  /** Wait states after the mode clocks. */
  readonly dummyClocks: number;
}

export interface SfdpEraseType {
  /** 1..4, the position in DW8/DW9 (DW10 times refer to it). */
  readonly type: number;
  readonly bytes: number;
  /** 3-byte-address opcode, as the BFPT gives it. */
  readonly opcode: number;
  /** From DW10 (JESD216A+), null before. */
  readonly timeMs: TypMax | null;
}

/** The Basic Flash Parameter Table (ID 0xFF00), decoded as far as its dwords go. */
export interface SfdpBasicTable {
  readonly header: SfdpParameterHeader;
  /** The raw dwords, DW1 first (index 0). */
  readonly dwords: readonly number[];
  /** DW2 density. */
  readonly sizeBytes: number;
  /** DW1 b18:17. */
  readonly addressModes: '3' | '3-or-4' | '4';
  /** DW1 b1:0 = 01 and b15:8; null when the part has no uniform 4 KiB erase. */
  readonly erase4kOpcode: number | null;
  /** DW1 b19. */
  readonly dtr: boolean;
  /** Supported fast reads from DW1/DW5 with their DW3/DW4/DW6/DW7 fields. */
  readonly fastReads: readonly SfdpFastRead[];
  /** DW8/DW9, in table order, unused slots skipped. */
  readonly eraseTypes: readonly SfdpEraseType[];
  /** DW11 b7:4 (JESD216A+), null before. */
  readonly pageBytes: number | null;
  /** DW11 page program time, null before JESD216A. */
  readonly pageProgramUs: TypMax | null;
  /** DW11 chip erase time, null before JESD216A. */
  readonly chipEraseMs: TypMax | null;
  /** DW14 b7:2 status polling: legacy = SR bit 0 via 0x05, flagStatus = 0x70 bit 7. Null before JESD216A. */
  readonly busyPolling: { readonly legacy: boolean; readonly flagStatus: boolean } | null;
  /** DW15 b22:20 Quad Enable Requirements, null before JESD216A. */
  readonly qer: number | null;
  /** `qer` in our terms; null when the part has no QE bit or the table predates DW15. */
  readonly quadEnable: QuadEnable | null;
  /** DW16 fields, raw (JESD216B bit positions), null before JESD216A. */
  readonly dw16: {
    readonly enter4Byte: number;
    readonly exit4Byte: number;
    readonly softReset: number;
    readonly statusRegisterWriteEnable: number;
  } | null;
}
