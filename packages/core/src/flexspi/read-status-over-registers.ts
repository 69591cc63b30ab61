import type { Chip } from '../db/chip.js';
import type { FlashPart } from '../db/flash-part.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import { encodeLutSequence, LUT_OP } from '../boot/lut.js';
import { hex32 } from '../util/hex.js';
import { FLEXSPI as R, INTR, INTR_CLEAR, IPFCR_CLR, ipErrorText, LUT_KEY, LUTCR, MCR0, watermarkField } from './flexspi-registers.js';
import type { RegisterAccess, RegisterStep } from './register-access.js';

/** The LUT sequence the read-status command is loaded into: 1, as the NXP ROM and flashloader use for IP commands (research/imxrt.md §1.5 step 0). */
const STATUS_SEQ = 1;
/** Flash size written to FLSHA1CR0 when the part is unknown: enough for the command at offset 0. */
const FALLBACK_FLASH_BYTES = 1024 * 1024;
/** Time for the IP command (a few µs at the reset clock) and its data; generous, it is one JLinkExe Sleep. */
const SETTLE_MS = 1;

/**
 * Reads the boot flash's status register (the SPI NOR 0x05 byte, or the part's own opcode) through
 * the boot FlexSPI's registers alone: two register programs, for probes that can only read and write
 * words on the target's bus. The first reads the clock gate and MCR0; the second turns the clock
 * and pads on, configures port A1 with the module disabled, enables it, loads the command into LUT
 * sequence 1 and runs it as an IP command (research/imxrt.md §1.5 steps 0–11, §1.6 order), then
 * reads INTR, RFDR0 and STS1.
 *
 * It changes FlexSPI registers only, never the flash, and whoever programs the flash next sets the
 * controller up again (the flashloader's configure-memory, J-Link's flash loader).
 */
export async function readNorStatusOverRegisters(access: RegisterAccess, chip: Chip, part?: FlashPart): Promise<number> {
  const instance = chip.flexspi[chip.bootFlexspi];
  if (instance === undefined) {
    throw new ImxflashError('CHIP_UNKNOWN', `${chip.name} has no boot FlexSPI in the chip database`, { hint: 'Pick another --chip.' });
  }
  if (part !== undefined && part.opcodes === null) {
    throw new ImxflashError('CAPABILITY_UNAVAILABLE', `${part.name} has no SPI status register to read`, {
      hint: 'HyperFlash protection is not read by imxflash; check it with the vendor tool.',
    });
  }
  const base = instance.registerBase;
  const bringUp = chip.flexspiBringUp;
  const before = await access.run(
    [...(bringUp !== undefined ? [{ kind: 'read32', address: bringUp.clockGate.register } as const] : []), { kind: 'read32', address: base + R.MCR0 }],
    'reading the FlexSPI clock and control registers',
  );
  const mcr0 = (before.at(-1)! & ~MCR0.MDIS & ~MCR0.SWRESET) >>> 0;
  const lut = encodeLutSequence([
    { op: LUT_OP.CMD_SDR, pads: 1, operand: part?.opcodes?.readStatus ?? 0x05 },
    { op: LUT_OP.READ_SDR, pads: 1, operand: 1 },
  ]);
  const w = (address: number, value: number): RegisterStep => ({ kind: 'write32', address, value: value >>> 0 });
  const steps: RegisterStep[] = [];
  if (bringUp !== undefined) {
    steps.push(w(bringUp.clockGate.register, before[0]! | (3 << bringUp.clockGate.shift)));
    for (const pad of bringUp.pads) steps.push(w(pad.muxRegister, pad.alt));
  }
  steps.push(
    w(base + R.MCR0, mcr0 | MCR0.MDIS),
    w(base + R.FLSHA1CR0, Math.ceil((part?.sizeBytes ?? FALLBACK_FLASH_BYTES) / 1024)),
    w(base + R.FLSHA1CR0 + 4, 0),
    w(base + R.FLSHA1CR0 + 8, 0),
    w(base + R.FLSHA1CR0 + 12, 0),
    w(base + R.MCR0, mcr0),
    w(base + R.LUTKEY, LUT_KEY),
    w(base + R.LUTCR, LUTCR.UNLOCK),
    ...[...lut].map((word, i) => w(base + R.LUT0 + 16 * STATUS_SEQ + 4 * i, word)),
    w(base + R.LUTKEY, LUT_KEY),
    w(base + R.LUTCR, LUTCR.LOCK),
    w(base + R.INTR, INTR_CLEAR),
    w(base + R.IPCR0, 0),
    w(base + R.IPCR1, (STATUS_SEQ << 16) | 1),
    w(base + R.IPRXFCR, watermarkField(8) | IPFCR_CLR),
    w(base + R.IPCMD, 1),
    { kind: 'settle', ms: SETTLE_MS },
    { kind: 'read32', address: base + R.INTR },
    { kind: 'read32', address: base + R.RFDR0 },
    { kind: 'read32', address: base + R.STS1 },
  );
  const [intr, rfdr0, sts1] = await access.run(steps, 'reading the flash status register through the FlexSPI');
  const errors = intr! & (INTR.IPCMDERR | INTR.IPCMDGE | INTR.SEQTIMEOUT);
  if ((intr! & INTR.IPCMDDONE) === 0 || errors !== 0) {
    const why = (intr! & INTR.IPCMDERR) !== 0 ? ipErrorText((sts1! >>> 24) & 0xf) : (intr! & INTR.IPCMDGE) !== 0 ? 'IP grant timeout' : (intr! & INTR.SEQTIMEOUT) !== 0 ? 'sequence timeout' : 'the command did not finish';
    throw new ImxflashError('FLASH_READ_FAILED', `reading the flash status register through the FlexSPI at ${hex32(base)} failed: ${why}`, {
      hint: 'Check that the flash sits on FlexSPI port A1 and that --chip is right; reset the board and retry.',
      details: { intr: intr!, sts1: sts1! },
    });
  }
  return rfdr0! & 0xff;
}
