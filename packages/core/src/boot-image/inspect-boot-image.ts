import { tryDecodeBootData, type BootData, BOOT_DATA_USED_BYTES } from '../boot/boot-data.js';
import { formatDcd, tryDecodeDcd, type Dcd } from '../boot/dcd.js';
import { DEVICE_MODE_TYPE, FCB_MISC, FCB_SIZE, LUT_SEQ, READ_SAMPLE_CLK_SRC, SERIAL_NOR_TYPE, tryDecodeFcb, type Fcb } from '../boot/fcb.js';
import { IVT_SIZE, tryDecodeIvt, type Ivt } from '../boot/ivt.js';
import { decodeLutSequence, formatLutInstruction, LUT_OP, lutSequenceWords, type LutInstruction } from '../boot/lut.js';
import type { Chip } from '../db/chip.js';
import type { FlashPart } from '../db/flash-part.js';
import type { MemoryImage } from '../image/memory-image.js';
import { hex, hex32 } from '../util/hex.js';
import type { Finding } from './finding.js';
import { bootFlashBase, bootFlexspi, overlaps, regionAt } from './memory-map.js';
import { isPlausibleVectorTable, readVectorTable } from './vector-table.js';

export interface InspectOptions {
  readonly chip: Chip;
  /** The flash part on the board; without it, part-specific checks are skipped (and said so). */
  readonly part?: FlashPart;
}

export interface LutSequenceReport {
  readonly index: number;
  /** What the ROM/flashloader uses this index for, e.g. `READ`, `WRITE_ENABLE`, `device mode (QE)`. */
  readonly role: string;
  readonly instructions: readonly string[];
}

export interface FcbReport {
  readonly flashAddress: number;
  readonly fcb: Fcb;
  readonly flashType: 'spi-nor' | 'hyperflash';
  /** serialClkFreq decoded with this chip's enum (undefined when the value is not in it). */
  readonly clockMhz: number | undefined;
  readonly readPads: number;
  /** How the image gets the part's Quad Enable bit set. */
  readonly quadEnable: 'not-needed' | 'fcb-device-mode' | 'fcb-config-command' | 'not-handled' | 'unknown-part';
  readonly sequences: readonly LutSequenceReport[];
}

export interface RomPlan {
  readonly action: 'xip' | 'copy' | 'fallback';
  /** "ROM will copy 8460 bytes (0x210C) from flash offset 0 to 0x20000000, then jump to 0x20002043". */
  readonly summary: string;
  readonly copyBytes?: number;
  readonly destination?: number;
  readonly entry?: number;
  readonly initialSp?: number;
}

export interface InspectReport {
  readonly chip: { readonly id: string; readonly name: string };
  readonly part: { readonly id: string; readonly name: string } | undefined;
  readonly flashBase: number;
  /** Flash addresses holding data. */
  readonly dataStart: number;
  readonly dataEnd: number;
  readonly fcb: FcbReport | undefined;
  readonly ivt: (Ivt & { readonly flashAddress: number }) | undefined;
  readonly bootData: (BootData & { readonly flashAddress: number }) | undefined;
  readonly dcd: { readonly flashAddress: number; readonly bytes: number; readonly commands: readonly string[] } | undefined;
  readonly rom: RomPlan;
  readonly findings: readonly Finding[];
}

const FALLBACK = 'The ROM falls back to the serial downloader (or, with BOOT_MODE=00 and FORCE_INTERNAL_BOOT, hangs).';

/**
 * Decodes FCB, IVT, boot data and DCD of a FlexSPI NOR image (at flash addresses), lints them
 * against the chip and part, and states what the ROM will do (research/imxrt.md §5).
 */
export function inspectBootImage(image: MemoryImage, options: InspectOptions): InspectReport {
  const { chip, part } = options;
  const flashBase = bootFlashBase(chip);
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);

  const fcb = inspectFcb(image, chip, part, add);
  const { ivt, bootData, dcd, rom } = inspectIvtAndBootData(image, chip, part, add);

  const report: InspectReport = {
    chip: { id: chip.id, name: chip.name },
    part: part ? { id: part.id, name: part.name } : undefined,
    flashBase,
    dataStart: image.startAddress,
    dataEnd: image.endAddress,
    fcb,
    ivt,
    bootData,
    dcd,
    rom,
    findings,
  };
  // The ROM stops at the first error (FCB before IVT before boot data), so the summary names it.
  const firstError = findings.find((f) => f.severity === 'error');
  if (firstError) {
    return { ...report, rom: { action: 'fallback', summary: `ROM will not boot this image: ${firstError.message}` } };
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// FCB

function inspectFcb(image: MemoryImage, chip: Chip, part: FlashPart | undefined, add: (f: Finding) => void): FcbReport | undefined {
  const flashBase = bootFlashBase(chip);
  const at = flashBase + chip.fcbOffset;
  const decoded = image.covers(at, 4) ? tryDecodeFcb(image.read(at, FCB_SIZE, 0xff)) : undefined;
  if (!decoded || !decoded.ok) {
    const otherOffset = chip.fcbOffset === 0 ? 0x400 : 0;
    const other = image.covers(flashBase + otherOffset, 4) ? tryDecodeFcb(image.read(flashBase + otherOffset, FCB_SIZE, 0xff)) : undefined;
    add({
      id: 'FCB_MISSING',
      severity: 'error',
      message:
        `no FCB (tag "FCFB") at ${hex32(at)}, where ${chip.name} reads it` +
        (other?.ok ? `; there is one at ${hex32(flashBase + otherOffset)}, the offset other chips use` : ''),
      rom: `The ROM reads 512 bytes at flash offset ${hex(chip.fcbOffset)} at a safe 30 MHz and finds no tag. ${FALLBACK}`,
      fix: other?.ok
        ? `The image was built for a chip with its FCB at ${hex(otherOffset)}; rebuild with the right --chip.`
        : 'Build the image with `imxflash image build` (it adds the FCB), or write an FCB file at the flash base.',
    });
    return undefined;
  }
  const fcb = decoded.value;
  const seq0 = decodeLutSequence(lutSequenceWords(fcb.lookupTable, LUT_SEQ.READ));
  const flashType = isHyperFlashFcb(fcb, seq0) ? 'hyperflash' : 'spi-nor';
  const clockMhz = chip.serialClkFreqMhz[fcb.serialClkFreq];
  const readPads = Math.max(1, ...seq0.filter((i) => isDataPhase(i.op)).map((i) => i.pads));

  if (seq0.length === 0) {
    add({
      id: 'FCB_NO_READ_SEQUENCE',
      severity: 'error',
      message: 'LUT sequence 0 (the AHB read the ROM boots with) is empty',
      rom: `The ROM reconfigures FlexSPI with an empty read sequence and reads garbage at ${hex32(flashBase + chip.ivtOffset)}. ${FALLBACK}`,
      fix: 'Rebuild the FCB from the flash-part database (`imxflash image build --flash <part>`).',
    });
  }
  if (clockMhz === undefined) {
    add({
      id: 'FCB_CLOCK_UNKNOWN',
      severity: 'error',
      message: `serialClkFreq ${fcb.serialClkFreq} is not a value of ${chip.name}'s enum (${Object.keys(chip.serialClkFreqMhz).join(', ')})`,
      rom: 'The ROM cannot set the FlexSPI clock from this FCB; the boot fails.',
      fix: 'Rebuild the FCB for this chip (the serialClkFreq enum differs between chips).',
    });
  }
  if (fcb.sflashA1Size === 0) {
    add({
      id: 'FCB_FLASH_SIZE_ZERO',
      severity: 'error',
      message: 'sflashA1Size is 0',
      rom: 'FLSHA1CR0 = 0 makes every access fail with "address exceeds flash range". ' + FALLBACK,
      fix: 'Set sflashA1Size to the flash size in bytes (rebuild with --flash).',
    });
  }

  const quadEnable = quadEnableHandling(fcb, part, readPads);
  if (part) lintFcbAgainstPart(fcb, part, flashType, clockMhz, seq0, quadEnable, add);

  return { flashAddress: at, fcb, flashType, clockMhz, readPads, quadEnable, sequences: describeSequences(fcb) };
}

function isDataPhase(op: number): boolean {
  return [LUT_OP.READ_SDR, LUT_OP.READ_DDR, LUT_OP.RADDR_SDR, LUT_OP.RADDR_DDR, LUT_OP.DUMMY_SDR, LUT_OP.DUMMY_DDR].includes(op as never);
}

/** HyperFlash FCBs are DDR, 8-pad, word addressed with column addresses (research/imxrt.md §3.3(c)). */
function isHyperFlashFcb(fcb: Fcb, seq0: readonly LutInstruction[]): boolean {
  return (
    fcb.serialNorType === SERIAL_NOR_TYPE.HYPER_BUS ||
    fcb.columnAddressWidth === 3 ||
    (fcb.controllerMiscOption & FCB_MISC.WORD_ADDRESSABLE) !== 0 ||
    seq0.some((i) => i.op === LUT_OP.CADDR_DDR)
  );
}

/** Which bits set QE in a status-register write for `part` (null when the part has no QE bit). */
function quadEnableValue(part: FlashPart): { opcodes: number[]; value: number } | null {
  const qe = part.quadEnable;
  if (!qe) return null;
  switch (qe.write) {
    case 'wrsr-1-byte':
      return { opcodes: [0x01], value: 1 << qe.bit };
    case 'wrsr2-0x31':
      return { opcodes: [0x31], value: 1 << qe.bit };
    case 'wrsr-2-bytes':
      return { opcodes: [0x01], value: (1 << qe.bit) << 8 };
    case 'wrsr2-0x3e':
      return { opcodes: [0x3e], value: 1 << qe.bit };
  }
}

function quadEnableHandling(fcb: Fcb, part: FlashPart | undefined, readPads: number): FcbReport['quadEnable'] {
  if (readPads < 4 || fcb.sflashPadType === 8) return 'not-needed';
  if (!part) return 'unknown-part';
  const qe = quadEnableValue(part);
  if (!qe) return 'not-needed';
  const writesQe = (seqId: number, arg: number) => {
    const seq = decodeLutSequence(lutSequenceWords(fcb.lookupTable, seqId));
    const first = seq[0];
    return first?.op === LUT_OP.CMD_SDR && qe.opcodes.includes(first.operand) && (arg & qe.value) === qe.value;
  };
  if (fcb.deviceModeCfgEnable && fcb.deviceModeSeq.seqNum > 0 && fcb.deviceModeSeq.seqId < 16 && writesQe(fcb.deviceModeSeq.seqId, fcb.deviceModeArg)) {
    return 'fcb-device-mode';
  }
  if (fcb.configCmdEnable) {
    for (let i = 0; i < 3; i++) {
      const s = fcb.configCmdSeqs[i]!;
      if (s.seqNum > 0 && s.seqId < 16 && writesQe(s.seqId, fcb.configCmdArgs[i]!)) return 'fcb-config-command';
    }
  }
  return 'not-handled';
}

function lintFcbAgainstPart(
  fcb: Fcb,
  part: FlashPart,
  flashType: FcbReport['flashType'],
  clockMhz: number | undefined,
  seq0: readonly LutInstruction[],
  quadEnable: FcbReport['quadEnable'],
  add: (f: Finding) => void,
): void {
  const partType = part.interface === 'hyperflash' ? 'hyperflash' : 'spi-nor';
  if (flashType !== partType) {
    add({
      id: flashType === 'hyperflash' ? 'FCB_HYPERFLASH_ON_QSPI' : 'FCB_QSPI_ON_HYPERFLASH',
      severity: 'error',
      message:
        flashType === 'hyperflash'
          ? `the FCB configures HyperFlash (8-pad DDR, word addressed), but the board's flash is the QSPI part ${part.name}`
          : `the FCB configures a QSPI flash, but the board's flash is the HyperFlash part ${part.name}`,
      rom: `The ROM reads the FCB at the safe clock, reconfigures FlexSPI for ${flashType === 'hyperflash' ? 'HyperBus' : 'SPI'} and then reads nothing valid at offset 0x1000. ${FALLBACK}`,
      fix: `Build the FCB for ${part.name} (\`--flash ${part.id}\`). NXP's RT1050-EVKB FCB is for its HyperFlash; QSPI boards need a QSPI FCB.`,
    });
    return;
  }
  const readsAtNormalSpeed = seq0[0]?.op === LUT_OP.CMD_SDR && part.opcodes !== null && seq0[0].operand === part.opcodes.read;
  const limit = readsAtNormalSpeed ? part.maxClockMhz.read : part.maxClockMhz.fastRead;
  if (clockMhz !== undefined && clockMhz > limit) {
    add({
      id: 'FCB_CLOCK_TOO_HIGH',
      severity: 'error',
      message: `the FCB clocks the flash at ${clockMhz} MHz (serialClkFreq ${fcb.serialClkFreq}); ${part.name} allows ${limit} MHz for this read`,
      rom: 'The ROM switches to this clock after reading the FCB; reads of the IVT and app return corrupt data and the boot fails or crashes.',
      fix: `Use a serialClkFreq at or below ${limit} MHz (imxflash picks one from the part's limit).`,
    });
  }
  if (fcb.sflashA1Size !== 0 && fcb.sflashA1Size !== part.sizeBytes) {
    add({
      id: 'FCB_FLASH_SIZE_MISMATCH',
      severity: 'warning',
      message: `sflashA1Size is ${hex(fcb.sflashA1Size)} bytes; ${part.name} holds ${hex(part.sizeBytes)}`,
      rom: fcb.sflashA1Size > part.sizeBytes ? 'Addresses past the part alias to its start.' : 'The ROM and flashloader will not reach the end of the flash.',
      fix: `Set sflashA1Size to ${hex(part.sizeBytes)}.`,
    });
  }
  if (flashType === 'spi-nor' && fcb.readSampleClkSrc === READ_SAMPLE_CLK_SRC.EXTERNAL_DQS) {
    add({
      id: 'FCB_DQS_ON_QSPI',
      severity: 'warning',
      message: 'readSampleClkSrc is 3 (flash-provided DQS), and QSPI parts have no DQS output',
      rom: 'Read data is sampled on a strobe that never toggles; reads fail unless the board loops DQS back.',
      fix: 'Use readSampleClkSrc 1 (loopback from the DQS pad), as NXP QSPI boards do.',
    });
  }
  if (part.quadRead && seq0[0]?.op === LUT_OP.CMD_SDR && seq0[0].operand === part.quadRead.opcode && !fcb.configCmdEnable) {
    const dummy = seq0.find((i) => i.op === LUT_OP.DUMMY_SDR)?.operand;
    const expected = part.quadRead.modeClocks + part.quadRead.dummyClocks;
    if (dummy !== undefined && dummy !== expected) {
      add({
        id: 'FCB_DUMMY_MISMATCH',
        severity: 'warning',
        message: `the quad read waits ${dummy} dummy clocks; ${part.name} needs ${expected} (mode + dummy) at its default setting`,
        rom: 'Data is read shifted by the difference: the IVT and app read back wrong.',
        fix: `Use ${expected} dummy clocks, or add a config command that sets the part's dummy cycles.`,
      });
    }
  }
  if (quadEnable === 'not-handled') {
    add({
      id: 'FCB_QE_NOT_HANDLED',
      severity: part.quadEnableFactorySet ? 'info' : 'warning',
      message: `the FCB reads with 4 data lines, and nothing in it sets ${part.name}'s Quad Enable bit (${part.quadEnable?.register.toUpperCase()} bit ${part.quadEnable?.bit})`,
      rom: part.quadEnableFactorySet
        ? 'Boots as long as QE is still set, as it is from the factory for this part.'
        : 'Boots only if QE is already set in the non-volatile status register (EVKs ship with it set; fresh parts do not). Otherwise the quad read returns garbage and the ROM falls back to the serial downloader.',
      fix: 'Rebuild with the default `--quad-enable fcb` (the ROM then sets QE at the safe clock), or set QE once with the flashloader.',
    });
  }
}

function describeSequences(fcb: Fcb): LutSequenceReport[] {
  const roles = new Map<number, string>([
    [LUT_SEQ.READ, 'READ (AHB / boot)'],
    [LUT_SEQ.READ_STATUS, 'READ_STATUS'],
    [LUT_SEQ.READ_STATUS_XPI, 'READ_STATUS_XPI'],
    [LUT_SEQ.WRITE_ENABLE, 'WRITE_ENABLE'],
    [LUT_SEQ.WRITE_ENABLE_XPI, 'WRITE_ENABLE_XPI'],
    [LUT_SEQ.ERASE_SECTOR, 'ERASE_SECTOR'],
    [LUT_SEQ.ERASE_BLOCK, 'ERASE_BLOCK'],
    [LUT_SEQ.PAGE_PROGRAM, 'PAGE_PROGRAM'],
    [LUT_SEQ.CHIP_ERASE, 'CHIP_ERASE'],
    [LUT_SEQ.READ_SFDP, 'READ_SFDP'],
    [LUT_SEQ.RESTORE_NO_CMD, 'RESTORE_NOCMD'],
    [LUT_SEQ.EXIT_NO_CMD, 'EXIT_NOCMD'],
  ]);
  if (fcb.deviceModeCfgEnable && fcb.deviceModeSeq.seqNum > 0) {
    roles.set(fcb.deviceModeSeq.seqId, fcb.deviceModeType === DEVICE_MODE_TYPE.QUAD_ENABLE ? 'device mode (quad enable)' : 'device mode');
  }
  if (fcb.configCmdEnable) fcb.configCmdSeqs.forEach((s, i) => s.seqNum > 0 && roles.set(s.seqId, `config command ${i}`));
  const out: LutSequenceReport[] = [];
  const count = Math.floor(fcb.lookupTable.length / 4);
  for (let index = 0; index < count; index++) {
    const instrs = decodeLutSequence(lutSequenceWords(fcb.lookupTable, index));
    if (instrs.length === 0) continue;
    out.push({ index, role: roles.get(index) ?? 'unused by the ROM', instructions: instrs.map(formatLutInstruction) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IVT, boot data, DCD, and what the ROM does

interface IvtPart {
  ivt: InspectReport['ivt'];
  bootData: InspectReport['bootData'];
  dcd: InspectReport['dcd'];
  rom: RomPlan;
}

function inspectIvtAndBootData(image: MemoryImage, chip: Chip, part: FlashPart | undefined, add: (f: Finding) => void): IvtPart {
  const flashBase = bootFlashBase(chip);
  const window = bootFlexspi(chip).ahbWindow;
  const ivtAt = flashBase + chip.ivtOffset;
  const decoded = image.covers(ivtAt, IVT_SIZE) ? tryDecodeIvt(image.read(ivtAt, IVT_SIZE)) : undefined;
  if (!decoded?.ok) {
    add({
      id: 'IVT_MISSING',
      severity: 'error',
      message: `no IVT at ${hex32(ivtAt)}${decoded && !decoded.ok ? ` (${decoded.error.message})` : ''}`,
      rom: `The ROM loads the first ${hex(chip.initialLoadSize)} bytes and finds no IVT header (D1 00 20 4x) at offset ${hex(chip.ivtOffset)}. ${FALLBACK}`,
      fix: 'Build the image with `imxflash image build`, which writes the IVT and boot data.',
    });
    return { ivt: undefined, bootData: undefined, dcd: undefined, rom: { action: 'fallback', summary: 'ROM will not boot this image: no IVT' } };
  }
  const ivt = { ...decoded.value, flashAddress: ivtAt };
  // The ROM finds boot data and DCD relative to the IVT's own address (self).
  const toFlash = (runtime: number) => runtime - ivt.self + ivtAt;
  const headerEnd = flashBase + chip.initialLoadSize;

  if (ivt.bootData === 0 || toFlash(ivt.bootData) < flashBase || toFlash(ivt.bootData) + BOOT_DATA_USED_BYTES > headerEnd) {
    add({
      id: 'IVT_BOOT_DATA_OUTSIDE_HEADER',
      severity: 'error',
      message: `IVT boot_data ${hex32(ivt.bootData)} (self ${hex32(ivt.self)}) does not point into the first ${hex(chip.initialLoadSize)} bytes of the image`,
      rom: `The ROM reads boot data only from the initial load region. ${FALLBACK}`,
      fix: 'Boot data belongs right after the IVT (IVT self + 0x20); check IVT self, or rebuild.',
    });
    return { ivt, bootData: undefined, dcd: undefined, rom: { action: 'fallback', summary: 'ROM will not boot this image: boot data unreachable' } };
  }
  const bdAt = toFlash(ivt.bootData);
  const bdDecoded = tryDecodeBootData(image.read(bdAt, BOOT_DATA_USED_BYTES, 0xff));
  if (!bdDecoded.ok) {
    add({ id: 'BOOT_DATA_INVALID', severity: 'error', message: bdDecoded.error.message, rom: FALLBACK, fix: 'Rebuild the image.' });
    return { ivt, bootData: undefined, dcd: undefined, rom: { action: 'fallback', summary: 'ROM will not boot this image: bad boot data' } };
  }
  const bootData = { ...bdDecoded.value, flashAddress: bdAt };
  const xip = bootData.start === flashBase;
  const inWindow = bootData.start >= window.start && bootData.start < window.end;
  const expectedSelf = bootData.start + chip.ivtOffset;
  const dataBytes = image.endAddress - flashBase;

  if (inWindow && !xip) {
    add({
      id: 'BOOT_DATA_START_IN_FLASH',
      severity: 'error',
      message: `boot data start ${hex32(bootData.start)} is inside the flash window but not its base ${hex32(flashBase)}`,
      rom: 'For XIP the ROM expects start = the flash base; anything else is treated as a copy destination it cannot write.',
      fix: `Set boot data start to ${hex32(flashBase)} (XIP) or to the RAM copy destination.`,
    });
  }
  if (ivt.self !== expectedSelf) {
    const ramAppWithFlashSelf = !xip && ivt.self === flashBase + chip.ivtOffset;
    add({
      id: 'IVT_SELF_WRONG',
      severity: 'error',
      message: `IVT self is ${hex32(ivt.self)}; with boot data start ${hex32(bootData.start)} the IVT ${xip ? 'lives' : 'lands'} at ${hex32(expectedSelf)}`,
      rom: ramAppWithFlashSelf
        ? 'This is the XIP value in a non-XIP image: the ROM resolves boot data and entry against the wrong base after the copy; the boot fails (exact ROM behaviour UNVERIFIED).'
        : 'The ROM resolves the boot data, DCD and CSF pointers against the wrong base; the boot fails (exact ROM behaviour UNVERIFIED).',
      fix: `Set IVT self to boot data start + ${hex(chip.ivtOffset)} = ${hex32(expectedSelf)} (\`imxflash image build\` does).`,
    });
  }
  if (bootData.plugin !== 0) {
    add({
      id: 'BOOT_DATA_PLUGIN',
      severity: 'warning',
      message: `boot data plugin flag is ${bootData.plugin}`,
      rom: 'The ROM runs the image as a plugin and expects it to return; a normal app never does.',
      fix: 'Set plugin to 0.',
    });
  }
  if (ivt.csf !== 0) {
    add({
      id: 'IVT_HAS_CSF',
      severity: 'info',
      message: `IVT points at a CSF (${hex32(ivt.csf)}): the image is signed for HAB`,
      rom: 'An open part ignores HAB failures (logs them); a closed part authenticates the image first.',
      fix: 'Nothing to do unless the part is closed; then the signature must cover this exact image.',
    });
  }

  const dcd = inspectDcd(image, chip, ivt, toFlash, headerEnd, add);

  if (xip) {
    if (bootData.size < dataBytes) {
      add({
        id: 'BOOT_DATA_SHORT_XIP',
        severity: 'warning',
        message: `boot data size ${hex(bootData.size)} covers less than the image's ${hex(dataBytes)} bytes`,
        rom: 'XIP boots anyway (nothing is copied), but on a closed (HAB) part only that range is authenticated.',
        fix: `Set boot data size to at least ${hex(dataBytes)} (imxflash does).`,
      });
    }
    return { ivt, bootData, dcd, rom: checkEntry(image, chip, ivt, flashBase, dataBytes, 0, add, true) };
  }

  const dest = bootData.start;
  const region = regionAt(chip, dest);
  const destEnd = dest + bootData.size;
  if (!region || region.kind !== 'ram') {
    add({
      id: 'COPY_DESTINATION_NOT_RAM',
      severity: 'error',
      message: `boot data start ${hex32(dest)} is not RAM of ${chip.name}`,
      rom: `The ROM cannot copy the image there. ${FALLBACK}`,
      fix: 'Link the app into ITCM, DTCM, OCRAM or SDRAM (with a DCD), or check --chip.',
    });
  } else {
    if (destEnd > region.start + region.sizeBytes) {
      add({
        id: 'COPY_PAST_REGION_END',
        severity: 'error',
        message: `the copy ${hex32(dest)}–${hex32(destEnd - 1)} runs past the end of ${region.name} (${hex32(region.start + region.sizeBytes - 1)})`,
        rom: 'The copy faults partway. ' + FALLBACK,
        fix: 'Shrink the app or link it lower in the region.',
      });
    } else if (destEnd > region.start + region.defaultEnabledBytes) {
      add({
        id: 'COPY_BEYOND_DEFAULT_FLEXRAM',
        severity: 'warning',
        message: `the copy ${hex32(dest)}–${hex32(destEnd - 1)} reaches past the ${hex(region.defaultEnabledBytes)} bytes of ${region.name} that FlexRAM enables by default`,
        rom: 'With default FlexRAM fuses that RAM does not exist at boot and the copy faults; it works only if the FlexRAM fuses assign more banks to ' + region.name + '.',
        fix: `Keep the image below ${hex32(region.start + region.defaultEnabledBytes)}, or program the FlexRAM configuration fuses.`,
      });
    }
    for (const r of chip.romReservedRam) {
      if (overlaps(dest, destEnd, r)) {
        add({
          id: 'COPY_OVER_ROM_RAM',
          severity: 'error',
          message: `the copy ${hex32(dest)}–${hex32(destEnd - 1)} overlaps RAM the boot ROM uses (${hex32(r.start)}–${hex32(r.end - 1)})`,
          rom: 'The ROM overwrites its own data while copying; the boot fails unpredictably (the reserved range is inferred from NXP tools, UNVERIFIED).',
          fix: `Link the app so that vector table − ${hex(chip.initialLoadSize)} ≥ ${hex32(r.end)}, or use DTCM/ITCM.`,
        });
      }
    }
    if (region.needsInit === 'dcd' && !dcd) {
      add({
        id: 'COPY_TO_UNINITIALISED_SDRAM',
        severity: 'error',
        message: `the ROM would copy to ${region.name} at ${hex32(dest)}, and no DCD initialises it`,
        rom: 'The SDRAM controller is off at boot; the copy faults. ' + FALLBACK,
        fix: 'Add a DCD that configures SEMC (`--dcd`), or link the app to on-chip RAM.',
      });
    }
  }
  if (bootData.size < dataBytes) {
    add({
      id: 'BOOT_DATA_TOO_SHORT',
      severity: 'error',
      message: `boot data size ${hex(bootData.size)} does not cover the image's ${hex(dataBytes)} bytes (from flash offset 0)`,
      rom: `The ROM copies only ${hex(bootData.size)} bytes; the rest of the app is missing in RAM and it crashes.`,
      fix: `Set boot data size to ${hex(dataBytes)} (${hex(chip.initialLoadSize)} + the app's length).`,
    });
  }
  if (part && bootData.size > part.sizeBytes) {
    add({
      id: 'BOOT_DATA_LARGER_THAN_FLASH',
      severity: 'error',
      message: `boot data size ${hex(bootData.size)} is larger than ${part.name} (${hex(part.sizeBytes)})`,
      rom: 'The ROM copies past the end of the flash.',
      fix: 'Set boot data size to the image length.',
    });
  }
  return { ivt, bootData, dcd, rom: checkEntry(image, chip, ivt, dest, bootData.size, flashBase - dest, add, false) };
}

function inspectDcd(
  image: MemoryImage,
  chip: Chip,
  ivt: Ivt,
  toFlash: (runtime: number) => number,
  headerEnd: number,
  add: (f: Finding) => void,
): InspectReport['dcd'] {
  if (ivt.dcd === 0) return undefined;
  const at = toFlash(ivt.dcd);
  const flashBase = bootFlashBase(chip);
  if (at < flashBase || at >= headerEnd) {
    add({
      id: 'DCD_OUTSIDE_HEADER',
      severity: 'error',
      message: `IVT dcd ${hex32(ivt.dcd)} does not point into the first ${hex(chip.initialLoadSize)} bytes`,
      rom: 'The ROM cannot read the DCD. ' + FALLBACK,
      fix: 'Place the DCD after the boot data (IVT + 0x40), or set IVT dcd to 0.',
    });
    return undefined;
  }
  const result = tryDecodeDcd(image.read(at, headerEnd - at, 0xff));
  if (!result.ok) {
    add({ id: 'DCD_INVALID', severity: 'error', message: `DCD at ${hex32(at)}: ${result.error.message}`, rom: 'The ROM rejects the DCD. ' + FALLBACK, fix: result.error.hint ?? 'Fix the DCD.' });
    return undefined;
  }
  if (!chip.dcdSupported) {
    add({
      id: 'DCD_UNSUPPORTED',
      severity: 'warning',
      message: `the image has a DCD, and ${chip.name}'s ROM does not run DCDs`,
      rom: 'The DCD is ignored (RT117x uses XMCD instead; UNVERIFIED).',
      fix: 'Initialise the memory from the app or with XMCD.',
    });
  }
  const dcd: Dcd = result.value;
  return { flashAddress: at, bytes: dcdLength(image, at), commands: formatDcd(dcd) };
}

function dcdLength(image: MemoryImage, at: number): number {
  const h = image.read(at, 4, 0);
  return (h[1]! << 8) | h[2]!;
}

/**
 * Entry checks shared by XIP and copy: the entry must lie in what the ROM loads, and be a Thumb
 * address or a vector table (research/imxrt.md §5 step 9).
 */
function checkEntry(
  image: MemoryImage,
  chip: Chip,
  ivt: Ivt,
  runStart: number,
  runBytes: number,
  runtimeToFlash: number,
  add: (f: Finding) => void,
  xip: boolean,
): RomPlan {
  const entry = ivt.entry;
  const target = (entry & ~1) >>> 0; // unsigned: SDRAM entries are ≥ 0x80000000
  const copyText = `ROM will copy ${runBytes} bytes (${hex(runBytes)}) from flash offset 0 to ${hex32(runStart)}, then jump to ${hex32(entry)}`;
  const xipText = `ROM will run the app in place (XIP from ${hex32(runStart)}): jump to ${hex32(entry)}`;
  const summary = xip ? xipText : copyText;
  if (target < runStart || target >= runStart + runBytes || !image.covers(target + runtimeToFlash, 2)) {
    add({
      id: 'ENTRY_OUTSIDE_IMAGE',
      severity: 'error',
      message: `IVT entry ${hex32(entry)} is outside the ${xip ? 'image' : 'copied range'} ${hex32(runStart)}–${hex32(runStart + runBytes - 1)}${image.covers(target + runtimeToFlash, 2) ? '' : ' or points at no data'}`,
      rom: 'The ROM jumps into memory that holds no code; the core faults.',
      fix: "Set IVT entry to the app's reset handler (or vector table) address.",
    });
    return { action: xip ? 'xip' : 'copy', summary, entry, ...(xip ? {} : { copyBytes: runBytes, destination: runStart }) };
  }
  let initialSp: number | undefined;
  if ((entry & 1) === 0) {
    const vt = readVectorTable(image, entry + runtimeToFlash);
    if (vt && isPlausibleVectorTable({ ...vt, address: entry }, runStart, runStart + runBytes)) {
      initialSp = vt.initialSp;
      add({
        id: 'ENTRY_IS_VECTOR_TABLE',
        severity: 'info',
        message: `IVT entry ${hex32(entry)} is the vector table (SP ${hex32(vt.initialSp)}, reset ${hex32(vt.resetHandler)}), as NXP's SDK writes it`,
        rom: 'NXP SDK images boot this way; the ROM evidently starts from the vector table (its exact rule is UNVERIFIED).',
        fix: 'Nothing to do; imxflash writes the reset handler address instead, which works either way.',
      });
    } else {
      add({
        id: 'ENTRY_NOT_THUMB',
        severity: 'error',
        message: `IVT entry ${hex32(entry)} is even and not a vector table`,
        rom: 'A Cortex-M7 branch to an even address faults (no ARM state).',
        fix: 'Use the reset handler address with bit 0 set, as the linker gives it.',
      });
    }
  } else {
    // Look for the app's vector table where imxflash puts it (offset 0x2000), to report the initial SP.
    const vt = readVectorTable(image, runStart + chip.initialLoadSize + runtimeToFlash);
    if (vt && ((vt.resetHandler & ~1) >>> 0) === target) initialSp = vt.initialSp;
  }
  if (initialSp !== undefined) {
    const spRegion = regionAt(chip, initialSp - 4);
    if (!spRegion || spRegion.kind !== 'ram') {
      add({
        id: 'INITIAL_SP_NOT_RAM',
        severity: 'warning',
        message: `the vector table's initial SP ${hex32(initialSp)} is not in RAM`,
        rom: 'The ROM jumps to the entry; the first push faults unless the reset handler sets SP itself.',
        fix: 'Check the stack symbol in the linker script.',
      });
    }
  }
  return {
    action: xip ? 'xip' : 'copy',
    summary,
    entry,
    ...(initialSp !== undefined ? { initialSp } : {}),
    ...(xip ? {} : { copyBytes: runBytes, destination: runStart }),
  };
}
