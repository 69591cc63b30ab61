import type { Chip } from '@imxflash/core';
import type { Bus } from '../bus/bus.js';
import { FLEXSPI_REG as R, FLSHCR1, FLSHCR2, MCR0 } from '../flexspi/flexspi-registers.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import { hexValue } from './boot-verdict.js';
import { CUSTOM_SEQ, DEVICE_MODE_SPI2XPI, DEVICE_MODE_XPI2SPI, FCB_MISC, FCB_SEQ, fcbSequenceWords, type RomFcb, type SeqRef } from './rom-fcb.js';
import { AHBCR_FIELDS, AHBRXBUFCR0_CLEAR_MASK, MCR0_FIELDS, MCR2_FIELDS, type RomFlexspiDriver } from './rom-flexspi-driver.js';
import { SAFE_FLASH_SIZE_KB, SAFE_SERIAL_CLOCK_MHZ, type SafeReadSetup } from './safe-read-lut.js';

/*
 * How the ROM sets the FlexSPI up, by register writes on the bus: once at safe settings to read
 * the FCB (research/imxrt.md §5 step 2), then from the FCB (§5 step 4, the BL `flexspi_init`
 * order of §1.6). The serial clock frequency itself is not a register the model has (the CCM
 * dividers are not modelled): the ROM model sets the controller's `serialClockMhz`, which only
 * scales modelled time.
 */

/** The FlexSPI the ROM boots from, as the ROM model drives it. */
export interface RomFlexspiTarget {
  readonly driver: RomFlexspiDriver;
  /** Sets the modelled SCK (the CCM's FlexSPI clock root, which the model does not have). */
  setSerialClockMhz(mhz: number): void;
}

/** FLSHxCR2.CLRINSTRPTR and the DLLCR value for loopback / SCK sampling (research §1.6: 0x100). */
const DLLCR_LOOPBACK = 0x100;
/** DLLCR for flash-provided DQS at ≥ 100 MHz: DLLEN | SLVDLYTARGET 0xF (research §1.6). */
const DLLCR_DQS_DLL = 0x1 | (0xf << 3);
/** DLLCR override (OVRDEN, bit 8) for DQS below 100 MHz; the cell count from dataValidTime is not modelled. */
const DLLCR_OVERRIDE = 1 << 8;

/**
 * Step 2: the FlexSPI clock gate on and the port-A pads muxed (`chip.flexspiBringUp`), then the
 * controller at safe settings: MDIS cleared, SWRESET, MDIS set while configuring, RXCLKSRC, the
 * ports (A1 = {@link SAFE_FLASH_SIZE_KB}, the others 0), ARDSEQID 0, DLLCR, MDIS cleared,
 * SWRESET, LUT sequence 0 = the safe read, locked. Returns a failure reason, or undefined.
 */
export function setUpSafe(bus: Bus, chip: Chip, target: RomFlexspiTarget, safe: SafeReadSetup): string | undefined {
  const bringUp = chip.flexspiBringUp;
  if (bringUp !== undefined) {
    const { register, shift } = bringUp.clockGate;
    bus.write32(register, (bus.read32(register) | (3 << shift)) >>> 0);
    for (const pad of bringUp.pads) bus.write32(pad.muxRegister, pad.alt);
  }
  target.setSerialClockMhz(SAFE_SERIAL_CLOCK_MHZ);
  const d = target.driver;
  d.modify(R.MCR0, MCR0.MDIS, 0);
  if (!d.softwareReset()) return 'MCR0.SWRESET never cleared';
  d.modify(R.MCR0, 0, MCR0.MDIS);
  d.modify(R.MCR0, MCR0_FIELDS.RXCLKSRC_MASK, (safe.readSampleClkSrc & 3) << MCR0_FIELDS.RXCLKSRC_SHIFT);
  d.write(R.FLSHA1CR0, SAFE_FLASH_SIZE_KB);
  for (let p = 1; p < 4; p++) d.write(R.FLSHA1CR0 + 4 * p, 0);
  d.write(R.FLSHA1CR1, 0x63 | (safe.wordAddressable ? FLSHCR1.WA : 0) | (safe.columnAddressBits << FLSHCR1.CAS_SHIFT));
  d.write(R.FLSHA1CR2, 0);
  d.write(R.DLLCR0, DLLCR_LOOPBACK);
  d.modify(R.MCR0, MCR0.MDIS, 0);
  if (!d.softwareReset()) return 'MCR0.SWRESET never cleared';
  if (!d.updateLut(0, safe.lut)) return 'the FlexSPI never became idle to load the LUT';
  return undefined;
}

export interface FcbConfigOutcome {
  readonly ok: boolean;
  /** When not ok: what failed, one line. */
  readonly reason?: string;
  /** What was done, for the ROM's trace. */
  readonly steps: readonly string[];
}

/** Longest modelled wait for a config command's busy bit when the FCB gives no timeoutInMs (a modelling limit). */
export const DEFAULT_CONFIG_BUSY_TIMEOUT_MS = 5_000;
/** Modelled ROM time between two status polls. */
const BUSY_POLL_MS = 0.1;

/**
 * Step 4 (research §1.6): MCR0/MCR2/AHBCR/AHB buffers, FLSHxCR0/1/2 per port, DLLCR, then the
 * device-mode sequence and the config commands (each: WREN, the sequence with 4 data bytes,
 * busy wait or waitTimeCfgCommands), then LUT sequence 0 from the FCB, locked. Config sequences
 * run from LUT sequence 1, where the ROM copies every non-read sequence (research §1.5 step 0).
 * `serialClockMhz` is the FCB's frequency, already checked.
 */
export function configureFromFcb(fcb: RomFcb, target: RomFlexspiTarget, clock: VirtualClock, serialClockMhz: number): FcbConfigOutcome {
  const d = target.driver;
  const steps: string[] = [];
  const misc = fcb.controllerMiscOption;
  const configures = fcb.deviceModeCfgEnable !== 0 || fcb.configCmdEnable !== 0;
  const safeDuringConfig = configures && (misc & FCB_MISC.SAFE_CONFIG_FREQ) !== 0;
  target.setSerialClockMhz(safeDuringConfig ? SAFE_SERIAL_CLOCK_MHZ : serialClockMhz);

  d.modify(R.MCR0, MCR0.MDIS, 0);
  if (!d.softwareReset()) return { ok: false, reason: 'MCR0.SWRESET never cleared', steps };
  d.modify(R.MCR0, 0, MCR0.MDIS);
  d.modify(
    R.MCR0,
    MCR0_FIELDS.RXCLKSRC_MASK | MCR0_FIELDS.ARDFEN | MCR0_FIELDS.ATDFEN | MCR0_FIELDS.COMBINATIONEN,
    ((fcb.readSampleClkSrc & 3) << MCR0_FIELDS.RXCLKSRC_SHIFT) | MCR0_FIELDS.IPGRANTWAIT_MASK | MCR0_FIELDS.AHBGRANTWAIT_MASK,
  );
  d.modify(R.MCR2, MCR2_FIELDS.SAMEDEVICEEN | MCR2_FIELDS.SCKBDIFFOPT, (misc & FCB_MISC.DIFF_CLK) !== 0 ? MCR2_FIELDS.SCKBDIFFOPT : 0);
  d.modify(R.AHBCR, AHBCR_FIELDS.APAREN, ((misc & FCB_MISC.PARALLEL) !== 0 ? AHBCR_FIELDS.APAREN : 0) | AHBCR_FIELDS.READADDROPT | AHBCR_FIELDS.PREFETCHEN);
  for (let b = 0; b < 3; b++) d.modify(R.AHBRXBUF0CR0 + 4 * b, AHBRXBUFCR0_CLEAR_MASK, 0);

  const read = readSequence(fcb);
  const writeSeq = fcb.lutCustomSeqEnable !== 0 ? (fcb.lutCustomSeq[CUSTOM_SEQ.PAGE_PROGRAM] as SeqRef).seqId : FCB_SEQ.PAGE_PROGRAM;
  const csIntervalTicks = Math.ceil((fcb.commandInterval * serialClockMhz) / 1000) & 0xffff;
  const cr1 =
    (fcb.csSetupTime & 0x1f) |
    ((fcb.csHoldTime & 0x1f) << 5) |
    ((misc & FCB_MISC.WORD_ADDRESSABLE) !== 0 ? FLSHCR1.WA : 0) |
    ((fcb.columnAddressWidth & FLSHCR1.CAS_MASK) << FLSHCR1.CAS_SHIFT) |
    (csIntervalTicks << 16);
  const cr2 = (read.seqId & FLSHCR2.ARDSEQID_MASK) | (((read.seqNum - 1) & FLSHCR2.SEQNUM_MASK) << FLSHCR2.ARDSEQNUM_SHIFT) | ((writeSeq & 0xf) << FLSHCR2.AWRSEQID_SHIFT);
  for (let p = 0; p < 4; p++) {
    d.write(R.FLSHA1CR0 + 4 * p, Math.floor((fcb.flashSizes[p] as number) / 1024));
    d.write(R.FLSHA1CR1 + 4 * p, cr1 >>> 0);
    d.write(R.FLSHA1CR2 + 4 * p, cr2 >>> 0);
  }
  const dll = fcb.readSampleClkSrc === 3 ? (serialClockMhz >= 100 ? DLLCR_DQS_DLL : DLLCR_OVERRIDE) : DLLCR_LOOPBACK;
  d.write(R.DLLCR0, dll);
  d.write(R.DLLCR1, dll);
  d.modify(R.MCR0, MCR0.MDIS, 0);
  if (!d.softwareReset()) return { ok: false, reason: 'MCR0.SWRESET never cleared', steps };
  steps.push(
    `FlexSPI from the FCB: RXCLKSRC ${fcb.readSampleClkSrc & 3}, FLSHA1CR0 ${hexValue(Math.floor((fcb.flashSizes[0] as number) / 1024))} KiB, ` +
      `FLSHA1CR1 ${hexValue(cr1)}, FLSHA1CR2 ${hexValue(cr2)}, DLLCR ${hexValue(dll)}`,
  );

  if (fcb.deviceModeCfgEnable !== 0) {
    const failure = runConfigSequence(fcb, target, clock, 'device mode', fcb.deviceModeSeq, fcb.deviceModeArg, fcb.deviceModeType, steps);
    if (failure !== undefined) return { ok: false, reason: failure, steps };
  }
  if (fcb.configCmdEnable !== 0) {
    for (let i = 0; i < 3; i++) {
      const seq = fcb.configCmdSeqs[i] as SeqRef;
      if (seq.seqNum === 0) continue;
      const failure = runConfigSequence(fcb, target, clock, `config command ${i}`, seq, fcb.configCmdArgs[i] as number, fcb.configModeType[i] as number, steps);
      if (failure !== undefined) return { ok: false, reason: failure, steps };
    }
  }
  target.setSerialClockMhz(serialClockMhz);
  if (!d.updateLut(read.seqId, fcbSequenceWords(fcb, read.seqId, read.seqNum))) {
    return { ok: false, reason: 'the FlexSPI never became idle to load the LUT', steps };
  }
  steps.push(`LUT sequence ${read.seqId}${read.seqNum > 1 ? `..${read.seqId + read.seqNum - 1}` : ''} loaded from the FCB and locked; SCK ${serialClockMhz} MHz`);
  return { ok: true, steps };
}

/** The AHB read sequence: sequence 0, or lutCustomSeq[READ] when lutCustomSeqEnable (seqNum 0 counts as 1). */
export function readSequence(fcb: RomFcb): { seqId: number; seqNum: number } {
  if (fcb.lutCustomSeqEnable === 0) return { seqId: FCB_SEQ.READ, seqNum: 1 };
  const custom = fcb.lutCustomSeq[CUSTOM_SEQ.READ] as SeqRef;
  return { seqId: custom.seqId & 0xf, seqNum: Math.max(1, custom.seqNum) };
}

/** The sequence the FCB names for a NOR command: lutCustomSeq when enabled, else the fixed index. */
function commandSequence(fcb: RomFcb, custom: number, fixed: number): SeqRef {
  if (fcb.lutCustomSeqEnable === 0) return { seqNum: 1, seqId: fixed };
  const ref = fcb.lutCustomSeq[custom] as SeqRef;
  return { seqNum: Math.max(1, ref.seqNum), seqId: ref.seqId };
}

/** LUT sequence the ROM runs IP commands from (NOR_CMD_LUT_FOR_IP_CMD, research §1.5 step 0). */
const IP_SEQ = 1;

/** Copies `ref`'s sequences from the FCB to LUT sequence 1 and returns the IP command's seqNum. */
function loadForIp(fcb: RomFcb, target: RomFlexspiTarget, ref: SeqRef): number | string {
  if (ref.seqNum < 1 || ref.seqNum > 8 || ref.seqId + ref.seqNum > 16) {
    return `sequence reference {seqNum ${ref.seqNum}, seqId ${ref.seqId}} does not fit the 16-sequence LUT`;
  }
  if (ref.seqNum > 16 - IP_SEQ) return `${ref.seqNum} sequences do not fit from LUT sequence ${IP_SEQ}`;
  if (!target.driver.updateLut(IP_SEQ, fcbSequenceWords(fcb, ref.seqId, ref.seqNum))) return 'the FlexSPI never became idle to load the LUT';
  return ref.seqNum;
}

/** WREN, the sequence with 4 data bytes of `arg`, then the busy wait (BL `flexspi_device_cmd`; research §5 step 4). */
function runConfigSequence(
  fcb: RomFcb,
  target: RomFlexspiTarget,
  clock: VirtualClock,
  what: string,
  seq: SeqRef,
  arg: number,
  modeType: number,
  steps: string[],
): string | undefined {
  const d = target.driver;
  const wren = commandSequence(fcb, CUSTOM_SEQ.WRITE_ENABLE, FCB_SEQ.WRITE_ENABLE);
  const wrenNum = loadForIp(fcb, target, wren);
  if (typeof wrenNum === 'string') return `${what}: write enable ${wrenNum}`;
  const we = d.command(IP_SEQ, wrenNum, 0);
  if (!we.ok) return `${what}: write enable (LUT sequence ${wren.seqId}) failed: ${we.reason}`;
  const num = loadForIp(fcb, target, seq);
  if (typeof num === 'string') return `${what}: ${num}`;
  const sent = d.config(IP_SEQ, num, 0, arg, 4);
  if (!sent.ok) return `${what} (LUT sequence ${seq.seqId}, arg ${hexValue(arg)}) failed: ${sent.reason}`;
  steps.push(`${what}: LUT sequence ${seq.seqId} with arg ${hexValue(arg)} (mode type ${modeType})`);
  // Spi2Xpi / Xpi2Spi switch the protocol: the status read would no longer fit (BL skips it).
  if (modeType === DEVICE_MODE_SPI2XPI || modeType === DEVICE_MODE_XPI2SPI) return undefined;
  if (fcb.waitTimeCfgCommands > 0) {
    clock.advance(fcb.waitTimeCfgCommands * 0.1);
    steps.push(`${what}: waited waitTimeCfgCommands ${fcb.waitTimeCfgCommands} × 100 µs`);
    return undefined;
  }
  return waitReady(fcb, target, clock, what, steps);
}

/** Polls the FCB's read-status sequence until `(status >> busyOffset) & 1` XOR polarity says ready (research §1.5 step 12). */
function waitReady(fcb: RomFcb, target: RomFlexspiTarget, clock: VirtualClock, what: string, steps: string[]): string | undefined {
  const rdsr = commandSequence(fcb, CUSTOM_SEQ.READ_STATUS, FCB_SEQ.READ_STATUS);
  const num = loadForIp(fcb, target, rdsr);
  if (typeof num === 'string') return `${what}: read status ${num}`;
  const timeoutMs = fcb.timeoutInMs > 0 ? fcb.timeoutInMs : DEFAULT_CONFIG_BUSY_TIMEOUT_MS;
  const start = clock.now();
  const deadline = start + timeoutMs;
  let status = 0;
  for (let polls = 1; ; polls++) {
    const r = target.driver.readData(IP_SEQ, num, 0, 4);
    if (!r.ok) return `${what}: read status (LUT sequence ${rdsr.seqId}) failed: ${r.reason}`;
    status = ((r.rx[0] as number) | ((r.rx[1] as number) << 8) | ((r.rx[2] as number) << 16) | ((r.rx[3] as number) << 24)) >>> 0;
    const busy = (((status >>> (fcb.busyOffset & 31)) & 1) ^ (fcb.busyBitPolarity & 1)) === 1;
    if (!busy) {
      steps.push(`${what}: ready after ${polls} status poll${polls === 1 ? '' : 's'} (${(clock.now() - start).toFixed(1)} ms)`);
      return undefined;
    }
    if (clock.now() >= deadline) {
      return `${what}: the flash stayed busy for ${timeoutMs} ms (status ${hexValue(status)}, busyOffset ${fcb.busyOffset}, busyBitPolarity ${fcb.busyBitPolarity})`;
    }
    clock.advance(BUSY_POLL_MS);
  }
}
