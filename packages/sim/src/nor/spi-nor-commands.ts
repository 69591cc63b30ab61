import type { FlashPart } from '@imxflash/core';
import type { Pads } from '../flash-bus/serial-flash-device.js';

/**
 * The opcodes an SPI NOR model decodes, built from the part's database entry
 * (research/imxrt.md §2.2). Each command says how the part clocks it: address width and pads,
 * mode + dummy clocks before data, data pads. The model interprets the wire as the part does,
 * by counting bytes and clocks, whatever the controller calls its LUT phases.
 */
export type SpiNorCommandKind =
  | 'read-array'
  | 'read-jedec-id'
  | 'read-sfdp'
  | 'read-status-1'
  | 'read-status-2'
  | 'write-status-1'
  | 'write-status-2'
  | 'write-enable'
  | 'write-disable'
  | 'page-program'
  | 'erase'
  | 'chip-erase'
  | 'enter-4-byte-mode'
  | 'exit-4-byte-mode'
  | 'reset-enable'
  | 'reset'
  | 'power-down'
  | 'release-power-down'
  | 'enter-qpi'
  | 'exit-qpi';

export interface SpiNorCommand {
  readonly opcode: number;
  readonly kind: SpiNorCommandKind;
  /** Address bytes: none, a fixed width, or 'mode' (3, or 4 after 0xB7). */
  readonly address: 0 | 3 | 4 | 'mode';
  readonly addressPads: Pads;
  readonly dataPads: Pads;
  /** Mode + dummy clocks between address and data: what the LUT's DUMMY counts (research Gotchas). */
  readonly waitClocks: number;
  /** Erase size for 'erase'; 0 otherwise. */
  readonly eraseBytes: number;
  /** True for commands with a data-in phase (program, status writes). */
  readonly writesData: boolean;
  /** True for commands the part drives data for. */
  readonly readsData: boolean;
}

/** Indexed by opcode. */
export type SpiNorCommandTable = readonly (SpiNorCommand | undefined)[];

/** 3-byte opcode → its 4-byte-address twin (research/imxrt.md §2.2, BL enums). 0x52 has none sourced. */
export const FOUR_BYTE_TWIN: ReadonlyMap<number, number> = new Map([
  [0x03, 0x13], [0x0b, 0x0c], [0x6b, 0x6c], [0xeb, 0xec],
  [0x02, 0x12], [0x32, 0x34], [0x38, 0x3e],
  [0x20, 0x21], [0xd8, 0xdc],
]);

/** The 3-byte twin of a 4-byte opcode, or the opcode itself. */
export function threeByteOpcode(opcode: number): number {
  for (const [three, four] of FOUR_BYTE_TWIN) if (four === opcode) return three;
  return opcode;
}

/** 0x6B 1-1-4 read: 8 dummy clocks (research/imxrt.md §2.2). */
const QUAD_OUTPUT_READ_DUMMY = 8;
/** 0x0B fast read and 0x5A SFDP read: 8 dummy clocks (research/imxrt.md §2.2). */
const FAST_READ_DUMMY = 8;

interface Shape {
  address?: 0 | 3 | 4 | 'mode';
  addressPads?: Pads;
  dataPads?: Pads;
  waitClocks?: number;
  eraseBytes?: number;
}

/** @throws RangeError when two facts of the part claim the same opcode (a database error). */
export function buildSpiNorCommandTable(part: FlashPart): SpiNorCommandTable {
  const ops = part.opcodes;
  if (part.interface !== 'spi-nor' || ops === null) throw new RangeError(`${part.id} is not an SPI NOR part`);
  const table: (SpiNorCommand | undefined)[] = new Array<SpiNorCommand | undefined>(256).fill(undefined);
  const fourByte = part.addressBytes === 4;

  const add = (opcode: number, kind: SpiNorCommandKind, shape: Shape = {}): void => {
    const existing = table[opcode];
    if (existing !== undefined) {
      if (existing.kind === kind) return;
      throw new RangeError(`${part.id}: opcode 0x${opcode.toString(16)} is both ${existing.kind} and ${kind}`);
    }
    table[opcode] = {
      opcode,
      kind,
      address: shape.address ?? 0,
      addressPads: shape.addressPads ?? 1,
      dataPads: shape.dataPads ?? 1,
      waitClocks: shape.waitClocks ?? 0,
      eraseBytes: shape.eraseBytes ?? 0,
      writesData: kind === 'page-program' || kind === 'write-status-1' || kind === 'write-status-2',
      readsData: kind.startsWith('read-'),
    };
  };
  /** Adds an addressed command in its 3-byte form (width by address mode) and, on 4-byte parts, its 4-byte twin. */
  const addAddressed = (opcode: number, kind: SpiNorCommandKind, shape: Shape): void => {
    const three = threeByteOpcode(opcode);
    add(three, kind, { ...shape, address: 'mode' });
    const four = FOUR_BYTE_TWIN.get(three);
    if (fourByte && four !== undefined) add(four, kind, { ...shape, address: 4 });
  };

  // Register and ID commands.
  add(ops.writeEnable, 'write-enable');
  add(0x04, 'write-disable');
  add(ops.readStatus, 'read-status-1');
  add(ops.writeStatus, 'write-status-1');
  add(ops.readJedecId, 'read-jedec-id');
  add(ops.readSfdp, 'read-sfdp', { address: 3, waitClocks: FAST_READ_DUMMY }); // 3-byte address always (UNVERIFIED in 4-byte mode)
  add(0x66, 'reset-enable');
  add(0x99, 'reset');
  add(0xb9, 'power-down');
  add(0xab, 'release-power-down');

  const qe = part.quadEnable;
  const qpiQuirk = part.quirks?.includes('opcode-0x35-enters-qpi') ?? false;
  if (qe?.register === 'sr2' && qe.bit === 1) {
    if (!qpiQuirk) add(0x35, 'read-status-2');
    if (qe.write === 'wrsr2-0x31') add(0x31, 'write-status-2');
  } else if (qe?.register === 'sr2' && qe.bit === 7) {
    add(0x3f, 'read-status-2');
    add(0x3e, 'write-status-2');
  }
  if (qpiQuirk) {
    // ISSI: 0x35 enters QPI, 0xF5 leaves it (research/imxrt.md §2.2, DS UNVERIFIED).
    add(0x35, 'enter-qpi');
    add(0xf5, 'exit-qpi');
  }

  // Reads.
  addAddressed(ops.read, 'read-array', {});
  addAddressed(ops.fastRead, 'read-array', { waitClocks: FAST_READ_DUMMY });
  const quad = part.quadRead;
  if (quad !== null) {
    const wait = quad.modeClocks + quad.dummyClocks;
    if (quad.pads === '1-4-4') {
      addAddressed(quad.opcode, 'read-array', { addressPads: 4, dataPads: 4, waitClocks: wait });
      addAddressed(0x6b, 'read-array', { dataPads: 4, waitClocks: QUAD_OUTPUT_READ_DUMMY });
    } else {
      addAddressed(quad.opcode, 'read-array', { dataPads: 4, waitClocks: wait });
    }
  }

  // Programs.
  addAddressed(ops.pageProgram, 'page-program', {});
  if (ops.quadPageProgram !== null) {
    const pads = ops.quadPageProgramPads === '1-4-4' ? 4 : 1;
    addAddressed(ops.quadPageProgram, 'page-program', { addressPads: pads, dataPads: 4 });
  }

  // Erases (research/imxrt.md §2.2: 0xC7 and 0x60 are both chip erase).
  for (const unit of part.eraseUnits) addAddressed(unit.opcode, 'erase', { eraseBytes: unit.bytes });
  add(0x60, 'chip-erase');
  add(0xc7, 'chip-erase');
  add(ops.chipErase, 'chip-erase');

  if (fourByte) {
    add(0xb7, 'enter-4-byte-mode');
    add(0xe9, 'exit-4-byte-mode');
  }
  return table;
}
