import { describe, expect, it } from 'vitest';
import { NodeHidBinding } from './node-hid-binding.js';

// The real node-hid on this machine (no i.MX RT board attached): listing works or reports a coded
// error; opening a path that does not exist is PROBE_NOT_FOUND.
describe('NodeHidBinding (real node-hid, no device needed)', () => {
  it('lists devices as HidDeviceInfo and refuses a missing path with PROBE_NOT_FOUND', async () => {
    const binding = new NodeHidBinding();
    let listed: Awaited<ReturnType<NodeHidBinding['list']>> | undefined;
    try {
      listed = await binding.list();
    } catch (e) {
      expect(e).toMatchObject({ code: 'NATIVE_MODULE_MISSING' });
      return;
    }
    for (const d of listed) expect(d).toEqual(expect.objectContaining({ path: expect.any(String), vid: expect.any(Number), pid: expect.any(Number) }));
    expect(await binding.list({ vid: 0x15a2, pid: 0x0073 })).toEqual(listed.filter((d) => d.vid === 0x15a2 && d.pid === 0x0073));
    await expect(binding.open('/dev/imxflash-no-such-hidraw')).rejects.toMatchObject({ code: 'PROBE_NOT_FOUND' });
  });
});
