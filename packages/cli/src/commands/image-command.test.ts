import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/run-in-process.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const example = (name: string) => join(repo, 'examples/blinky/out', name);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imxflash-cli-'));
});

describe('imxflash image build', () => {
  it('builds the RAM example and reports what the ROM will do', async () => {
    const r = await runInProcess(['image', 'build', example('blinky-ram.hex'), '-o', 'ram.bin'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ROM will copy 8460 bytes (0x210C) from flash offset 0 to 0x20000000, then jump to 0x20002043');
    expect(r.stdout).toMatch(/mode\s+ram: the app starts at 0x20002000, in DTCM/);
    const bin = readFileSync(join(dir, 'ram.bin'));
    expect(bin.length).toBe(0x210c);
    expect(bin.subarray(0, 4).toString('hex')).toBe('46434642'); // "FCFB"
    expect(bin.subarray(0x1000, 0x1020).toString('hex')).toBe(
      'd1002041' + '43200020' + '00000000' + '00000000' + '20100020' + '00100020' + '00000000' + '00000000',
    );
    expect(bin.subarray(0x2000)).toEqual(readFileSync(example('blinky-ram.bin')));
  });

  it('gives byte-identical images from .hex, .srec and .elf of the same app', async () => {
    const outs: Buffer[] = [];
    for (const ext of ['hex', 'srec', 'elf']) {
      const r = await runInProcess(['image', 'build', example(`blinky-ram.${ext}`), '-o', `out-${ext}.bin`], { cwd: dir });
      expect(r.code).toBe(0);
      outs.push(readFileSync(join(dir, `out-${ext}.bin`)));
    }
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
  });

  it('writes Intel HEX when the output ends in .hex, and that file inspects clean', async () => {
    expect((await runInProcess(['image', 'build', example('blinky-xip.elf'), '-o', 'xip.hex'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, 'xip.hex'), 'utf8');
    expect(text.startsWith(':020000046000')).toBe(true); // extended linear address 0x6000
    const r = await runInProcess(['image', 'inspect', 'xip.hex'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ROM will run the app in place (XIP from 0x60000000): jump to 0x60002043');
    expect(r.stdout).toContain('no findings');
  });

  it('--json prints one result object with the documented fields', async () => {
    const r = await runInProcess(['image', 'build', example('blinky-ocram.srec'), '-o', 'o.bin', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      ok: true,
      command: 'image build',
      chip: 'rt1050',
      flash: 'is25wp064a',
      mode: 'ram',
      rom: { action: 'copy', copyBytes: 0x210c, destination: 0x2020_8000, entry: 0x2020_a043 },
      findings: [],
    });
  });

  it('refuses a RAM app linked at the region start, with a linker hint (exit 1)', async () => {
    const app = Buffer.alloc(0x100);
    app.writeUInt32LE(0x2002_0000, 0);
    app.writeUInt32LE(0x2000_0041, 4);
    writeFileSync(join(dir, 'low.bin'), app);
    const r = await runInProcess(['image', 'build', 'low.bin', '--base', '0x20000000', '-o', 'x.bin'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('BOOT_APP_TOO_CLOSE_TO_REGION_START');
    expect(r.stderr).toMatch(/hint: Link the vector table at 0x20002000 or higher/);
  });

  it.each([
    [['image', 'build', 'missing.hex', '-o', 'x.bin'], 'FILE_NOT_FOUND'],
    [['image', 'build', 'in.hex', '-o', 'x.bin', '--chip', 'rt9999'], 'CHIP_UNKNOWN'],
    [['image', 'build', 'in.hex', '-o', 'x.bin', '--flash', 'nosuchflash'], 'FLASH_PART_UNKNOWN'],
    [['image', 'build', 'in.hex', '-o', 'x.bin', '--mode', 'rom'], 'CONFIG_BAD_OPTION'],
    [['image', 'build', 'in.hex', '-o', 'x.bin', '--bogus'], 'CONFIG_BAD_OPTION'],
    [['image', 'build', 'in.hex'], 'CONFIG_BAD_OPTION'],
    [['image', 'build', 'bad.hex', '-o', 'x.bin'], 'HEX_BAD_CHECKSUM'],
    [['image', 'build', 'in.hex', '-o', 'no/such/dir/x.bin'], 'OUTPUT_WRITE_FAILED'],
  ])('%j → exit 1 with %s and a hint', async (argv, code) => {
    writeFileSync(join(dir, 'in.hex'), readFileSync(example('blinky-ram.hex')));
    writeFileSync(join(dir, 'bad.hex'), ':0400000001020304F0\n:00000001FF\n');
    const r = await runInProcess(argv, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error ${code}:`);
    expect(r.stderr).toMatch(/\nhint: \S/);
  });

  it('with --json, a failure is one JSON object on stdout carrying the code', async () => {
    const r = await runInProcess(['image', 'build', 'missing.hex', '-o', 'x.bin', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', hint: expect.any(String) } });
  });
});

describe('imxflash image inspect', () => {
  it('says an app-only bin cannot boot, with findings, and exits 1', async () => {
    const r = await runInProcess(['image', 'inspect', example('blinky-ram.bin')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FCB_MISSING');
    expect(r.stdout).toContain('IVT_MISSING');
    expect(r.stdout).toMatch(/ROM will not boot this image/);
  });

  it('decodes the FCB LUT of a built image', async () => {
    await runInProcess(['image', 'build', example('blinky-ram.elf'), '-o', 'ram.bin'], { cwd: dir });
    const r = await runInProcess(['image', 'inspect', 'ram.bin', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.fcb.sequences[0]).toEqual({
      index: 0,
      role: 'READ (AHB / boot)',
      instructions: ['CMD_SDR 1-pad 0xEB', 'RADDR_SDR 4-pad 24', 'DUMMY_SDR 4-pad 6', 'READ_SDR 4-pad 0x04'],
    });
    expect(j.ivt).toMatchObject({ self: 0x2000_1000, entry: 0x2000_2043, bootData: 0x2000_1020 });
    expect(j.findings).toEqual([]);
  });
});
