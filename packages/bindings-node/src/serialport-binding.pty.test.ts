import { describe, expect, it } from 'vitest';
import { SerialportBinding } from './serialport-binding.js';
import { openPtyBridge } from './testing/pty-bridge.js';

const bridge = await openPtyBridge();
const unavailable = 'unavailable' in bridge ? bridge.unavailable : undefined;
if (unavailable !== undefined) console.warn(`serialport pty tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('SerialportBinding over a real pseudo-terminal', () => {
  it('writes, reads what arrives, times out on silence, and reports a missing port', async () => {
    const pty = bridge as Exclude<typeof bridge, { unavailable: string }>;
    const seen: number[] = [];
    pty.onData((b) => seen.push(...b));
    const binding = new SerialportBinding();
    const link = await binding.open(pty.path, 115200);
    await link.write(Uint8Array.of(0x5a, 0xa6, 0x00, 0xff, 0x0a, 0x0d));
    for (let i = 0; i < 100 && seen.length < 6; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([0x5a, 0xa6, 0x00, 0xff, 0x0a, 0x0d]); // raw: no CR/LF translation, no echo
    pty.write(Uint8Array.of(1, 2, 3, 0x0a, 0x0d, 0x03));
    const got: number[] = [];
    while (got.length < 6) got.push(...(await link.read(64, 1000)));
    expect(got).toEqual([1, 2, 3, 0x0a, 0x0d, 0x03]);
    await expect(link.read(4, 60)).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    await link.close();
    await expect(link.read(1, 10)).rejects.toMatchObject({ code: 'TRANSPORT_DISCONNECTED' });
    await expect(binding.open('/dev/imxflash-no-such-tty', 115200)).rejects.toMatchObject({ code: 'PROBE_NOT_FOUND' });
    await pty.close();
  });
});
