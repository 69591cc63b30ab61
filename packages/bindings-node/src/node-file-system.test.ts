import { describe, expect, it } from 'vitest';
import { NodeFileSystem } from './node-file-system.js';

describe('NodeFileSystem', () => {
  it('makes a private temp folder, writes, reads, removes', async () => {
    const fs = new NodeFileSystem();
    const dir = await fs.makeTempDir('imxflash-test-');
    await fs.writeFile(`${dir}/a.txt`, 'exit\n');
    await fs.writeFile(`${dir}/b.bin`, Uint8Array.of(1, 2));
    expect(new TextDecoder().decode(await fs.readFile(`${dir}/a.txt`))).toBe('exit\n');
    expect(await fs.readFile(`${dir}/b.bin`)).toEqual(new Uint8Array([1, 2]));
    expect(await fs.exists(dir)).toBe(true);
    await fs.remove(dir);
    expect(await fs.exists(dir)).toBe(false);
    await fs.remove(dir);
    await expect(fs.readFile(`${dir}/a.txt`)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(fs.writeFile(`${dir}/x/y`, 'z')).rejects.toMatchObject({ code: 'OUTPUT_WRITE_FAILED' });
  });
});
