// Runs the imxflash pipeline once in a fresh process, so its peak RSS can be taken under
// /usr/bin/time: node dist/hex-to-bootable-child.js <input> <output.bin>
// Prints one JSON line: { parseMs, buildMs, mode, outputBytes }.
import { readFileSync, writeFileSync } from 'node:fs';
import { hexToBootable } from './hex-to-bootable-pipeline.js';

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) {
  process.stderr.write('usage: node hex-to-bootable-child.js <input.hex|.srec|.elf> <output.bin>\n');
  process.exit(2);
}
const file = readFileSync(input);
const result = hexToBootable(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), input);
writeFileSync(output, result.bytes);
process.stdout.write(`${JSON.stringify({ parseMs: result.parseMs, buildMs: result.buildMs, mode: result.mode, outputBytes: result.bytes.length })}\n`);
