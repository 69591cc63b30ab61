import 'reflect-metadata';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/run-in-process.js';

const example = (name: string) => fileURLToPath(new URL(`../../../../examples/blinky/out/${name}`, import.meta.url));

describe('Ctrl-C during flash (the abort signal bin.ts raises on SIGINT)', () => {
  it('stops after the current operation, says what the flash holds, and a rerun completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-abort-'));
    const sim = ['--sim', '--sim-state', join(dir, 'board.bin'), '--probe', 'cmsis-dap'];
    // An XIP image first, so the RAM image needs erases: the abort lands between erase and program.
    expect((await runInProcess(['flash', example('blinky-xip.hex'), ...sim])).code).toBe(0);

    const abort = new AbortController();
    const interrupted = await runInProcess(['flash', example('blinky-ram.hex'), ...sim], {
      signal: abort.signal,
      env: { NO_COLOR: '1' },
      onStderr: (text) => {
        if (text.startsWith('program ')) abort.abort(new Error('interrupted (Ctrl-C)'));
      },
    });
    expect(interrupted.code).toBe(2);
    expect(interrupted.stderr).toMatch(/error FLASH_ABORTED: aborted during program: the flash holds part of the new image \(\d+ bytes erased, 0 programmed\)/);
    expect(interrupted.stderr).toContain('hint: Run the same command again to finish');

    const boot = await runInProcess(['reset', ...sim, '--json']);
    expect(JSON.parse(boot.stdout).boot.verdict).toBe('serial-downloader');

    const rerun = await runInProcess(['flash', example('blinky-ram.hex'), ...sim, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).boot).toMatchObject({ verdict: 'booted', entry: 0x2000_2043 });
  });
});

describe('transport failures name the other transports', () => {
  it('a cable pulled mid-flash (IMXFLASH_SIM_UNPLUG_AFTER) → exit 2, the hint names the other drivers; a rerun completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-unplug-'));
    const sim = ['--sim', '--sim-state', join(dir, 'board.bin'), '--probe', 'cmsis-dap'];
    const r = await runInProcess(['flash', example('blinky-ram.hex'), ...sim, '--json'], { env: { IMXFLASH_SIM_UNPLUG_AFTER: '20000' } });
    expect(r.code).toBe(2);
    const error = JSON.parse(r.stdout).error;
    expect(error.code).toBe('TRANSPORT_DISCONNECTED');
    expect(error.hint).toContain('Other transports: --probe jlink or --probe sdp (same file, same command).');
    const rerun = await runInProcess(['flash', example('blinky-ram.hex'), ...sim, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).boot.verdict).toBe('booted');
  });

  it('a cable pulled after an erase: the data beside the image goes to a recovery file, and writing it back restores it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-recovery-'));
    const sim = ['--sim', '--sim-state', join(dir, 'board.bin'), '--probe', 'cmsis-dap'];
    const user = Uint8Array.from({ length: 256 }, (_, i) => i);
    writeFileSync(join(dir, 'user.bin'), user);
    // The XIP app fills 0x60002000…; the user's data sits beside it in the same 4 KiB sector.
    expect((await runInProcess(['flash', example('blinky-xip.hex'), ...sim], { cwd: dir })).code).toBe(0);
    expect((await runInProcess(['flash', join(dir, 'user.bin'), '--raw', '--base', '0x60002800', ...sim], { cwd: dir })).code).toBe(0);

    // The RAM app changes that sector: erase, then the cable goes (budget found on the sim: after the sector's erase, before its write-back).
    const r = await runInProcess(['flash', example('blinky-ram.hex'), ...sim, '--json'], { cwd: dir, env: { IMXFLASH_SIM_UNPLUG_AFTER: '26000' } });
    expect(r.code).toBe(2);
    const error = JSON.parse(r.stdout).error;
    expect(error.code).toBe('TRANSPORT_DISCONNECTED');
    expect(error.details.atRisk).toEqual([{ address: 0x6000_2800, bytes: 255 }]); // 0xFF at 0x600028FF is erased flash already
    const recovery = error.details.recoveryFile as string;
    expect(recovery.startsWith(dir)).toBe(true);
    expect(existsSync(recovery)).toBe(true);
    expect(error.hint).toContain(`imxflash flash --raw ${recovery.slice(dir.length + 1)}`);

    expect((await runInProcess(['flash', example('blinky-ram.hex'), ...sim], { cwd: dir })).code).toBe(0);
    const back = await runInProcess(['flash', recovery, '--raw', ...sim], { cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    expect((await runInProcess(['read', join(dir, 'out.bin'), '--address', '0x60002800', '--length', '256', ...sim], { cwd: dir })).code).toBe(0);
    expect(new Uint8Array(readFileSync(join(dir, 'out.bin')))).toEqual(user);
  });

  it('a device error gets "Other transports: …" in its hint', async () => {
    const { withAlternatives } = await import('./device-session.js');
    const { ImxflashError } = await import('@imxflash/core');
    const e = withAlternatives(new ImxflashError('TRANSPORT_TIMEOUT', 'no answer from the probe', { hint: 'Replug it.' }), 'cmsis-dap', {
      drivers: [{ name: 'cmsis-dap' }, { name: 'sdp' }, { name: 'jlink' }] as never,
    }) as InstanceType<typeof ImxflashError>;
    expect(e.code).toBe('TRANSPORT_TIMEOUT');
    expect(e.hint).toBe('Replug it. Other transports: --probe jlink or --probe sdp (same file, same command).');
    const input = new ImxflashError('FILE_NOT_FOUND', 'x');
    expect(withAlternatives(input, 'cmsis-dap', { drivers: [] })).toBe(input);
  });
});
