import type { QuadEnable } from '../db/flash-part.js';

// JESD216A+ DW15 b22:20 "Quad Enable Requirements" (research/imxrt.md §2.6, mapping as NXP BL does):
// 1, 4 and 5 differ only in how SR2 is read back; all are written with 0x01 and two bytes.
const QER_TO_QUAD_ENABLE: Readonly<Record<number, QuadEnable | null>> = {
  0: null,
  1: { register: 'sr2', bit: 1, write: 'wrsr-2-bytes' },
  2: { register: 'sr1', bit: 6, write: 'wrsr-1-byte' },
  3: { register: 'sr2', bit: 7, write: 'wrsr2-0x3e' },
  4: { register: 'sr2', bit: 1, write: 'wrsr-2-bytes' },
  5: { register: 'sr2', bit: 1, write: 'wrsr-2-bytes' },
  6: { register: 'sr2', bit: 1, write: 'wrsr2-0x31' },
};

/** Our QE method for a QER value; `undefined` for the reserved value 7. */
export function quadEnableFromQer(qer: number): QuadEnable | null | undefined {
  return QER_TO_QUAD_ENABLE[qer];
}

/** The QER value that describes a QE method (1 for SR2 bit 1 written with two bytes). */
export function qerFromQuadEnable(qe: QuadEnable | null): number {
  if (qe === null) return 0;
  if (qe.register === 'sr1') return 2;
  if (qe.bit === 7) return 3;
  return qe.write === 'wrsr2-0x31' ? 6 : 1;
}
