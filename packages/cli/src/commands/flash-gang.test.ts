import 'reflect-metadata';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/run-in-process.js';

const example = (name: string) => fileURLToPath(new URL(`../../../../examples/blinky/out/${name}`, import.meta.url));
const app = example('blinky-ram.hex');
const stateIn = (dir: string) => ['--sim', '--sim-state', join(dir, 'board.bin')];

interface BoardJson {
  board: number;
  ok: boolean;
  simState?: string;
  probe: { driver: string; id: string };
  programmedBytes?: number;
  verifiedBytes?: number;
  verify?: string;
  boot?: { verdict: string; entry?: number };
  error?: { code: string; message: string; hint?: string };
}

describe('flash --all --sim-boards: a gang of virtual boards', () => {
  it('8 boards over sdp: each planned, programmed, verified and booted on its own, each with its own state file and probe path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-gang-'));
    const r = await runInProcess(['flash', app, ...stateIn(dir), '--probe', 'sdp', '--all', '--sim-boards', '8', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; gang: boolean; boards: BoardJson[]; failed: number[]; exitCode: number };
    expect(out).toMatchObject({ ok: true, gang: true, failed: [], exitCode: 0 });
    expect(out.boards.map((b) => b.board)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const b of out.boards) {
      expect(b.ok).toBe(true);
      expect(b.probe).toMatchObject({ driver: 'sdp', id: `sim-board${b.board}/sim-hid:1` });
      expect(b.verify).toBe('read-back');
      expect(b.verifiedBytes).toBe(1280);
      expect(b.boot).toMatchObject({ verdict: 'booted', entry: 0x2000_2043 });
      expect(b.simState).toBe(join(dir, `board.board${b.board}.bin`));
      expect(existsSync(b.simState!)).toBe(true);
    }
    // Each board kept its own flash: board 5 alone, read back from its state file.
    const read = await runInProcess(['verify', app, '--sim', '--sim-state', join(dir, 'board.board5.bin'), '--probe', 'sdp', '--json']);
    expect(read.code, read.stderr).toBe(0);
  });

  it('one board whose cable is pulled fails alone with a coded error; the other 7 are verified; exit 2 names it; a rerun completes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-gang-fault-'));
    const args = ['flash', app, ...stateIn(dir), '--probe', 'sdp', '--all', '--sim-boards', '8'];
    const r = await runInProcess([...args, '--json'], { env: { IMXFLASH_SIM_UNPLUG_AFTER: '6000', IMXFLASH_SIM_UNPLUG_BOARD: '3' } });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { ok: boolean; boards: BoardJson[]; failed: number[]; succeeded: number; exitCode: number };
    expect(out).toMatchObject({ ok: false, failed: [3], succeeded: 7, exitCode: 2 });
    const bad = out.boards[2]!;
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('TRANSPORT_DISCONNECTED');
    expect(bad.error?.hint).toContain('Other transports:');
    for (const b of out.boards.filter((x) => x.board !== 3)) expect(b).toMatchObject({ ok: true, verifiedBytes: 1280, boot: { verdict: 'booted' } });

    // Human output: the table marks board 3 failed and the error names it.
    const human = await runInProcess(args, { env: { IMXFLASH_SIM_UNPLUG_AFTER: '6000', IMXFLASH_SIM_UNPLUG_BOARD: '3', NO_COLOR: '1' } });
    expect(human.code).toBe(2);
    expect(human.stdout).toMatch(/^3\s+sdp sim-board3\/sim-hid:1\s+failed TRANSPORT_DISCONNECTED/m);
    expect(human.stdout).toContain('7 of 8 boards flashed; failed: board 3 (exit 2)');
    expect(human.stderr).toContain('error board 3 (sdp sim-board3/sim-hid:1): TRANSPORT_DISCONNECTED:');

    const rerun = await runInProcess([...args, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const again = JSON.parse(rerun.stdout) as { boards: BoardJson[] };
    expect(again.boards[2]).toMatchObject({ ok: true, boot: { verdict: 'booted' } });
    // The other boards were already flashed: nothing left to program.
    expect(again.boards[0]!.programmedBytes).toBe(0);
  });

  it('CMSIS-DAP: several --serial pick those boards among the plugged-in ones (each probe has its own serial)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-gang-dap-'));
    const r = await runInProcess(['flash', app, ...stateIn(dir), '--probe', 'cmsis-dap', '--serial', 'SIMDAP0004', '--serial', 'SIMDAP0002', '--sim-boards', '5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { boards: BoardJson[] };
    expect(out.boards.map((b) => [b.board, b.simState, b.boot?.verdict])).toEqual([
      [1, join(dir, 'board.board4.bin'), 'booted'],
      [2, join(dir, 'board.board2.bin'), 'booted'],
    ]);
    expect(existsSync(join(dir, 'board.board1.bin'))).toBe(false);
  });

  it('CMSIS-DAP --all over 3 boards; plain progress lines carry the board', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-gang-dap-all-'));
    const r = await runInProcess(['flash', app, ...stateIn(dir), '--probe', 'cmsis-dap', '--all', '--sim-boards', '3'], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('on 3 boards (sim)');
    for (const b of [1, 2, 3]) expect(r.stderr).toMatch(new RegExp(`^\\[board ${b}\\] verify  done 1.25 KiB`, 'm'));
    expect(r.stdout).toMatch(/^2\s+cmsis-dap SIMDAP0002\s+ok\s+1\.25 KiB\s+1\.25 KiB\s+\S+ ms\s+booted: copied 0x210C bytes to 0x20000000, entry 0x20002043$/m);
    expect(r.stdout).toContain('✓ flashed 3 boards');
  });

  it('on a terminal: one line per board, redrawn in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-gang-tty-'));
    const r = await runInProcess(['flash', app, ...stateIn(dir), '--probe', 'sdp', '--all', '--sim-boards', '2'], { isTty: true, env: { NO_COLOR: '1', TERM: 'xterm' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('\x1b[2A');
    expect(r.stderr).toMatch(/board 2 {2}reset {3}█{16} 100% {2} {2}done/);
  });

  it('--all without a driver, where a board is reachable through several: PROBE_AMBIGUOUS naming each driver', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-gang-auto-'));
    const r = await runInProcess(['flash', app, ...stateIn(dir), '--all', '--sim-boards', '2', '--json']);
    expect(r.code).toBe(2);
    const error = JSON.parse(r.stdout).error as { code: string; message: string; hint: string };
    expect(error.code).toBe('PROBE_AMBIGUOUS');
    expect(error.message).toContain('--all matches probes of 3 drivers (cmsis-dap, jlink, sdp)');
    expect(error.hint).toBe('Name the driver: --probe cmsis-dap --all or --probe jlink --all or --probe sdp --all.');
    expect(existsSync(join(dir, 'board.board1.bin'))).toBe(false);
  });

  it('bad gang options are input errors (exit 1) with a hint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-gang-bad-'));
    const cases: [string[], string][] = [
      [['--sim-boards', '4'], '--sim-boards 4 plugs in 4 boards: say which to flash'],
      [['--sim-boards', 'x', '--all'], "--sim-boards 'x' is not a board count"],
      [['--all', '--dry-run'], '--dry-run plans one board'],
      [['--all', '--serial', 'A'], '--all takes every probe --probe matches'],
    ];
    for (const [extra, message] of cases) {
      const r = await runInProcess(['flash', app, ...stateIn(dir), '--probe', 'sdp', ...extra]);
      expect(r.code, extra.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
    }
    const noSim = await runInProcess(['flash', app, '--all', '--sim-boards', '2']);
    expect(noSim.code).toBe(1);
    expect(noSim.stderr).toContain('--sim-boards plugs in virtual boards: it needs --sim');
    const noDriver = await runInProcess(['flash', app, ...stateIn(dir), '--serial', 'A', '--serial', 'B', '--sim-boards', '2']);
    expect(noDriver.code).toBe(1);
    expect(noDriver.stderr).toContain('--serial needs a driver');
  });
});
