import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { hex32 } from '@imxflash/core';

const TIMEOUT_MS = 120_000;

/**
 * Turns the app's raw bytes into a linked ELF as a toolchain would hold it: objcopy wraps the
 * binary in an object as one allocated .text section, ld places it at `address` with entry
 * `entry`, giving an ET_EXEC with one PT_LOAD segment. (Going through the Intel HEX instead
 * would split the data into one section per 64 KiB extended-address block.)
 */
export function makeElfFromBinary(tools: { objcopy: string; ld: string }, binPath: string, elfPath: string, address: number, entry: number): void {
  const objectPath = `${elfPath}.o`;
  try {
    run(tools.objcopy, ['-I', 'binary', '-O', 'elf32-littlearm', '-B', 'arm', '--rename-section', '.data=.text,alloc,load,readonly,code,contents', binPath, objectPath]);
    run(tools.ld, [`--section-start=.text=${hex32(address)}`, '-e', hex32(entry), '-o', elfPath, objectPath]);
  } finally {
    rmSync(objectPath, { force: true });
  }
}

function run(program: string, args: readonly string[]): void {
  const r = spawnSync(program, args, { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.error || r.status !== 0) {
    throw new Error(`${program} ${args.join(' ')} failed (${r.error?.message ?? `exit code ${r.status}`}): ${(r.stderr ?? '').trim()}`);
  }
}
