import { SIM_TRANSPORTS } from '@imxflash/fault-matrix';
import { describe, expect, it } from 'vitest';
import { runTransportPass } from './transport-pass.js';

// The benchmark's pass on a small image through every transport: it flashes and checks the
// flash content itself (a wrong result throws); here the rows' bookkeeping is checked, never a time.
describe.each(SIM_TRANSPORTS)('transport pass, 64 KiB through %s', (transport) => {
  it('flashes erased and non-erased boards, re-flashes unchanged, and reports every phase with a bound', async () => {
    const rows = await runTransportPass(transport, 64 * 1024);
    expect(rows.map((r) => r.scenario)).toEqual(['erased', 'non-erased', 'unchanged']);
    const [erased, nonErased, unchanged] = rows;
    expect(erased!.programmedBytes).toBe(64 * 1024);
    expect(nonErased!.erasedBytes).toBeGreaterThanOrEqual(64 * 1024);
    expect(unchanged!.sizeBytes).toBe(64 * 1024);
    // flash() verifies what it erased or programmed: an unchanged re-flash on a probe that read
    // the flash first (cheap reads), or whose download compared on the target (J-Link), verifies
    // nothing; one that could do neither rewrites and verifies all.
    const provedBeforehand = unchanged!.programmedBytes === 0 && (unchanged!.erasedBytes === 0 || unchanged!.confirmedBytes === 64 * 1024);
    expect(unchanged!.verifiedBytes).toBe(provedBeforehand ? 0 : 64 * 1024);
    if (transport === 'jlink') expect(unchanged!).toMatchObject({ confirmedBytes: 64 * 1024, programmedBytes: 0, verifiedBytes: 0 });
    for (const r of rows) {
      if (r.scenario !== 'unchanged') expect(r.verifiedBytes).toBeGreaterThanOrEqual(64 * 1024);
      expect(Object.keys(r.boundMs)).toEqual(Object.keys(r.modelledMs));
      // Unchanged: no erase is needed; a probe that compared on the target moved nothing at all.
      if (r.scenario !== 'unchanged') expect(r.boundTotalMs).toBeGreaterThan(0);
      else expect(r.boundMs.erase ?? 0).toBe(0);
    }
  });
});
