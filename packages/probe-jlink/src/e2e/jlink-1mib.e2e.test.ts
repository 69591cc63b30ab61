import { findChip, findFlashPart, flash, parseFirmware, parseProbeSelector } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { jlinkSimRig } from './jlink-sim-rig.js';

const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');

// Figures, not assertions on time (tests never assert timings): modelled hardware time of a
// 1 MiB raw write through the stand-in, per J-Link version band, printed for the benchmark table.
describe('1 MiB through the JLinkExe stand-in (modelled time, printed)', () => {
  it.each(['7.94g', '6.86'])('V%s', async (version) => {
    const r = await jlinkSimRig([version]);
    try {
      const session = await r.driver.open(parseProbeSelector('jlink'), r.context);
      const device = await session.attachFlash({ chip, part });
      const data = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 131 + (i >>> 11)) & 0xff);
      const image = parseFirmware(data, 'data.bin', { baseAddress: 0x6000_0000 });
      const t0 = r.board.clock.now();
      const result = await flash(image, device, { clock: r.board.clock, raw: true });
      const ms = r.board.clock.now() - t0;
      await session[Symbol.asyncDispose]();
      const at = r.board.flash.peek(0, data.length).findIndex((b, i) => b !== data[i]);
      expect(at).toBe(-1);
      const runs = r.runner.runs.filter((x) => x.args.includes('-Device'));
      console.log(
        `jlink V${version} (sim): 1 MiB in ${(ms / 1000).toFixed(2)} s modelled (${((1 << 20) / 1024 / (ms / 1000)).toFixed(0)} KiB/s), ` +
          `${runs.length} JLinkExe runs, phases ${JSON.stringify(Object.fromEntries(Object.entries(result.phaseMs).map(([k, v]) => [k, Math.round(v)])))}`,
      );
    } finally {
      await r.cleanup();
    }
  }, 120_000);
});
