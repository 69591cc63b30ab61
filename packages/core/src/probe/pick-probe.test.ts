import { describe, expect, it } from 'vitest';
import { pickProbe } from './pick-probe.js';
import type { ProbeInfo } from './probe-info.js';
import { parseProbeSelector } from './probe-selector.js';

const jlinkA: ProbeInfo = { driver: 'jlink', id: '600112345', serial: '600112345', description: 'J-Link A', access: 'ok' };
const jlinkB: ProbeInfo = { driver: 'jlink', id: '600199999', serial: '600199999', description: 'J-Link B', access: 'ok' };
const lockedDap: ProbeInfo = {
  driver: 'cmsis-dap', id: 'ABC', serial: 'ABC', vid: 0x1fc9, pid: 0x0143, description: 'MCU-Link', access: 'permission-denied',
  accessHint: 'Install 99-imxflash.rules into /etc/udev/rules.d and replug.',
};
const busyUart: ProbeInfo = { driver: 'sdp', id: '/dev/ttyUSB0', path: '/dev/ttyUSB0', link: 'serial', description: 'UART', access: 'in-use' };

const pick = (probes: ProbeInfo[], text: string) => pickProbe(probes, parseProbeSelector(text));

describe('pickProbe', () => {
  it('returns the one usable match', () => {
    expect(pick([jlinkA, lockedDap], 'auto')).toBe(jlinkA);
    expect(pick([jlinkA, jlinkB], 'jlink:600199999')).toBe(jlinkB);
  });

  it('names a selector for each candidate when ambiguous', () => {
    expect(() => pick([jlinkA, jlinkB], 'jlink')).toThrow(
      expect.objectContaining({ code: 'PROBE_AMBIGUOUS', details: { selectors: ['jlink:600112345', 'jlink:600199999'] } }),
    );
  });

  it('says what it saw when nothing matches', () => {
    expect(() => pick([jlinkA], 'cmsis-dap')).toThrow(expect.objectContaining({ code: 'PROBE_NOT_FOUND', hint: expect.stringContaining('jlink:600112345') }));
    expect(() => pick([], 'auto')).toThrow(expect.objectContaining({ code: 'PROBE_NOT_FOUND' }));
  });

  it('reports why the only match cannot be used, with the driver\'s hint', () => {
    expect(() => pick([lockedDap], '1fc9:0143')).toThrow(
      expect.objectContaining({ code: 'PROBE_PERMISSION_DENIED', hint: 'Install 99-imxflash.rules into /etc/udev/rules.d and replug.' }),
    );
    expect(() => pick([busyUart], 'sdp:/dev/ttyUSB0')).toThrow(expect.objectContaining({ code: 'PROBE_BUSY' }));
  });
});
