import { describe, expect, it } from 'vitest';
import { VirtualUsbBinding } from '../bindings/virtual-usb-binding.js';
import { createSimBoard } from '../board/create-sim-board.js';
import { attachSimCmsisDap, SIM_CMSIS_DAP_ENDPOINTS } from './attach-sim-cmsis-dap.js';

/** Four DAP_Delay(1000 µs) commands sent back to back, then their four answers: the modelled time. */
async function fourDelays(packetCount: number): Promise<number> {
  const board = createSimBoard();
  const usb = new VirtualUsbBinding(board.clock, board.faults.link);
  const probe = attachSimCmsisDap(board, { usb }, { version: 'v2', packetCount });
  const link = await usb.open(probe.handle);
  await link.claimInterface(1);
  const t0 = board.clock.now();
  const delay = Uint8Array.of(0x09, 0xe8, 0x03); // DAP_Delay, 1000 µs (research/cmsisdap.md §1.2)
  for (let i = 0; i < 4; i++) await link.transferOut(SIM_CMSIS_DAP_ENDPOINTS.out, delay, 1000);
  for (let i = 0; i < 4; i++) expect(await link.transferIn(SIM_CMSIS_DAP_ENDPOINTS.in, 512, 1000)).toEqual(Uint8Array.of(0x09, 0x00));
  return board.clock.now() - t0;
}

describe('attachSimCmsisDap timing (DAP_PACKET_COUNT)', () => {
  it('runs buffered commands back to back on its own timeline: 4 in flight cost one OUT, 4 ms, one IN', async () => {
    expect(await fourDelays(8)).toBeCloseTo(0.125 + 4 + 0.125, 9);
  });

  it('with DAP_PACKET_COUNT 1 each further OUT waits (NAK) until the command before it is done', async () => {
    // OUT 1 (0.125), then each command's 1 ms and the next OUT's microframe in turn; the last answer one IN later.
    expect(await fourDelays(1)).toBeCloseTo(4 * 0.125 + 4 + 0.125, 9);
  });
});
