import { describe, expect, it } from 'vitest';
import { createSimBoard } from '../board/create-sim-board.js';
import { CortexM7Debug, DHCSR, SCS } from './cortex-m7-debug.js';
import { DapProcessor } from './dap-processor.js';
import { DapTargetFaults } from './dap-target-faults.js';
import { SwdTarget, RT1050_DPIDR } from './swd-target.js';

const b = (...bytes: number[]) => Uint8Array.from(bytes);
const le = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

function rig(packetSize = 64) {
  const board = createSimBoard();
  const core = new CortexM7Debug(board.bus);
  const faults = new DapTargetFaults();
  const target = new SwdTarget(board.bus, core, faults);
  const dap = new DapProcessor(target, board.clock, {
    packetSize, packetCount: 4, vendor: 'V', product: 'P CMSIS-DAP', serial: 'S1', protocolVersion: '2.1.0', firmwareVersion: 'f',
  });
  const run = (...bytes: number[]) => dap.process(Uint8Array.from(bytes))!;
  /** Line reset, 0xE79E, line reset, idle: research/cmsisdap.md §2.1 steps 2–4. */
  const swdSwitch = () => {
    expect(run(0x12, 51, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)).toEqual(b(0x12, 0));
    expect(run(0x12, 16, 0x9e, 0xe7)).toEqual(b(0x12, 0));
    expect(run(0x12, 51, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)).toEqual(b(0x12, 0));
    expect(run(0x12, 8, 0x00)).toEqual(b(0x12, 0));
  };
  const powerUp = () => {
    swdSwitch();
    expect(run(0x05, 0, 1, 0x02)).toEqual(b(0x05, 1, 1, ...le(RT1050_DPIDR)));
    // ABORT 0x1E, SELECT 0, CTRL/STAT = CSYSPWRUPREQ | CDBGPWRUPREQ, read CTRL/STAT.
    expect(run(0x05, 0, 4, 0x00, ...le(0x1e), 0x08, ...le(0), 0x04, ...le(0x5000_0000), 0x06)).toEqual(b(0x05, 4, 1, ...le(0xf000_0000)));
  };
  return { board, core, faults, target, dap, run, swdSwitch, powerUp };
}

describe('virtual CMSIS-DAP command processor', () => {
  it('answers DAP_Info with packet size, count, capabilities and strings', () => {
    const { run } = rig(512);
    expect(run(0x00, 0xff)).toEqual(b(0x00, 2, 0x00, 0x02));
    expect(run(0x00, 0xfe)).toEqual(b(0x00, 1, 4));
    expect(run(0x00, 0xf0)).toEqual(b(0x00, 1, 0x01));
    expect(run(0x00, 0x03)).toEqual(b(0x00, 3, 0x53, 0x31, 0x00));
    expect(run(0x00, 0x42)).toEqual(b(0x00, 0));
    expect(run(0x55)).toEqual(b(0xff));
  });

  it('gives NO_ACK until the host switches the line to SWD, then only DPIDR after a line reset', () => {
    const { run, swdSwitch } = rig();
    expect(run(0x05, 0, 1, 0x02)).toEqual(b(0x05, 0, 7));
    swdSwitch();
    expect(run(0x05, 0, 1, 0x06)).toEqual(b(0x05, 0, 7)); // CTRL/STAT before DPIDR: locked out
    expect(run(0x05, 0, 1, 0x02)).toEqual(b(0x05, 1, 1, ...le(RT1050_DPIDR)));
  });

  it('acknowledges the power-up request and faults AP accesses before it', () => {
    const { run, swdSwitch, powerUp } = rig();
    swdSwitch();
    run(0x05, 0, 1, 0x02);
    expect(run(0x05, 0, 1, 0x0f)).toEqual(b(0x05, 0, 4)); // DRW read without debug power: FAULT
    expect(run(0x05, 0, 1, 0x06)[3]! & 0x20).toBe(0x20); // STICKYERR
    powerUp();
  });

  it('reads and writes RAM through CSW/TAR/DRW, with TAR wrapping inside 1 KiB', () => {
    const { run, powerUp, board } = rig();
    powerUp();
    // CSW 32-bit + single increment, TAR = 0x200003FC, two DRW writes: the second wraps to 0x20000000.
    expect(run(0x05, 0, 4, 0x01, ...le(0x2300_0012), 0x05, ...le(0x2000_03fc), 0x0d, ...le(0x1122_3344), 0x0d, ...le(0x5566_7788))).toEqual(b(0x05, 4, 1));
    expect(board.memory.peek(0x2000_03fc, 4)).toEqual(b(0x44, 0x33, 0x22, 0x11));
    expect(board.memory.peek(0x2000_0000, 4)).toEqual(b(0x88, 0x77, 0x66, 0x55));
    expect(board.memory.peek(0x2000_0400, 4)).toEqual(b(0, 0, 0, 0));
    // Block read of 2 words from 0x200003FC.
    run(0x05, 0, 1, 0x05, ...le(0x2000_03fc));
    expect(run(0x06, 0, 2, 0, 0x0f)).toEqual(b(0x06, 2, 0, 1, 0x44, 0x33, 0x22, 0x11, 0x88, 0x77, 0x66, 0x55));
    // Byte write at 0x20000002 on lane 2.
    run(0x05, 0, 3, 0x01, ...le(0x2300_0010), 0x05, ...le(0x2000_0002), 0x0d, ...le(0x00ab_0000));
    expect(board.memory.peek(0x2000_0000, 4)).toEqual(b(0x88, 0x77, 0xab, 0x55));
  });

  it('turns a bus fault into FAULT with STICKYERR; later AP accesses fault until ABORT clears it', () => {
    const { run, powerUp } = rig();
    powerUp();
    expect(run(0x05, 0, 3, 0x01, ...le(0x2300_0012), 0x05, ...le(0x1000_0000), 0x0f)).toEqual(b(0x05, 2, 4));
    expect(run(0x05, 0, 1, 0x07)).toEqual(b(0x05, 0, 4)); // TAR read: sticky FAULT
    expect(run(0x08, 0, ...le(0x04))).toEqual(b(0x08, 0));
    expect(run(0x05, 0, 1, 0x07)).toEqual(b(0x05, 1, 1, ...le(0x1000_0000)));
  });

  it('retries WAIT up to the configured count, then reports WAIT', () => {
    const { run, powerUp, faults, dap } = rig();
    powerUp();
    run(0x04, 0, 5, 0, 0, 0); // WAIT retry 5
    faults.waitStorm(5);
    expect(run(0x05, 0, 1, 0x03)).toEqual(b(0x05, 1, 1, ...le(0x0300_0042)));
    faults.waitStorm(7);
    const before = dap.stats.swdTransfers;
    expect(run(0x05, 0, 1, 0x03)).toEqual(b(0x05, 0, 2));
    expect(dap.stats.swdTransfers - before).toBe(6);
  });

  it('answers an injected parity failure with the protocol-error bit', () => {
    const { run, powerUp, faults } = rig();
    powerUp();
    faults.protocolErrorNextAp(1);
    expect(run(0x05, 0, 1, 0x03)).toEqual(b(0x05, 0, 0x08));
    expect(run(0x05, 0, 1, 0x03)[2]).toBe(1);
  });

  it('value match: re-reads up to MatchRetry, stops with the mismatch bit, returns no data for match reads', () => {
    const { run, powerUp } = rig();
    powerUp();
    run(0x04, 0, 0, 0, 3, 0); // match retry 3
    // Mask 0x20000000 then match CTRL/STAT bit 29 = 1 (powered: matches), then = 0 (mismatch).
    expect(run(0x05, 0, 2, 0x20, ...le(0x2000_0000), 0x16, ...le(0x2000_0000))).toEqual(b(0x05, 2, 1));
    expect(run(0x05, 0, 2, 0x16, ...le(0), 0x02)).toEqual(b(0x05, 0, 0x11));
  });

  it('halts the core and moves registers through DCRSR/DCRDR', () => {
    const { run, powerUp, core } = rig();
    powerUp();
    run(0x05, 0, 3, 0x01, ...le(0x2300_0012), 0x05, ...le(SCS.DHCSR), 0x0d, ...le(0xa05f_0003));
    expect(core.isHalted).toBe(true);
    run(0x05, 0, 4, 0x05, ...le(SCS.DCRDR), 0x0d, ...le(0x2000_1000), 0x05, ...le(SCS.DCRSR), 0x0d, ...le(0x1000d));
    expect(core.registers[13]).toBe(0x2000_1000);
    const dhcsr = run(0x05, 0, 2, 0x05, ...le(SCS.DHCSR), 0x0f);
    expect((dhcsr[3]! | (dhcsr[4]! << 8) | (dhcsr[5]! << 16)) & (DHCSR.S_HALT | DHCSR.S_REGRDY)).toBe(DHCSR.S_HALT | DHCSR.S_REGRDY);
  });

  it('charges SWD time on the board clock at the SWJ clock', () => {
    const { run, powerUp, board } = rig();
    powerUp();
    run(0x11, ...le(2_000_000));
    const t0 = board.clock.now();
    run(0x05, 0, 1, 0x02);
    expect(board.clock.now() - t0).toBeCloseTo(46 / 2000, 9);
  });

  it('answers a command longer than the packet or cut short with 0xFF', () => {
    const { dap } = rig(64);
    expect(dap.process(new Uint8Array(65).fill(0x11))).toEqual(b(0xff));
    expect(dap.process(b(0x11, 0x40))).toEqual(b(0xff));
    expect(dap.stats.malformed).toBe(2);
  });
});
