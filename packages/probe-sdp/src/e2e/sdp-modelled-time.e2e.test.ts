import { buildBootImage, findChip, findFlashPart, flash, MemoryImage, readIntelHex, type FlashResult } from '@imxflash/core';
import { USB_HIGH_SPEED_MICROFRAME_MS, UART_BITS_PER_BYTE } from '@imxflash/sim';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sdpSimRig, type SimLink } from './sim-rig.js';

/**
 * Modelled time of erase + program + verify through the sdp driver on the sim (DESIGN §5): the
 * board's VirtualClock advanced by the link model (high-speed HID reports, UART bit times) and
 * the NOR model's datasheet-typical busy times. Printed as figures; the efficiency against the
 * bound (flash busy time + the minimal link time for the bytes that must cross) is deterministic,
 * so the goal (≥ 0.85 over high-speed HID for 1 MiB) is checked.
 */
async function measure(link: SimLink, image: MemoryImage, baudRate = 115200) {
  const rig = sdpSimRig(link, { sdp: { baudRate } });
  const session = await rig.open();
  const device = await session.attachFlash({ chip: rig.board.chip, part: rig.board.part });
  const t0 = rig.board.clock.now();
  const result: FlashResult = await flash(image, device, { clock: rig.board.clock, raw: true });
  const modelledMs = rig.board.clock.now() - t0;
  const part = rig.board.part;
  const bytes = result.programmedBytes;
  // Busy bound: the planner's erase units at typical time, every page at typical program time.
  const eraseMs = result.erasedBytes >= 65536 && result.erasedBytes % 65536 === 0
    ? (result.erasedBytes / 65536) * part.timing.eraseMs[65536]!.typ
    : Math.ceil(result.erasedBytes / 4096) * part.timing.eraseMs[4096]!.typ;
  const programMs = Math.ceil(bytes / part.pageBytes) * (part.timing.pageProgramUs.typ / 1000);
  // Over HID the planner reads the touched sectors first (readCost 'cheap'): those bytes cross the link too.
  const crossing = bytes + result.verifiedBytes + result.readBytes;
  const linkMs = link === 'hid' ? Math.ceil(crossing / 1024) * USB_HIGH_SPEED_MICROFRAME_MS : (crossing * UART_BITS_PER_BYTE * 1000) / baudRate;
  const boundMs = eraseMs + programMs + linkMs;
  await session.close();
  expect(rig.board.flash.peek(image.startAddress - 0x6000_0000, 64)).toEqual(image.read(image.startAddress, 64));
  return { modelledMs, boundMs, efficiency: boundMs / modelledMs, result, phaseMs: result.phaseMs, linkMs, busyMs: eraseMs + programMs };
}

const blinky = readIntelHex(readFileSync(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url)), 'blinky-ram.hex');

function randomImage(bytes: number): MemoryImage {
  const data = new Uint8Array(bytes);
  let x = 0x1234_5678;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    data[i] = x >>> 24;
  }
  return MemoryImage.from([{ address: 0x6000_0000, data }]);
}

const fmt = (label: string, m: Awaited<ReturnType<typeof measure>>): string =>
  `${label}: modelled ${m.modelledMs.toFixed(1)} ms (erase ${m.phaseMs.erase?.toFixed(1)}, program ${m.phaseMs.program?.toFixed(1)}, verify ${m.phaseMs.verify?.toFixed(1)}), ` +
  `bound ${m.boundMs.toFixed(1)} ms (busy ${m.busyMs.toFixed(1)} + link ${m.linkMs.toFixed(1)}), efficiency ${m.efficiency.toFixed(3)}`;

describe('modelled time of flash() through the sdp driver (figures printed)', () => {
  it('blinky boot image and 1 MiB over high-speed HID; efficiency ≥ 0.85 of the bound for 1 MiB', async () => {
    const small = buildBootImage(blinky, { chip: findChip('rt1052'), part: findFlashPart('is25wp064a') }).image;
    const a = await measure('hid', small);
    const k8 = await measure('hid', randomImage(8192));
    const b = await measure('hid', randomImage(1 << 20));
    console.log(fmt(`HID  blinky boot image (${a.result.programmedBytes} B)`, a));
    console.log(fmt('HID  8 KiB', k8));
    console.log(fmt('HID  1 MiB', b));
    expect(b.efficiency).toBeGreaterThanOrEqual(0.85);
    expect(b.efficiency).toBeLessThanOrEqual(1);
  });

  it('over UART at 115200 the link is the bound', async () => {
    const small = buildBootImage(blinky, { chip: findChip('rt1052'), part: findFlashPart('is25wp064a') }).image;
    const a = await measure('uart', small);
    const k8 = await measure('uart', randomImage(8192));
    const b = await measure('uart', randomImage(1 << 20));
    console.log(fmt(`UART blinky boot image (${a.result.programmedBytes} B)`, a));
    console.log(fmt('UART 8 KiB', k8));
    console.log(fmt('UART 1 MiB', b));
    expect(b.efficiency).toBeLessThanOrEqual(1);
  }, 60_000);
});
