import { decodeDcd, decodeIvt, ImxflashError } from '@imxflash/core';
import type { MemAp } from '../adi/mem-ap.js';
import { TransferBatch } from '../adi/transfer-batch.js';
import type { CortexM7 } from './cortex-m7.js';

/** Where the image started and how. */
export interface RamImageStart {
  readonly entry: number;
  readonly sp: number;
  readonly pc: number;
  /** The vector table the core now uses (VTOR), when the IVT entry points at one. */
  readonly vectorTable: number | undefined;
}

/**
 * Starts a RAM boot image the way the ROM starts a copied one (research/imxrt.md §5), from the
 * debugger: reset and halt, load `image` at `loadAddress`, run the IVT's DCD write commands
 * (32-bit), then enter through IVT.entry with VTOR, SP and PC from the vector table it belongs
 * to (see findVectorTable); without one, PC = entry and SP stays.
 */
export async function runRamImage(core: CortexM7, ap: MemAp, image: Uint8Array, loadAddress: number, ivtAddress = loadAddress): Promise<RamImageStart> {
  const at = ivtAddress - loadAddress;
  if (at < 0 || at + 32 > image.length) {
    throw new ImxflashError('IVT_TRUNCATED', `the IVT at 0x${ivtAddress.toString(16)} is not inside the image loaded at 0x${loadAddress.toString(16)}`, {
      hint: 'Pass the image with its boot header (FCB/IVT/boot data), as `imxflash image build --mode ram` writes it.',
    });
  }
  const ivt = decodeIvt(image.subarray(at, at + 32));
  try {
    await core.resetAndHalt();
  } catch (e) {
    if (!(e instanceof ImxflashError) || e.code !== 'SWD_CORE_TIMEOUT') throw e;
    await core.halt();
  }
  await ap.writeMemory(loadAddress, image);
  if (ivt.dcd !== 0) await runDcd(ap, image, ivt.dcd - loadAddress);
  const vectorTable = findVectorTable(image, loadAddress, ivt.entry);
  if (vectorTable !== undefined) {
    const { sp, pc } = await core.run([], vectorTable);
    return { entry: ivt.entry, sp, pc, vectorTable };
  }
  const sp = await core.readRegister(13);
  await core.writeRegisters([[15, ivt.entry & ~1], [16, 0x0100_0000]]);
  await core.resume();
  return { entry: ivt.entry, sp, pc: ivt.entry & ~1, vectorTable: undefined };
}

/**
 * The vector table the IVT entry belongs to: the entry itself when it points at one (a RAM-ish
 * SP word, then a Thumb address), else the 128-byte-aligned table in the image whose reset
 * vector is the entry (NXP images: IVT.entry = Reset_Handler, the table follows the header).
 */
function findVectorTable(image: Uint8Array, loadAddress: number, entry: number): number | undefined {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const word = (offset: number) => view.getUint32(offset, true);
  const isTable = (offset: number, reset?: number) =>
    offset >= 0 && offset + 8 <= image.length && (word(offset) & 3) === 0 && word(offset) !== 0 && (word(offset + 4) & 1) === 1 && (reset === undefined || word(offset + 4) === (reset | 1));
  const direct = entry - loadAddress;
  if ((entry & 0x7f) === 0 && isTable(direct)) return entry;
  for (let offset = 0; offset + 8 <= image.length; offset += 0x80) if (isTable(offset, entry)) return loadAddress + offset;
  return undefined;
}

/** DCD write commands with 32-bit width (write, set bits, clear bits); anything else is refused. */
async function runDcd(ap: MemAp, image: Uint8Array, offset: number): Promise<void> {
  if (offset < 0 || offset >= image.length) {
    throw new ImxflashError('DCD_BAD_HEADER', 'the IVT points at a DCD outside the image', { hint: 'Rebuild the image with imxflash image build.' });
  }
  const dcd = decodeDcd(image.subarray(offset));
  for (const command of dcd.commands) {
    if (command.kind === 'nop') continue;
    if (command.kind !== 'write' || command.width !== 4 || command.op === 'write-set-flag') {
      throw new ImxflashError('CAPABILITY_UNAVAILABLE', `the image's DCD has a ${command.kind} command the debugger does not run`, {
        hint: 'Run it through the ROM instead: --probe sdp, or flash it and reset.',
        details: { command: command.kind },
      });
    }
    for (const w of command.writes) {
      let value = w.value;
      if (command.op !== 'write') {
        const old = await ap.readWord(w.address);
        value = command.op === 'set-bits' ? old | w.value : old & ~w.value;
      }
      const batch = new TransferBatch('running the DCD');
      ap.write32(batch, w.address, value >>> 0);
      await ap.run(batch);
    }
  }
}
