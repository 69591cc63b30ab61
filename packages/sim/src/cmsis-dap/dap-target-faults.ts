/**
 * Faults the virtual probe's SWD target injects, on top of the board's own bus faults
 * (a clock-gated FlexSPI faults by itself): WAIT storms, forced FAULTs and parity errors on AP
 * accesses.
 */
export class DapTargetFaults {
  private waits = 0;
  private faults = 0;
  private parity = 0;
  /** WAIT answers given so far (each costs one SWD packet). */
  waitAnswers = 0;

  /** The next `n` AP accesses answer WAIT (the probe retries up to its WAIT retry count). */
  waitStorm(n: number): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`waitStorm: ${n} is not a non-negative integer`);
    this.waits = n;
  }

  /** The next `n` AP accesses answer FAULT and set STICKYERR. */
  faultNextAp(n = 1): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`faultNextAp: ${n} is not a non-negative integer`);
    this.faults = n;
  }

  /** The next `n` AP accesses fail their data parity check (DAP response bit 3, a protocol error). */
  protocolErrorNextAp(n = 1): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`protocolErrorNextAp: ${n} is not a non-negative integer`);
    this.parity = n;
  }

  /** Called per AP access: 'wait', 'fault', 'parity' or undefined. */
  take(): 'wait' | 'fault' | 'parity' | undefined {
    if (this.waits > 0) {
      this.waits -= 1;
      this.waitAnswers += 1;
      return 'wait';
    }
    if (this.faults > 0) {
      this.faults -= 1;
      return 'fault';
    }
    if (this.parity > 0) {
      this.parity -= 1;
      return 'parity';
    }
    return undefined;
  }
}
