import type { FlashPart } from '@imxflash/core';

/**
 * SPI NOR status registers (research/imxrt.md §2.3), driven by the part's facts:
 * - SR1: b0 WIP/BUSY (at `part.busy.bit`), b1 WEL; b7:2 non-volatile.
 *   ISSI / Macronix (QE in SR1 bit 6): b5:2 BP0-3, b6 QE, b7 SRWD.
 *   Winbond / GigaDevice / Adesto (QE in SR2): b4:2 BP0-2, b5 TB, b6 SEC, b7 SRP.
 * - SR2 (parts whose QE lives there): Winbond b1 QE, b7 SUS (read-only); or QE at b7 (0x3E/0x3F parts).
 *
 * Block protection, simple model: any BP bit set protects the whole array (real parts protect a
 * fraction chosen by BP/TB/SEC/CMP; not modelled). SRWD/SRP with WP#, SRL, LB (OTP) and CMP have no
 * effect here. The factory state has every BP bit clear.
 */
export const WEL_BIT = 1 << 1;

/** Writable non-volatile SR1 bits (WIP and WEL are read-only). */
const SR1_WRITABLE = 0xfc;

export class SpiNorStatusRegisters {
  /** Non-volatile SR1 bits (never WIP or WEL). */
  sr1 = 0;
  /** Non-volatile SR2 bits; stays 0 on parts without SR2. */
  sr2 = 0;
  /** Write Enable Latch (volatile). */
  wel = false;
  private readonly busyMask: number;
  private readonly busyWhen: 0 | 1;
  private readonly qeRegister: 'sr1' | 'sr2' | null;
  private readonly qeMask: number;
  private readonly bpMask: number;
  private readonly sr2Writable: number;

  constructor(part: FlashPart, quadEnableSet: boolean) {
    this.busyMask = 1 << part.busy.bit;
    this.busyWhen = part.busy.busyWhen;
    const qe = part.quadEnable;
    this.qeRegister = qe?.register ?? null;
    this.qeMask = qe === null ? 0 : 1 << qe.bit;
    this.bpMask = qe?.register === 'sr1' ? 0x3c : 0x1c;
    // SR2 bit 7 is SUS (read-only) on Winbond, unless it is the QE bit (QER 3 parts).
    this.sr2Writable = qe?.register === 'sr2' && qe.bit === 7 ? 0xff : 0x7f;
    if (quadEnableSet) this.setQuadEnable(true);
  }

  /** True when quad phases work: the QE bit is set, or the part has none (quad always on). */
  get quadEnabled(): boolean {
    if (this.qeRegister === null) return true;
    return ((this.qeRegister === 'sr1' ? this.sr1 : this.sr2) & this.qeMask) !== 0;
  }

  /** True when a BP bit is set: every program and erase is refused (simple model). */
  get protectsArray(): boolean {
    return (this.sr1 & this.bpMask) !== 0;
  }

  /** SR1 as 0x05 returns it. */
  read1(busy: boolean): number {
    let v = this.sr1 & ~(this.busyMask | WEL_BIT);
    if (this.wel) v |= WEL_BIT;
    if (busy === (this.busyWhen === 1)) v |= this.busyMask;
    return v & 0xff;
  }

  /** SR2 as 0x35 (or 0x3F) returns it. */
  read2(): number {
    return this.sr2 & 0xff;
  }

  writeSr1(value: number): void {
    this.sr1 = value & SR1_WRITABLE & ~this.busyMask;
  }

  writeSr2(value: number): void {
    this.sr2 = (this.sr2 & ~this.sr2Writable) | (value & this.sr2Writable);
  }

  setQuadEnable(on: boolean): void {
    if (this.qeRegister === 'sr1') this.sr1 = on ? this.sr1 | this.qeMask : this.sr1 & ~this.qeMask;
    else if (this.qeRegister === 'sr2') this.sr2 = on ? this.sr2 | this.qeMask : this.sr2 & ~this.qeMask;
  }
}
