import { findChip, findFlashPart, ImxflashError, type ProgressEvent } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { readStatusInRom } from './read-status-in-rom.js';
import type { SdpRegisterPort } from './sdp-register-access.js';

const target = { chip: findChip('rt1052'), part: findFlashPart('is25wp064a') };
const refused = new ImxflashError('SDP_COMMAND_FAILED', 'WRITE_REGISTER: the ROM answered HAB failure', { hint: 'x' });
const unplugged = new ImxflashError('TRANSPORT_DISCONNECTED', 'the device is gone', { hint: 'x' });

function port(fail?: ImxflashError): SdpRegisterPort & { writes: number } {
  const p = {
    writes: 0,
    writeRegister: async () => {
      p.writes++;
      if (fail !== undefined) throw fail;
    },
    // INTR reads IPCMDDONE; RFDR0 holds the status byte 0x40 (QE); every other register reads 0.
    readWord: async (address: number) => (address === 0x402a_8014 ? 1 : address === 0x402a_8100 ? 0x40 : 0),
  };
  return p;
}

describe('readStatusInRom', () => {
  it('returns the status byte the register program read', async () => {
    const events: ProgressEvent[] = [];
    expect(await readStatusInRom(port(), target, (e) => events.push(e))).toBe(0x40);
    expect(events).toEqual([]);
  });

  it('a ROM that refuses register writes skips the check with a notice naming why', async () => {
    const events: ProgressEvent[] = [];
    const p = port(refused);
    expect(await readStatusInRom(p, target, (e) => events.push(e))).toBeUndefined();
    expect(p.writes).toBe(1);
    expect(events).toEqual([expect.objectContaining({ type: 'notice', code: 'SDP_PROTECTION_NOT_CHECKED', text: expect.stringContaining('HAB failure') })]);
  });

  it('a FlexSPI command that never finishes (no flash answers the host set-up) skips the check too', async () => {
    const events: ProgressEvent[] = [];
    const silent = { ...port(), readWord: async () => 0 };
    expect(await readStatusInRom(silent, target, (e) => events.push(e))).toBeUndefined();
    expect(events).toEqual([expect.objectContaining({ code: 'SDP_PROTECTION_NOT_CHECKED', text: expect.stringContaining('did not finish') })]);
  });

  it('a broken link is not a skipped check: the error goes on', async () => {
    await expect(readStatusInRom(port(unplugged), target, () => undefined)).rejects.toBe(unplugged);
  });
});
