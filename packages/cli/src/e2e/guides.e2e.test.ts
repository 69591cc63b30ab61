import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simDrivers } from './sim-drivers.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/imxflash.js', import.meta.url));
const GUIDES = ['README.md', 'docs/guides/boot-ram-app-from-qspi-rt1052.md', 'docs/guides/choosing-a-transport.md'];
/** Commands that open a probe (under --sim: a driver with a virtual probe). */
const DEVICE_COMMANDS = new Set(['flash', 'erase', 'read', 'verify', 'run', 'reset']);

/**
 * The `npx imxflash …` commands of the `sh` blocks (also after `npm install &&`), except lines
 * marked `# hardware`.
 */
function commandsOf(markdown: string): string[][] {
  const out: string[][] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      if (line.includes('# hardware') || line.trimStart().startsWith('#')) continue;
      for (const part of line.split('&&')) {
        const command = part.replace(/#.*$/, '').trim();
        if (command.startsWith('npx imxflash ')) out.push(command.split(/\s+/).slice(2));
      }
    }
  }
  return out;
}

const drivers = await simDrivers();

describe.each(GUIDES.map((g) => [g]))('the commands in %s', (guide) => {
  // One working directory and one cache per guide: the sim board persists from command to command.
  const cwd = mkdtempSync(join(tmpdir(), 'imxflash-guide-'));
  symlinkSync(join(repo, 'examples'), join(cwd, 'examples'));
  const env = { PATH: process.env['PATH'] ?? '', HOME: cwd, XDG_CACHE_HOME: join(cwd, '.cache'), NO_COLOR: '1' };
  const commands = commandsOf(readFileSync(join(repo, guide), 'utf8'));

  it('has commands to run', () => {
    expect(commands.length).toBeGreaterThan(0);
  });

  it.each(commands.map((c) => [c.join(' '), c]))('imxflash %s', (_text, args) => {
    const word = args.find((a) => !a.startsWith('-'))!;
    const probe = args[args.indexOf('--probe') + 1];
    const needsDriver = DEVICE_COMMANDS.has(word) && !args.includes('--dry-run');
    const driverMissing = needsDriver && (args.includes('--probe') ? !drivers.includes(probe as never) : drivers.length === 0);
    const inputMissing = word === 'image' && args[1] === 'inspect' && !existsSync(join(cwd, args[2]!));
    const r = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
    if (driverMissing) {
      // Not landed yet in this build: the command must say so as a device error.
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('error PROBE_NOT_FOUND:');
      return;
    }
    if (inputMissing) {
      expect(r.status).toBe(1);
      return;
    }
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });
});

describe('the README transcript', () => {
  it('shows what the quick-start command prints on a fresh board (the stable lines)', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const transcript = /```text\n\$ npx imxflash flash examples\/blinky\/out\/blinky-ram.hex --sim\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    const cwd = mkdtempSync(join(tmpdir(), 'imxflash-readme-'));
    symlinkSync(join(repo, 'examples'), join(cwd, 'examples'));
    const env = { PATH: process.env['PATH'] ?? '', HOME: cwd, XDG_CACHE_HOME: join(cwd, '.cache'), NO_COLOR: '1' };
    const r = spawnSync(process.execPath, [bin, 'flash', 'examples/blinky/out/blinky-ram.hex', '--sim'], { cwd, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const stdout = r.stdout.trim().split('\n');
    // image, plan, result and boot verdict lines are exact; times depend on the drivers' tuning.
    for (const prefix of ['image ', 'plan ', '✓ ', 'boot ']) {
      expect(transcript.find((l) => l.startsWith(prefix)), prefix).toBe(stdout.find((l) => l.startsWith(prefix)));
    }
    const flashing = (lines: string[]) => lines.find((l) => l.startsWith('flashing '));
    expect(flashing(transcript)).toBe(flashing(r.stderr.split('\n')));
  });
});
