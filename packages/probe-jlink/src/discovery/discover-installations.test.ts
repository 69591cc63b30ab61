import type { ProcessRunner } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../testing/memory-file-system.js';
import { fakeHost } from '../testing/fake-host.js';
import { formatJlinkVersion } from '../version/jlink-version.js';
import { discoverJlinkInstallations } from './discover-installations.js';

/** Answers like JLinkExe: the banner of the version its folder name says; `calls` records argv and the command file. */
function bannerRunner(fs: MemoryFileSystem, versions: Record<string, string>): ProcessRunner & { calls: { exe: string; args: readonly string[]; file: string }[] } {
  const calls: { exe: string; args: readonly string[]; file: string }[] = [];
  return {
    calls,
    run: async (exe, args) => {
      const file = new TextDecoder().decode(await fs.readFile(args[args.length - 1]!));
      calls.push({ exe, args, file });
      const v = versions[exe];
      const stdout = v === undefined ? 'jlink: usage: jlink --module-path …\n' : `SEGGER J-Link Commander ${v} (Compiled Jan 24 2024 15:05:11)\nDLL version ${v}, compiled Jan 24 2024\n\nJ-Link Command File read successfully.\nProcessing script file...\n\nScript processing completed.\n`;
      return { exitCode: 0, stdout, stderr: '', timedOut: false };
    },
  };
}

describe('discoverJlinkInstallations', () => {
  it('Linux: versioned folders side by side, the /usr/bin link counted once, newest first', async () => {
    const fs = new MemoryFileSystem();
    const host = fakeHost({
      platform: 'linux',
      env: { PATH: '/usr/local/bin:/usr/bin' },
      files: ['/opt/SEGGER/JLink_V682d/JLinkExe', '/opt/SEGGER/JLink_V794e/JLinkExe', '/opt/SEGGER/JLink_V662a/JLinkExe'],
      links: { '/usr/bin/JLinkExe': '/opt/SEGGER/JLink_V794e/JLinkExe', '/opt/SEGGER/JLink/JLinkExe': '/opt/SEGGER/JLink_V794e/JLinkExe' },
    });
    const runner = bannerRunner(fs, {
      '/opt/SEGGER/JLink_V682d/JLinkExe': 'V6.82d',
      '/opt/SEGGER/JLink_V794e/JLinkExe': 'V7.94e',
      '/opt/SEGGER/JLink_V662a/JLinkExe': 'V6.62a',
    });
    const { installations } = await discoverJlinkInstallations({ host, fs, runner });
    expect(installations.map((i) => [formatJlinkVersion(i.version), i.dir, i.versionSource, i.foundBy])).toEqual([
      ['V7.94e', '/opt/SEGGER/JLink_V794e', 'banner', 'default-folder'],
      ['V6.82d', '/opt/SEGGER/JLink_V682d', 'banner', 'default-folder'],
      ['V6.62a', '/opt/SEGGER/JLink_V662a', 'banner', 'default-folder'],
    ]);
    // The version probe is a command file with only `exit`; -NoGui only where the folder says ≥ 6.80.
    expect(runner.calls.map((c) => c.file)).toEqual(['exit\n', 'exit\n', 'exit\n']);
    expect(runner.calls.find((c) => c.exe.includes('V662a'))!.args).toEqual(['-CommandFile', expect.stringMatching(/version\.jlink$/)]);
    expect(runner.calls.find((c) => c.exe.includes('V794e'))!.args.slice(0, 2)).toEqual(['-NoGui', '1']);
    expect(fs.leftovers()).toEqual([]);
  });
  it('Windows: Program Files and (x86), JLink.exe; the JDK jlink.exe on PATH is skipped', async () => {
    const fs = new MemoryFileSystem('C:\\Temp');
    const host = fakeHost({
      platform: 'win32',
      env: { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', PATH: 'C:\\jdk\\bin;C:\\Windows' },
      files: ['C:\\Program Files\\SEGGER\\JLink_V794e\\JLink.exe', 'C:\\Program Files (x86)\\SEGGER\\JLink_V512c\\JLink.exe', 'C:\\jdk\\bin\\JLink.exe'],
    });
    const runner = bannerRunner(fs, { 'C:\\Program Files\\SEGGER\\JLink_V794e\\JLink.exe': 'V7.94e', 'C:\\Program Files (x86)\\SEGGER\\JLink_V512c\\JLink.exe': 'V5.12c' });
    const { installations, skipped } = await discoverJlinkInstallations({ host, fs, runner });
    expect(installations.map((i) => [formatJlinkVersion(i.version), i.exe])).toEqual([
      ['V7.94e', 'C:\\Program Files\\SEGGER\\JLink_V794e\\JLink.exe'],
      ['V5.12c', 'C:\\Program Files (x86)\\SEGGER\\JLink_V512c\\JLink.exe'],
    ]);
    expect(skipped).toContainEqual({ path: 'C:\\jdk\\bin\\JLink.exe', reason: expect.stringContaining('no J-Link Commander banner') });
  });
  it('macOS: /Applications/SEGGER and /usr/local/bin; a configured folder outside them', async () => {
    const fs = new MemoryFileSystem();
    const host = fakeHost({
      platform: 'darwin',
      env: { PATH: '/usr/bin' },
      files: ['/Applications/SEGGER/JLink_V798a/JLinkExe', '/Users/dev/tools/JLink_V686/JLinkExe'],
      links: { '/usr/local/bin/JLinkExe': '/Applications/SEGGER/JLink_V798a/JLinkExe' },
    });
    const runner = bannerRunner(fs, { '/Applications/SEGGER/JLink_V798a/JLinkExe': 'V7.98a', '/Users/dev/tools/JLink_V686/JLinkExe': 'V6.86' });
    const { installations } = await discoverJlinkInstallations({ host, fs, runner }, { configuredPaths: ['/Users/dev/tools/JLink_V686'] });
    expect(installations.map((i) => [formatJlinkVersion(i.version), i.foundBy])).toEqual([
      ['V7.98a', 'default-folder'],
      ['V6.86', 'configured'],
    ]);
  });
  it('falls back to the folder name when the banner cannot be read, and reports a configured path without a Commander', async () => {
    const fs = new MemoryFileSystem();
    const host = fakeHost({ platform: 'linux', files: ['/opt/SEGGER/JLink_V686/JLinkExe'] });
    const runner: ProcessRunner = { run: async () => ({ exitCode: null, stdout: '', stderr: '', timedOut: false }) };
    const { installations, skipped } = await discoverJlinkInstallations({ host, fs, runner }, { configuredPaths: ['/nowhere/JLink'] });
    expect(installations.map((i) => [formatJlinkVersion(i.version), i.versionSource])).toEqual([['V6.86', 'folder-name']]);
    expect(skipped).toEqual([{ path: '/nowhere/JLink/JLinkExe', reason: 'no JLinkExe there' }]);
  });
});
