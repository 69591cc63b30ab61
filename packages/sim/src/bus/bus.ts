/**
 * The board's memory bus as seen by a bus master (the debug port's MEM-AP, the boot ROM model,
 * the flashloader model). Little-endian. An access to an unmapped address, a clock-gated
 * peripheral or a read-only region throws {@link BusFault}, which the debug port reports as FAULT.
 */
export interface Bus {
  read32(address: number): number;
  write32(address: number, value: number): void;
  read16(address: number): number;
  write16(address: number, value: number): void;
  read8(address: number): number;
  write8(address: number, value: number): void;
  /** Byte block access; faults like the first faulting byte would. */
  readBlock(address: number, length: number): Uint8Array;
  writeBlock(address: number, data: Uint8Array): void;
}

/** A bus error (the AHB/AXI error response). Internal to the sim: drivers see FAULT, not this. */
export class BusFault extends Error {
  override readonly name = 'BusFault';
  constructor(
    readonly address: number,
    readonly access: 'read' | 'write',
    readonly reason: 'unmapped' | 'clock-gated' | 'read-only' | 'alignment' | 'device-error',
  ) {
    super(`bus fault: ${access} at 0x${(address >>> 0).toString(16).padStart(8, '0')} (${reason})`);
  }
}

/** One peripheral or memory mapped at [base, base + size). Offsets are relative to base. */
export interface BusDevice {
  readonly name: string;
  readonly base: number;
  readonly size: number;
  read32(offset: number): number;
  write32(offset: number, value: number): void;
  /** Optional byte-granular access (memories); peripherals get 32-bit read-modify-write. */
  read8?(offset: number): number;
  write8?(offset: number, value: number): void;
  readBlock?(offset: number, length: number): Uint8Array;
  writeBlock?(offset: number, data: Uint8Array): void;
  /** Throws BusFault('clock-gated') when the peripheral's clock is off. */
  checkAccess?(offset: number, access: 'read' | 'write'): void;
}
