import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from './settings.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'imxflash-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('resolveSettings', () => {
  it('finds imxflash.config.json upward from the cwd; paths in it are relative to it', () => {
    const root = tree({ 'imxflash.config.json': '{"chip":"rt1062","flashloader":"loaders/fl.bin","simState":"s.bin"}', 'a/b/.keep': '' });
    const s = resolveSettings({}, {}, join(root, 'a/b'));
    expect(s.chip).toBe('rt1062');
    expect(s.flashloader).toBe(join(root, 'loaders/fl.bin'));
    expect(s.simState).toBe(join(root, 's.bin'));
    expect(s.sources.chip).toBe('config');
    expect(s.configSource).toBe(join(root, 'imxflash.config.json'));
  });

  it('reads the imxflash key of package.json; a package.json without it is passed by', () => {
    const root = tree({ 'package.json': '{"name":"x","imxflash":{"flash":"w25q64jv","probe":"jlink"}}', 'sub/package.json': '{"name":"y"}' });
    const s = resolveSettings({}, {}, join(root, 'sub'));
    expect([s.flash, s.probe]).toEqual(['w25q64jv', 'jlink']);
    expect(s.configSource).toBe(`${join(root, 'package.json')}#imxflash`);
  });

  it('flag beats environment beats config file', () => {
    const root = tree({ 'imxflash.config.json': '{"chip":"rt1062","flash":"w25q64jv","probe":"jlink","sim":true}' });
    const env = { IMXFLASH_CHIP: 'rt1176', IMXFLASH_PROBE: 'sdp', IMXFLASH_SIM: '0' };
    const s = resolveSettings({ chip: 'rt1052' }, env, root);
    expect([s.chip, s.flash, s.probe, s.sim]).toEqual(['rt1052', 'w25q64jv', 'sdp', false]);
    expect(s.sources).toMatchObject({ chip: 'flag', flash: 'config', probe: 'env', sim: 'env' });
  });

  it('names every wrong key in one CONFIG_BAD_FILE, with a suggestion', () => {
    const root = tree({ 'imxflash.config.json': '{"chp":"rt1052","verify":"yes","erase":"all","probe":""}' });
    let caught: unknown;
    try {
      resolveSettings({}, {}, root);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'CONFIG_BAD_FILE' });
    const message = (caught as Error).message;
    expect(message).toContain('unknown key "chp" (did you mean "chip"?)');
    expect(message).toContain('"verify" must be true or false, not "yes"');
    expect(message).toContain('"erase" must be one of "auto", "sector", "chip", not "all"');
    expect(message).toContain('"probe" must be a non-empty string');
  });

  it('rejects invalid JSON and a non-object', () => {
    expect(() => resolveSettings({}, {}, tree({ 'imxflash.config.json': '{"chip": "rt1052",}' }))).toThrow(
      expect.objectContaining({ code: 'CONFIG_BAD_FILE', message: expect.stringContaining('is not valid JSON') }),
    );
    expect(() => resolveSettings({}, {}, tree({ 'imxflash.config.json': '["rt1052"]' }))).toThrow(
      expect.objectContaining({ code: 'CONFIG_BAD_FILE', message: expect.stringContaining('must be a JSON object, not an array') }),
    );
  });

  it('--config must exist; IMXFLASH_CONFIG works the same', () => {
    const root = tree({ 'boards/evk.json': '{"chip":"rt1062"}' });
    expect(resolveSettings({ config: 'boards/evk.json' }, {}, root).chip).toBe('rt1062');
    expect(resolveSettings({}, { IMXFLASH_CONFIG: 'boards/evk.json' }, root).chip).toBe('rt1062');
    expect(() => resolveSettings({ config: 'nope.json' }, {}, root)).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND' }));
  });

  it('J-Link choices: flag over file, the install path relative to the file, the policy checked', () => {
    const root = tree({ 'imxflash.config.json': '{"jlinkVersion":"V6.62a","jlinkPolicy":"strict","jlinkPath":"segger/JLink_V662a"}' });
    expect(resolveSettings({ jlinkVersion: 'V7.94e' }, {}, root).jlink).toEqual({ version: 'V7.94e', policy: 'strict', installPath: join(root, 'segger/JLink_V662a') });
    expect(() => resolveSettings({}, {}, tree({ 'imxflash.config.json': '{"jlinkPolicy":"never"}' }))).toThrow(
      expect.objectContaining({ code: 'CONFIG_BAD_FILE', message: expect.stringContaining('"jlinkPolicy" must be one of "auto", "strict", "warn"') }),
    );
  });

  it('rejects a non-boolean IMXFLASH_SIM', () => {
    expect(() => resolveSettings({}, { IMXFLASH_SIM: 'maybe' }, tree({}))).toThrow(expect.objectContaining({ code: 'CONFIG_BAD_OPTION' }));
  });
});
