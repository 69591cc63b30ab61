/**
 * The wires between the FlexSPI controller model and a flash chip model, at the level of LUT
 * instruction phases: the controller executes a LUT sequence and turns each instruction into one
 * call here; the chip model decodes commands the way the real part does (it sees pads and DDR,
 * so a 4-pad phase to a part whose QE bit is clear can go wrong as on the hardware).
 *
 * Byte order: addresses are sent most significant byte first, as on the wire.
 */
export type Pads = 1 | 2 | 4 | 8;

export type SendPhase = 'cmd' | 'addr' | 'caddr' | 'mode' | 'data';

export interface SerialFlashDevice {
  /** CS# goes low: a new transaction starts. */
  select(): void;
  /** Controller → flash: one phase of the transaction (command byte(s), address, mode bits, data). */
  send(phase: SendPhase, bytes: Uint8Array, pads: Pads, ddr: boolean): void;
  /** Dummy cycles (data lines not driven). */
  dummy(cycles: number, pads: Pads, ddr: boolean): void;
  /** Flash → controller: `count` bytes. What a real part drives, including garbage when misused. */
  receive(count: number, pads: Pads, ddr: boolean): Uint8Array;
  /** CS# goes high: commands complete (a page program or erase starts here and sets WIP). */
  deselect(): void;
}
