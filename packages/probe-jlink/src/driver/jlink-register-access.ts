import { hex32, ImxflashError, type RegisterAccess, type RegisterStep } from '@imxflash/core';
import type { JlinkBatchRunner } from './jlink-flash-device.js';
import type { JlinkOperation } from '../script/flash-script.js';

/**
 * Register programs as JLinkExe runs them: each `run` is one JLinkExe process (connect, halt, the
 * steps as w4 / mem32 / Sleep, exit), the read32 words taken from its stdout.
 */
export class JlinkRegisterAccess implements RegisterAccess {
  constructor(private readonly runBatch: JlinkBatchRunner) {}

  async run(steps: readonly RegisterStep[], what: string): Promise<number[]> {
    const ops: JlinkOperation[] = steps.map((s) =>
      s.kind === 'write32' ? { kind: 'write32', address: s.address, value: s.value } : s.kind === 'read32' ? { kind: 'read32', address: s.address } : { kind: 'sleep', ms: s.ms },
    );
    const results = (await this.runBatch(ops)).reads;
    const words: number[] = [];
    ops.forEach((op, i) => {
      if (op.kind !== 'read32') return;
      const bytes = results.get(i);
      if (bytes === undefined || bytes.length !== 4) {
        throw new ImxflashError('JLINK_READ_FAILED', `${what}: J-Link returned no word for ${hex32(op.address)}`, {
          hint: 'Retry; if it repeats, use --probe cmsis-dap or --probe sdp.',
          details: { address: op.address, got: bytes?.length ?? 0 },
        });
      }
      words.push((bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0);
    });
    return words;
  }
}
