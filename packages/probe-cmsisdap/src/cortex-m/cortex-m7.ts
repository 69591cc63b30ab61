import { ImxflashError, type Clock } from '@imxflash/core';
import type { MemAp } from '../adi/mem-ap.js';
import { TransferBatch } from '../adi/transfer-batch.js';

/** ARMv7-M debug registers (research/cmsisdap.md §2.6). */
export const SCS = {
  CPUID: 0xe000_ed00, VTOR: 0xe000_ed08, AIRCR: 0xe000_ed0c, DFSR: 0xe000_ed30, MPU_CTRL: 0xe000_ed94,
  DHCSR: 0xe000_edf0, DCRSR: 0xe000_edf4, DCRDR: 0xe000_edf8, DEMCR: 0xe000_edfc,
  DWT_COMP0: 0xe000_1020, DWT_MASK0: 0xe000_1024, DWT_FUNCTION0: 0xe000_1028,
} as const;
export const DHCSR = { DBGKEY: 0xa05f_0000, C_DEBUGEN: 1 << 0, C_HALT: 1 << 1, S_REGRDY: 1 << 16, S_HALT: 1 << 17, S_RESET_ST: 1 << 25 } as const;
export const DEMCR = { VC_CORERESET: 1 << 0, TRCENA: 1 << 24 } as const;
/** AIRCR with VECTKEY: SYSRESETREQ (0x05FA0004). */
export const AIRCR_SYSRESETREQ = 0x05fa_0004;
/** DCRSR register numbers (pyOCD cortex_m_core_registers.py). */
export const CORE_REGISTER = { R0: 0, SP: 13, LR: 14, PC: 15, XPSR: 16, MSP: 17, PSP: 18 } as const;
const REGWNR = 1 << 16;

/** RT10xx reset catch facts (research/cmsisdap.md §2.7, probe-rs MIMXRT10xx). */
export const RT10XX_RESET = {
  /** IOMUXC_GPR_GPR16: bit 2 FLEXRAM_BANK_CFG_SEL (0 = FlexRAM from fuses). */
  GPR16: 0x400a_c040,
  /** SRC_SBMR1: the ROM reads it early, so a DWT watchpoint on it stops the core inside the ROM. */
  SRC_SBMR1: 0x400f_8004,
  /** DWT FUNCTION0: data address, word size (0b10 << 10) | read/write match (0b0111). */
  DWT_FUNCTION_WATCH_WORD: (0b10 << 10) | 0b0111,
} as const;

/**
 * The Cortex-M7 core behind MEM-AP 0: halt, resume, core registers through DCRSR/DCRDR, the
 * RT10xx reset-and-halt sequence, and `run` for a RAM image. Polls use DAP value match (the
 * probe re-reads DHCSR), so a poll is not a host round trip.
 */
export class CortexM7 {
  constructor(
    private readonly ap: MemAp,
    private readonly clock: Clock,
  ) {}

  async isHalted(): Promise<boolean> {
    return ((await this.ap.readWord(SCS.DHCSR)) & DHCSR.S_HALT) !== 0;
  }

  /** DHCSR = DBGKEY | C_HALT | C_DEBUGEN, then waits for S_HALT. */
  async halt(timeoutMs = 100): Promise<void> {
    await this.ap.writeWord(SCS.DHCSR, DHCSR.DBGKEY | DHCSR.C_HALT | DHCSR.C_DEBUGEN);
    await this.waitHalted(timeoutMs, 'halting the core');
  }

  /** DHCSR = DBGKEY | C_DEBUGEN: the core runs, debug stays enabled. */
  async resume(): Promise<void> {
    await this.ap.writeWord(SCS.DHCSR, DHCSR.DBGKEY | DHCSR.C_DEBUGEN);
  }

  async waitHalted(timeoutMs: number, what: string): Promise<void> {
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      const batch = new TransferBatch(what);
      this.ap.waitFor32(batch, SCS.DHCSR, DHCSR.S_HALT, DHCSR.S_HALT);
      const failure = await this.ap.dp.executor.tryRun(batch);
      if (failure === undefined) return;
      if (failure.outcome !== 'mismatch') throw this.ap.dp.executor.errorFor(batch, failure);
      if (this.clock.now() >= deadline) {
        throw new ImxflashError('SWD_CORE_TIMEOUT', `${what}: the core did not halt within ${timeoutMs} ms`, {
          hint: 'The core may be locked up or held in reset: reset the board (power cycle) and retry.',
          details: { timeoutMs },
        });
      }
      await this.clock.sleep(1);
    }
  }

  /** One register: DCRSR write, S_REGRDY by value match, DCRDR read, all in one batch. The core must be halted. */
  async readRegister(register: number): Promise<number> {
    let value = 0;
    const batch = new TransferBatch(`reading core register ${register}`);
    this.ap.write32(batch, SCS.DCRSR, register);
    this.ap.waitFor32(batch, SCS.DHCSR, DHCSR.S_REGRDY, DHCSR.S_REGRDY);
    this.ap.read32(batch, SCS.DCRDR, (v) => (value = v));
    await this.ap.run(batch);
    return value;
  }

  async writeRegisters(values: readonly (readonly [number, number])[]): Promise<void> {
    const batch = new TransferBatch('writing core registers');
    for (const [register, value] of values) {
      this.ap.write32(batch, SCS.DCRDR, value);
      this.ap.write32(batch, SCS.DCRSR, register | REGWNR);
      this.ap.waitFor32(batch, SCS.DHCSR, DHCSR.S_REGRDY, DHCSR.S_REGRDY);
    }
    await this.ap.run(batch);
  }

  /**
   * Reset and halt on an RT10xx (research §2.7, probe-rs MIMXRT10xx, pyOCD VC_CORERESET): halt;
   * FlexRAM back to the fuse layout (GPR16 bit 2 = 0); DEMCR.TRCENA | VC_CORERESET and a DWT
   * watchpoint on SRC_SBMR1, so the core stops at reset or inside the ROM, whichever comes first;
   * SYSRESETREQ, written once and never retried (a FAULT on it is ignored: probe-rs#3248);
   * wait for halt; MPU off (the ROM may have enabled it); catch state restored.
   */
  async resetAndHalt(timeoutMs = 100): Promise<void> {
    await this.halt();
    const demcr = await this.ap.readWord(SCS.DEMCR);
    // GPR16 is best effort: a FAULT there (a model without IOMUXC_GPR) must not stop the reset.
    const gpr = new TransferBatch('restoring the fuse FlexRAM layout');
    let gpr16: number | undefined;
    this.ap.read32(gpr, RT10XX_RESET.GPR16, (v) => (gpr16 = v));
    if ((await this.ap.dp.executor.tryRun(gpr)) === undefined && gpr16 !== undefined && (gpr16 & (1 << 2)) !== 0) {
      const write = new TransferBatch('restoring the fuse FlexRAM layout');
      this.ap.write32(write, RT10XX_RESET.GPR16, gpr16 & ~(1 << 2));
      await this.ap.dp.executor.tryRun(write);
    }
    const arm = new TransferBatch('arming the reset catch');
    this.ap.write32(arm, SCS.DEMCR, demcr | DEMCR.TRCENA | DEMCR.VC_CORERESET);
    this.ap.write32(arm, SCS.DWT_COMP0, RT10XX_RESET.SRC_SBMR1);
    this.ap.write32(arm, SCS.DWT_MASK0, 0);
    this.ap.write32(arm, SCS.DWT_FUNCTION0, RT10XX_RESET.DWT_FUNCTION_WATCH_WORD);
    await this.ap.run(arm);
    await this.requestSystemReset();
    await this.waitHalted(timeoutMs, 'waiting for the core to stop after reset');
    const restore = new TransferBatch('clearing the reset catch');
    this.ap.write32(restore, SCS.MPU_CTRL, 0);
    this.ap.write32(restore, SCS.DWT_FUNCTION0, 0);
    this.ap.write32(restore, SCS.DEMCR, demcr & ~DEMCR.VC_CORERESET);
    await this.ap.run(restore);
  }

  /** AIRCR = 0x05FA0004 once; a transfer error on this write is expected on some parts and ignored. */
  async requestSystemReset(): Promise<void> {
    const batch = new TransferBatch('requesting a system reset');
    this.ap.write32(batch, SCS.AIRCR, AIRCR_SYSRESETREQ);
    const failure = await this.ap.dp.executor.tryRun(batch);
    if (failure !== undefined && failure.outcome !== 'fault' && failure.outcome !== 'no-ack') throw this.ap.dp.executor.errorFor(batch, failure);
    await this.clock.sleep(10);
    if (failure !== undefined && failure.outcome === 'no-ack') await this.ap.dp.lineResetAndReadId();
  }

  /** System reset with the catch cleared: the chip boots what is in flash. */
  async resetAndRun(): Promise<void> {
    const demcr = await this.ap.readWord(SCS.DEMCR);
    const batch = new TransferBatch('clearing the reset catch');
    this.ap.write32(batch, SCS.DEMCR, demcr & ~DEMCR.VC_CORERESET);
    this.ap.write32(batch, SCS.DHCSR, DHCSR.DBGKEY | DHCSR.C_DEBUGEN);
    await this.ap.run(batch);
    await this.requestSystemReset();
  }

  /**
   * Loads RAM segments, points VTOR at `vectorTable`, sets SP and PC from its first two words
   * (xPSR = Thumb), and resumes. The core must be halted (call resetAndHalt first).
   */
  async run(segments: readonly { address: number; data: Uint8Array }[], vectorTable: number): Promise<{ sp: number; pc: number }> {
    for (const s of segments) await this.ap.writeMemory(s.address, s.data);
    const sp = await this.ap.readWord(vectorTable);
    const pc = (await this.ap.readWord(vectorTable + 4)) & ~1;
    await this.ap.writeWord(SCS.VTOR, vectorTable);
    await this.writeRegisters([[CORE_REGISTER.SP, sp], [CORE_REGISTER.MSP, sp], [CORE_REGISTER.PC, pc], [CORE_REGISTER.XPSR, 0x0100_0000]]);
    await this.resume();
    return { sp, pc };
  }
}
