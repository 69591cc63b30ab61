import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/run-in-process.js';

const example = (name: string) => fileURLToPath(new URL(`../../../../examples/blinky/out/${name}`, import.meta.url));

describe('flash of an image the flash already holds', () => {
  it('says so instead of "flashed 0 B", and still ends with the boot verdict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-unchanged-'));
    const args = ['flash', example('blinky-ram.hex'), '--sim', '--sim-state', join(dir, 'board.bin'), '--probe', 'cmsis-dap'];
    const first = await runInProcess(args, { env: { NO_COLOR: '1' } });
    expect(first.stdout).toMatch(/^✓ flashed 1\.25 KiB through cmsis-dap, verified 1\.25 KiB \(read-back\), reset$/m);
    const again = await runInProcess(args, { env: { NO_COLOR: '1' } });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^✓ the flash already holds this image \(read through cmsis-dap; nothing erased or written\), reset$/m);
    expect(again.stdout).not.toContain('flashed 0 B');
    expect(again.stdout).toMatch(/^boot +booted: copied 0x210C bytes to 0x20000000, entry 0x20002043$/m);
  });
});
