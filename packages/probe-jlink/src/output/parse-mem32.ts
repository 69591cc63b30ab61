import { hex32, ImxflashError } from '@imxflash/core';

/** A `mem32 <addr>, 1` in a run: its operation index and address. */
export interface Mem32Read {
  readonly index: number;
  readonly address: number;
}

/**
 * `402A8000 = 00000040 00000000 …`: the address, ` = `, the words. That is what the sim's stand-in
 * prints; the exact real format is UNVERIFIED (research/jlink.md lists only the command syntax), so
 * the match is tolerant: optional `0x` on either side, any case, any spacing around `=`, trailing
 * text after the words ignored.
 */
const MEM32_RE = /^(?:0x)?([0-9a-f]{8})\s*=\s*((?:(?:0x)?[0-9a-f]{8}\b\s*)+)/i;

/**
 * The word each `mem32 <addr>, 1` of a run read, by operation index, from JLinkExe's stdout. The
 * reads are matched in order: each takes the first memory line after the previous read's line
 * whose address is its own, so other output between them (echoed `J-Link>` prompts, DLL chatter)
 * does not matter and the same address read twice gives two values. A read with no such line is
 * JLINK_READ_FAILED.
 */
export function parseMem32Reads(stdout: string, reads: readonly Mem32Read[]): Map<number, number> {
  const lines = stdout.replace(/\r\n?/g, '\n').split('\n');
  const words = new Map<number, number>();
  let from = 0;
  for (const read of reads) {
    let found = -1;
    for (let i = from; i < lines.length; i++) {
      const m = MEM32_RE.exec(lines[i]!.trim());
      if (m !== null && Number.parseInt(m[1]!, 16) === read.address >>> 0) {
        found = i;
        words.set(read.index, Number.parseInt(m[2]!.trim().split(/\s+/)[0]!.replace(/^0x/i, ''), 16) >>> 0);
        break;
      }
    }
    if (found < 0) {
      throw new ImxflashError('JLINK_READ_FAILED', `JLinkExe printed no value for mem32 at ${hex32(read.address)}`, {
        hint: 'Its output format may differ in this J-Link version: retry with another version (--jlink-version), or use --probe cmsis-dap or --probe sdp.',
        details: { address: read.address, outputTail: lines.slice(-12).join('\n') },
      });
    }
    from = found + 1;
  }
  return words;
}
