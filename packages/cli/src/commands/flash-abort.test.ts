import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
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
