import type { Bus } from '../bus/bus.js';

/**
 * The Cortex-M7 debug view of the System Control Space (research/cmsisdap.md §2.6): DHCSR,
 * DCRSR/DCRDR, DEMCR, AIRCR, VTOR, DFSR, CPUID, MPU_CTRL, FPB and DWT registers. The sim cannot
 * execute ARM code: a "running" core changes nothing, a halted core holds its registers, and a
 * system reset re-reads SP/PC from the vector table and halts at once when VC_CORERESET is set.
 */
export const SCS = {
  CPUID: 0xe000_ed00,
  VTOR: 0xe000_ed08,
  AIRCR: 0xe000_ed0c,
  DFSR: 0xe000_ed30,
  MPU_CTRL: 0xe000_ed94,
  DHCSR: 0xe000_edf0,
  DCRSR: 0xe000_edf4,
  DCRDR: 0xe000_edf8,
  DEMCR: 0xe000_edfc,
} as const;

export const DHCSR = {
  C_DEBUGEN: 1 << 0, C_HALT: 1 << 1, C_STEP: 1 << 2, C_MASKINTS: 1 << 3,
  S_REGRDY: 1 << 16, S_HALT: 1 << 17, S_SLEEP: 1 << 18, S_LOCKUP: 1 << 19, S_RETIRE_ST: 1 << 24, S_RESET_ST: 1 << 25,
} as const;
const DBGKEY = 0xa05f;
const VECTKEY = 0x05fa;
/** Cortex-M7 r1p1 CPUID (0x411FC271); the exact revision of RT1050 silicon is UNVERIFIED. */
export const CORTEX_M7_CPUID = 0x411f_c271;

/** SCS addresses the model answers; everything else in [0xE0000000, 0xE0100000) reads 0, ignores writes. */
export const PPB_START = 0xe000_0000;
export const PPB_END = 0xe010_0000;

export interface CortexM7DebugOptions {
  /** What SYSRESETREQ resets besides the core (the board's peripherals). */
  onSystemReset?: () => void;
  /** Where the core fetches SP and PC after reset (VTOR's reset value: the ROM on RT10xx). */
  resetVectorTable?: number;
}

export class CortexM7Debug {
  /** R0–R12, SP, LR, DebugReturnAddress, xPSR, MSP, PSP, (19 unused), CONTROL/…/PRIMASK (20). */
  readonly registers = new Uint32Array(0x60);
  private halted = false;
  private debugEnabled = false;
  private resetSinceRead = false;
  private readonly regs = new Map<number, number>();
  private demcr = 0;
  private dcrdr = 0;
  private vtor: number;
  /** Times SYSRESETREQ / VECTRESET was honoured (for tests). */
  resets = 0;

  constructor(
    private readonly bus: Bus,
    private readonly options: CortexM7DebugOptions = {},
  ) {
    this.vtor = options.resetVectorTable ?? 0;
  }

  get isHalted(): boolean {
    return this.halted;
  }

  owns(address: number): boolean {
    return address >= PPB_START && address < PPB_END;
  }

  read32(address: number): number {
    switch (address) {
      case SCS.DHCSR: {
        let v = (this.debugEnabled ? DHCSR.C_DEBUGEN : 0) | DHCSR.S_REGRDY;
        if (this.halted) v |= DHCSR.S_HALT | DHCSR.C_HALT;
        if (this.resetSinceRead) v |= DHCSR.S_RESET_ST;
        this.resetSinceRead = false; // sticky: "reset since last read"
        return v >>> 0;
      }
      case SCS.DCRDR: return this.dcrdr;
      case SCS.DCRSR: return 0;
      case SCS.DEMCR: return this.demcr;
      case SCS.CPUID: return CORTEX_M7_CPUID;
      case SCS.VTOR: return this.vtor;
      case SCS.AIRCR: return 0xfa05_0000; // VECTKEYSTAT reads 0xFA05
      default: return this.regs.get(address) ?? 0;
    }
  }

  write32(address: number, value: number): void {
    value >>>= 0;
    switch (address) {
      case SCS.DHCSR:
        if (value >>> 16 !== DBGKEY) return; // writes without DBGKEY are ignored
        this.debugEnabled = (value & DHCSR.C_DEBUGEN) !== 0;
        if (this.debugEnabled && (value & DHCSR.C_HALT) !== 0) this.halt(1);
        else if (this.debugEnabled && (value & DHCSR.C_HALT) === 0) this.halted = false;
        return;
      case SCS.DCRSR: {
        if (!this.halted) return; // only valid while halted
        const reg = value & 0x7f;
        if (reg >= this.registers.length) return;
        if ((value & (1 << 16)) !== 0) this.registers[reg] = this.dcrdr;
        else this.dcrdr = this.registers[reg]!;
        return;
      }
      case SCS.DCRDR: this.dcrdr = value; return;
      case SCS.DEMCR: this.demcr = value; return;
      case SCS.VTOR: this.vtor = value & 0xffff_ff80; return;
      case SCS.AIRCR:
        if (value >>> 16 !== VECTKEY) return;
        if ((value & 0b101) !== 0) this.systemReset((value & 0b100) !== 0);
        return;
      default:
        this.regs.set(address, value);
    }
  }

  /** A reset through AIRCR (SYSRESETREQ resets the peripherals too; VECTRESET only the core). */
  systemReset(wholeChip: boolean): void {
    this.resets += 1;
    if (wholeChip) this.options.onSystemReset?.();
    this.vtor = this.options.resetVectorTable ?? 0;
    this.registers.fill(0);
    try {
      this.registers[13] = this.bus.read32(this.vtor);
      this.registers[15] = this.bus.read32(this.vtor + 4) & ~1;
      this.registers[16] = 0x0100_0000;
    } catch {
      // no vector table mapped: the registers stay 0
    }
    this.resetSinceRead = true;
    // VC_CORERESET (DEMCR bit 0): halt before the first instruction.
    this.halted = this.debugEnabled && (this.demcr & 1) !== 0;
    if (this.halted) this.regs.set(SCS.DFSR, (this.regs.get(SCS.DFSR) ?? 0) | 1 << 3);
  }

  private halt(dfsrBit: number): void {
    this.halted = true;
    this.regs.set(SCS.DFSR, (this.regs.get(SCS.DFSR) ?? 0) | dfsrBit);
  }
}
