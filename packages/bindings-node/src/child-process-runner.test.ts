import { describe, expect, it } from 'vitest';
import { ChildProcessRunner } from './child-process-runner.js';

const node = process.execPath;
const runner = new ChildProcessRunner();

describe('ChildProcessRunner (spawns real processes)', () => {
  it('passes argv untouched (no shell), returns stdout/stderr as UTF-8 and the exit code', async () => {
    const r = await runner.run(node, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)) + " ✓"); process.stderr.write("warn"); process.exit(3)', '$HOME', 'a b', '"q"; exit', '*'], {
      timeoutMs: 20_000,
    });
    expect(r).toEqual({ exitCode: 3, stdout: '["$HOME","a b","\\"q\\"; exit","*"] ✓', stderr: 'warn', timedOut: false });
  });
  it('writes stdin, adds env, honours cwd', async () => {
    const r = await runner.run(node, ['-e', 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(s.toUpperCase(), process.env.IMXFLASH_T, process.cwd()))'], {
      timeoutMs: 20_000,
      stdin: 'hello',
      env: { IMXFLASH_T: '42' },
      cwd: '/',
    });
    expect(r.stdout.trim()).toBe('HELLO 42 /');
    expect(r.exitCode).toBe(0);
  });
  it('kills at the timeout and says so', async () => {
    const r = await runner.run(node, ['-e', 'console.log("started"); setInterval(() => {}, 1000)'], { timeoutMs: 1500 });
    expect(r).toMatchObject({ exitCode: null, timedOut: true });
    expect(r.stdout).toContain('started');
  });
  it('replaces invalid UTF-8', async () => {
    const r = await runner.run(node, ['-e', 'process.stdout.write(Buffer.from([0x41, 0xff, 0x42]))'], { timeoutMs: 20_000 });
    expect(r.stdout).toBe('A\uFFFDB');
  });
  it('a missing program rejects FILE_NOT_FOUND', async () => {
    await expect(runner.run('/nonexistent/JLinkExe', [], { timeoutMs: 1000 })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
