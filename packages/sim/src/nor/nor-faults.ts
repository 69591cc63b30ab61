/**
 * Fault injection for the flash models (DESIGN.md §5: program/erase failures, slow erase, stuck
 * bits — the stuck bits live on the array, {@link NorArray.setStuckBits}).
 *
 * Operations are counted from the model's creation, 1-based, and only when the part accepts them
 * (a page program without WEL is not an operation). A failed operation takes its normal busy time
 * and leaves the array unchanged. On SPI NOR nothing reports it: these parts have no fail bit in
 * the status registers the drivers read (research/imxrt.md §2.3), so only a verify catches it. The
 * HyperFlash model reports it in its status register (program / erase status bits).
 */
export class NorFaults {
  /** Every busy time (program, erase, status write) is multiplied by this; 1 = datasheet typical. */
  busyScale = 1;
  private programs = 0;
  private erases = 0;
  private readonly failingPrograms = new Set<number>();
  private readonly failingErases = new Set<number>();

  /** Program operations the part has accepted so far. */
  get programCount(): number {
    return this.programs;
  }

  /** Erase operations (sector, block and chip) the part has accepted so far. */
  get eraseCount(): number {
    return this.erases;
  }

  /** Makes the `n`-th program operation (1 = the model's first) fail. */
  failNthProgram(n: number): void {
    this.failingPrograms.add(n);
  }

  /** Makes the `n`-th erase operation (1 = the model's first) fail. */
  failNthErase(n: number): void {
    this.failingErases.add(n);
  }

  /** For the models: counts one accepted program; true when it must fail. */
  takeProgram(): boolean {
    this.programs += 1;
    return this.failingPrograms.delete(this.programs);
  }

  /** For the models: counts one accepted erase; true when it must fail. */
  takeErase(): boolean {
    this.erases += 1;
    return this.failingErases.delete(this.erases);
  }

  /** A busy time (ms) after stretching. */
  scale(ms: number): number {
    return ms * this.busyScale;
  }
}
