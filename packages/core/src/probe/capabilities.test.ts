import { describe, expect, it } from 'vitest';
import { requireCapability, type Capabilities } from './capabilities.js';

describe('requireCapability', () => {
  const caps: Capabilities = new Set(['reset', 'fast-read']);
  it('passes when the session declares the capability', () => {
    expect(() => requireCapability(caps, 'reset', 'jlink probe 600112345')).not.toThrow();
  });
  it('throws CAPABILITY_UNAVAILABLE naming who lacks what', () => {
    expect(() => requireCapability(caps, 'checksum', 'sdp on /dev/ttyUSB0')).toThrow(
      expect.objectContaining({ code: 'CAPABILITY_UNAVAILABLE', message: 'sdp on /dev/ttyUSB0 cannot compute flash checksums on the target (checksum verify)' }),
    );
  });
});
