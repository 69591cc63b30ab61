import { decodeLutSequence, LUT_DDR } from '../flexspi/lut-decoder.js';
import type { FlashType } from './boot-config.js';
import { FLASH_TYPE_LABEL } from './boot-config.js';
import { hexValue } from './boot-verdict.js';
import { FCB_MISC, type RomFcb } from './rom-fcb.js';

/*
 * Words for what the ROM model found when a read through the FCB's settings returns something
 * else than the safe read did. The ROM itself only sees a bad IVT; these sentences say which FCB
 * setting is the likely cause, from the FCB alone (no peeking into the flash model).
 */

const OPCODE_NAMES: Readonly<Record<number, string>> = {
  0x01: 'CMD', 0x02: 'RADDR', 0x03: 'CADDR', 0x04: 'MODE1', 0x05: 'MODE2', 0x06: 'MODE4', 0x07: 'MODE8',
  0x08: 'WRITE', 0x09: 'READ', 0x0a: 'LEARN', 0x0b: 'DATSZ', 0x0c: 'DUMMY', 0x0d: 'DUMMY_RWDS', 0x1f: 'JMP_ON_CS',
};

/** LUT sequence `index` of the FCB as text: `CMD_SDR 1 pad 0xEB, RADDR_SDR 4 pads 0x18, …`. */
export function describeFcbSequence(fcb: RomFcb, index: number): string {
  const seq = decodeLutSequence(fcb.lookupTable, index);
  if (seq.instructions.length === 0) return 'empty (STOP)';
  return seq.instructions
    .map((i) => {
      const base = i.opcode & ~LUT_DDR & 0x3f;
      const name = OPCODE_NAMES[i.opcode === 0x1f ? 0x1f : base] ?? `opcode ${hexValue(i.opcode)}`;
      const mode = i.opcode === 0x1f ? '' : i.ddr ? '_DDR' : '_SDR';
      return `${name}${mode} ${i.pads} pad${i.pads === 1 ? '' : 's'} ${hexValue(i.operand)}`;
    })
    .join(', ');
}

/** controllerMiscOption bits as names: `DDR, word addressable, safe config freq, diff clock`. */
export function describeMisc(misc: number): string {
  const names: string[] = [];
  if ((misc & FCB_MISC.DIFF_CLK) !== 0) names.push('differential clock');
  if ((misc & FCB_MISC.PARALLEL) !== 0) names.push('parallel');
  if ((misc & FCB_MISC.WORD_ADDRESSABLE) !== 0) names.push('word addressable');
  if ((misc & FCB_MISC.SAFE_CONFIG_FREQ) !== 0) names.push('safe config freq');
  if ((misc & FCB_MISC.DDR_MODE) !== 0) names.push('DDR');
  return names.length > 0 ? names.join(', ') : 'none';
}

/** Whether the FCB describes HyperFlash: serialNorType 1 (HyperBus), or word addressing / DDR with column address bits (research §3.3 (c)). */
export function fcbLooksLikeHyperFlash(fcb: RomFcb): boolean {
  return fcb.serialNorType === 1 || ((fcb.controllerMiscOption & FCB_MISC.WORD_ADDRESSABLE) !== 0 && fcb.columnAddressWidth !== 0);
}

function isHyperFlashType(flashType: FlashType): boolean {
  return flashType === 'hyperflash-1v8' || flashType === 'hyperflash-3v3';
}

/**
 * The likely cause, one clause, when the read through the FCB's LUT sequence `readSeq` does not
 * return what the safe read returned.
 */
export function explainUnreadable(fcb: RomFcb, readSeq: number, flashType: FlashType, readBack: Uint8Array): string {
  const seq = decodeLutSequence(fcb.lookupTable, readSeq);
  if (readBack.every((b) => b === 0xff)) {
    // Undriven lines: the part ignored the read (still busy from a config command, or an opcode it does not know).
    return "the flash does not answer LUT sequence 0 (all bytes 0xFF: it is still busy after the FCB's config commands, or it ignores the read command)";
  }
  const hyper = fcbLooksLikeHyperFlash(fcb);
  if (hyper && !isHyperFlashType(flashType)) {
    return (
      `the FCB is a HyperFlash FCB (serialNorType ${fcb.serialNorType}, controllerMiscOption ${hexValue(fcb.controllerMiscOption)}: ` +
      `${describeMisc(fcb.controllerMiscOption)}, columnAddressWidth ${fcb.columnAddressWidth}, sflashPadType ${fcb.sflashPadType}) ` +
      `but the flash answered the ROM's safe read for BOOT_CFG flash type '${FLASH_TYPE_LABEL[flashType]}': it is not HyperFlash`
    );
  }
  const quad = seq.instructions.some((i) => i.pads === 4 && i.kind !== 'dummy');
  if (quad && fcb.deviceModeCfgEnable === 0) {
    return 'LUT sequence 0 uses 4-pad phases and the FCB does not set QE (deviceModeCfgEnable 0): the flash reads garbage unless its Quad Enable bit is already set';
  }
  if (quad) {
    return `LUT sequence 0 uses 4-pad phases; the FCB's device-mode sequence ${fcb.deviceModeSeq.seqId} (arg ${hexValue(fcb.deviceModeArg)}) did not make the flash answer them`;
  }
  if (seq.ddr) return 'LUT sequence 0 is a DDR read, which this flash does not answer';
  return "the FCB's read sequence or controller settings do not fit this flash";
}
