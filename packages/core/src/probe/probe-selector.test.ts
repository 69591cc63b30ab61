import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeInfo } from './probe-info.js';
import { matchesSelector, parseProbeSelector, selectorFor } from './probe-selector.js';

describe('parseProbeSelector', () => {
  it.each([
    ['auto', { text: 'auto' }],
    ['jlink', { text: 'jlink', driver: 'jlink' }],
    ['CMSIS-DAP', { text: 'CMSIS-DAP', driver: 'cmsis-dap' }],
    ['jlink:600112345', { text: 'jlink:600112345', driver: 'jlink', serial: '600112345' }],
    ['cmsis-dap:0x1fc9:0x0143', { text: 'cmsis-dap:0x1fc9:0x0143', driver: 'cmsis-dap', vid: 0x1fc9, pid: 0x0143 }],
    ['cmsis-dap:1fc9:0143:ABC123', { text: 'cmsis-dap:1fc9:0143:ABC123', driver: 'cmsis-dap', vid: 0x1fc9, pid: 0x0143, serial: 'ABC123' }],
    ['cmsis-dap:0229000041114e45', { text: 'cmsis-dap:0229000041114e45', driver: 'cmsis-dap', serial: '0229000041114e45' }],
    ['1fc9:0143', { text: '1fc9:0143', vid: 0x1fc9, pid: 0x0143 }],
    ['1FC9:143:SER:with:colons', { text: '1FC9:143:SER:with:colons', vid: 0x1fc9, pid: 0x0143, serial: 'SER:with:colons' }],
    ['sdp:/dev/ttyUSB0', { text: 'sdp:/dev/ttyUSB0', driver: 'sdp', path: '/dev/ttyUSB0' }],
    ['sdp:COM3', { text: 'sdp:COM3', driver: 'sdp', path: 'COM3' }],
    ['sdp:usb', { text: 'sdp:usb', driver: 'sdp', link: 'usb' }],
    ['sdp:1fc9:0130', { text: 'sdp:1fc9:0130', driver: 'sdp', vid: 0x1fc9, pid: 0x0130 }],
    ['  jlink  ', { text: 'jlink', driver: 'jlink' }],
  ])('%s', (text, expected) => {
    expect(parseProbeSelector(text)).toEqual(expected);
  });

  it.each(['', '  ', 'stlink', 'stlink:123', 'jlink:', '1fc9', '1fc9:0143:', 'zzzz:0143', 'jlink:12 34', 'cmsis-dap:xyz:1', '12345:0143'])(
    'rejects %j with SELECTOR_INVALID and the forms in the hint',
    (text) => {
      let caught: unknown;
      try {
        parseProbeSelector(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toMatchObject({ code: 'SELECTOR_INVALID' });
      expect((caught as { hint: string }).hint).toContain('sdp:/dev/ttyUSB0');
    },
  );
});

const mcuLink: ProbeInfo = { driver: 'cmsis-dap', id: 'ABC123', serial: 'ABC123', vid: 0x1fc9, pid: 0x0143, link: 'usb', description: 'MCU-Link', access: 'ok' };
const jlink: ProbeInfo = { driver: 'jlink', id: '600112345', serial: '600112345', description: 'J-Link', access: 'ok' };
const uart: ProbeInfo = { driver: 'sdp', id: '/dev/ttyUSB0', path: '/dev/ttyUSB0', link: 'serial', description: 'RT1050 ROM on /dev/ttyUSB0', access: 'ok' };
const sdpUsb: ProbeInfo = { driver: 'sdp', id: '/dev/hidraw3', path: '/dev/hidraw3', vid: 0x1fc9, pid: 0x0130, link: 'usb', description: 'RT1050 ROM (USB)', access: 'ok' };
const all = [mcuLink, jlink, uart, sdpUsb];

describe('matchesSelector', () => {
  const picked = (text: string) => all.filter((p) => matchesSelector(p, parseProbeSelector(text))).map((p) => p.id);

  it.each([
    ['auto', ['ABC123', '600112345', '/dev/ttyUSB0', '/dev/hidraw3']],
    ['sdp', ['/dev/ttyUSB0', '/dev/hidraw3']],
    ['sdp:usb', ['/dev/hidraw3']],
    ['sdp:serial', ['/dev/ttyUSB0']],
    ['sdp:/dev/ttyUSB0', ['/dev/ttyUSB0']],
    ['1fc9:0143', ['ABC123']],
    ['1fc9:0143:abc123', ['ABC123']],
    ['1fc9:0143:OTHER', []],
    ['cmsis-dap:0x1fc9:0x0143', ['ABC123']],
    ['jlink:600112345', ['600112345']],
    ['jlink:ABC123', []],
  ])('%s picks %j', (text, ids) => {
    expect(picked(text)).toEqual(ids);
  });

  it('compares COM port names without case', () => {
    const com: ProbeInfo = { driver: 'sdp', id: 'COM3', path: 'COM3', link: 'serial', description: 'x', access: 'ok' };
    expect(matchesSelector(com, parseProbeSelector('sdp:com3'))).toBe(true);
  });
});

describe('selectorFor', () => {
  it('prints the shortest selector that names each probe', () => {
    expect(all.map(selectorFor)).toEqual(['cmsis-dap:ABC123', 'jlink:600112345', 'sdp:/dev/ttyUSB0', 'sdp:/dev/hidraw3']);
  });

  it('round-trips: the printed selector parses and picks the probe it was printed for', () => {
    const info = fc.record({
      driver: fc.constantFrom('cmsis-dap' as const, 'jlink' as const, 'sdp' as const),
      id: fc.string({ minLength: 1 }),
      serial: fc.option(fc.stringMatching(/^[0-9A-Za-z]{1,16}$/), { nil: undefined }),
      vid: fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: undefined }),
      pid: fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: undefined }),
      path: fc.option(fc.stringMatching(/^\/dev\/tty[A-Za-z]{1,6}[0-9]$/), { nil: undefined }),
    });
    fc.assert(
      fc.property(info, (i) => {
        const p: ProbeInfo = { ...i, description: 'probe', access: 'ok' };
        expect(matchesSelector(p, parseProbeSelector(selectorFor(p)))).toBe(true);
      }),
    );
  });
});
