import type { Chip, MemoryRegion } from '../db/chip.js';
import type { FlashPart } from '../db/flash-part.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import type { MemoryImage } from '../image/memory-image.js';
import { hex, hex32 } from '../util/hex.js';
import type { BootMode, BootModeRequest } from './boot-mode.js';
import { bootFlashBase, bootFlexspi, isRam, overlaps, regionAt } from './memory-map.js';
import { isPlausibleVectorTable, readVectorTable } from './vector-table.js';

/** Where every piece of a FlexSPI NOR boot image goes (research/spsdk.md §3.3–3.6, imxrt.md §5). */
export interface BootLayout {
  readonly mode: Exclude<BootMode, 'as-is'>;
  /** One sentence: why this mode. */
  readonly reason: string;
  readonly flashBase: number;
  /** Flash addresses of the FCB and IVT. */
  readonly fcbFlashAddress: number;
  readonly ivtFlashAddress: number;
  /** Runtime address of flash offset 0: the flash base (XIP) or where the ROM copies the image. */
  readonly imageStart: number;
  /** IVT fields, as runtime addresses. */
  readonly ivtSelf: number;
  readonly bootDataAddress: number;
  readonly dcdAddress: number;
  /** Boot data size: bytes from flash offset 0 to the end of the app. */
  readonly bootDataSize: number;
  readonly vectorTable: number;
  readonly entry: number;
  readonly initialSp: number;
  /** Runtime range of the app itself. */
  readonly appStart: number;
  readonly appEnd: number;
  /** The RAM region the ROM copies into (ram mode). */
  readonly destination: MemoryRegion | undefined;
}

/** Offsets inside the header area, relative to the IVT (as NXP's SDK lays it out). */
export const BOOT_DATA_OFFSET_FROM_IVT = 0x20;
export const DCD_OFFSET_FROM_IVT = 0x40;

const FCB_TAG = 0x42464346;
const IVT_TAG = 0xd1;

export interface InputHeaders {
  readonly fcb: boolean;
  readonly ivt: boolean;
}

/** Whether the input already carries an FCB tag at the chip's FCB offset and an IVT header at 0x1000. */
export function findInputHeaders(app: MemoryImage, chip: Chip): InputHeaders {
  const base = bootFlashBase(chip);
  const fcbAt = base + chip.fcbOffset;
  const ivtAt = base + chip.ivtOffset;
  const fcb = app.covers(fcbAt, 4) && new DataView(app.read(fcbAt, 4).buffer).getUint32(0, true) === FCB_TAG;
  const ivtHead = app.covers(ivtAt, 4) ? app.read(ivtAt, 4) : undefined;
  const ivt = ivtHead !== undefined && ivtHead[0] === IVT_TAG && ivtHead[1] === 0x00 && ivtHead[2] === 0x20;
  return { fcb, ivt };
}

/** Picks the mode for `request`, from where the app is linked; explains the choice. */
export function chooseBootMode(app: MemoryImage, chip: Chip, request: BootModeRequest): { mode: BootMode; reason: string } {
  if (app.isEmpty) throw new ImxflashError('IMAGE_EMPTY', 'the input holds no data', { hint: 'Check that the file is the linked firmware, not an object file or an empty export.' });
  const headers = findInputHeaders(app, chip);
  const window = bootFlexspi(chip).ahbWindow;
  const start = app.startAddress;
  const inFlash = start >= window.start && start < window.end;
  const region = regionAt(chip, start);

  if (request === 'as-is' || (request === 'auto' && (headers.fcb || headers.ivt))) {
    if (!headers.ivt) {
      if (request === 'auto') {
        // Only an FCB: neither a finished image nor a bare app (the vector table is not first).
        throw new ImxflashError('BOOT_MODE_MISMATCH', `the input carries an FCB at ${hex32(window.start + chip.fcbOffset)} but no IVT at ${hex32(window.start + chip.ivtOffset)}: it is neither a finished boot image nor a bare app`, {
          hint: 'Link the app without its boot header (e.g. XIP_BOOT_HEADER_ENABLE=0 in NXP SDK projects) so imxflash writes FCB, IVT and boot data, or add the IVT and boot data and use --mode as-is.',
        });
      }
      throw new ImxflashError('BOOT_MODE_MISMATCH', `--mode as-is needs an IVT at ${hex32(window.start + chip.ivtOffset)}, and the input has none`, {
        hint: 'Use --mode auto (or xip/ram) to let imxflash build the FCB, IVT and boot data.',
      });
    }
    return {
      mode: 'as-is',
      reason: headers.fcb
        ? `the input already carries an FCB at ${hex32(window.start + chip.fcbOffset)} and an IVT at ${hex32(window.start + chip.ivtOffset)}; kept as it is`
        : `the input carries an IVT at ${hex32(window.start + chip.ivtOffset)} but no FCB; the FCB is added, the rest kept`,
    };
  }
  if (headers.fcb || headers.ivt) {
    // request is 'xip' or 'ram' here: those build a header around a bare app.
    const what = headers.ivt ? `an IVT at ${hex32(window.start + chip.ivtOffset)}` : `an FCB at ${hex32(window.start + chip.fcbOffset)}`;
    throw new ImxflashError('BOOT_MODE_MISMATCH', `--mode ${request} builds the boot header around a bare app, and the input already carries ${what}`, {
      hint: 'Use --mode as-is (or auto) to keep the input\'s own header, or pass the app linked without it.',
    });
  }
  if (request === 'ram' && inFlash) {
    throw new ImxflashError('BOOT_MODE_MISMATCH', `--mode ram needs an app linked in RAM; this one starts at ${hex32(start)}, in the flash window ${hex32(window.start)}–${hex32(window.end - 1)}`, {
      hint: 'The app is linked to flash: use --mode xip (or auto), or link it in ITCM/DTCM/OCRAM at region start + ' + hex(chip.initialLoadSize) + '.',
    });
  }
  if (request === 'xip' || (request === 'auto' && inFlash)) {
    if (!inFlash) {
      throw new ImxflashError('BOOT_MODE_MISMATCH', `--mode xip needs an app linked in the flash window ${hex32(window.start)}–${hex32(window.end - 1)}; this one starts at ${hex32(start)}${region ? ` (${region.name})` : ''}`, {
        hint: region && isRam(region) ? 'The app is linked to RAM: use --mode ram (or auto).' : 'Link the app at the flash base + 0x2000.',
      });
    }
    return { mode: 'xip', reason: `the app starts at ${hex32(start)}, in the FlexSPI window: the ROM runs it in place (XIP)` };
  }
  if (!isRam(region)) {
    throw new ImxflashError('BOOT_APP_OUTSIDE_MEMORY', `the app starts at ${hex32(start)}, which is neither in the boot flash window nor in RAM of ${chip.name}`, {
      hint: `Link it at ${hex32(window.start + chip.initialLoadSize)} (XIP) or in ITCM/DTCM/OCRAM at region start + ${hex(chip.initialLoadSize)} (RAM), or check --chip.`,
      details: { address: start },
    });
  }
  return {
    mode: 'ram',
    reason: `the app starts at ${hex32(start)}, in ${region.name}: the ROM copies the image from flash to ${hex32(start - chip.initialLoadSize)} and runs it there (non-XIP)`,
  };
}

/**
 * Plans an XIP or RAM layout and refuses what the ROM cannot boot, with a hint naming the
 * linker-script change. The DCD, when present, sits at IVT + 0x40.
 */
export function planBootLayout(
  app: MemoryImage,
  chip: Chip,
  part: FlashPart,
  mode: 'xip' | 'ram',
  reason: string,
  options: { dcdBytes?: number } = {},
): BootLayout {
  const flashBase = bootFlashBase(chip);
  const dcdBytes = options.dcdBytes ?? 0;
  const appStart = app.startAddress;
  const appEnd = app.endAddress;
  const vt = readVectorTable(app, appStart);
  const codeEnd = appEnd;
  if (!vt || !isPlausibleVectorTable(vt, appStart, codeEnd)) {
    throw new ImxflashError(
      'BOOT_NO_VECTOR_TABLE',
      `no Cortex-M vector table at the app's lowest address ${hex32(appStart)}` +
        (vt ? ` (initial SP ${hex32(vt.initialSp)}, reset vector ${hex32(vt.resetHandler)})` : ''),
      {
        hint: 'The lowest linked address must hold the vector table (SP, then a Thumb reset handler inside the image). Put .isr_vector first in the linker script, or pass the linked ELF/HEX rather than a partial export.',
        details: { address: appStart },
      },
    );
  }
  if (dcdBytes > 0 && !chip.dcdSupported) {
    throw new ImxflashError('BOOT_LAYOUT_UNSUPPORTED', `${chip.name} does not run a DCD from the boot image`, {
      hint: 'Drop --dcd; initialise SDRAM from the app (or use XMCD on RT117x).',
    });
  }
  if (dcdBytes > chip.initialLoadSize - chip.ivtOffset - DCD_OFFSET_FROM_IVT) {
    throw new ImxflashError('DCD_TOO_LARGE', `the DCD (${dcdBytes} bytes) does not fit between the IVT and the app`, { hint: 'Shorten the DCD.' });
  }

  const imageStart = mode === 'xip' ? flashBase : appStart - chip.initialLoadSize;
  if (mode === 'xip') {
    if (appStart < flashBase + chip.initialLoadSize) {
      throw new ImxflashError('BOOT_APP_OVERLAPS_HEADER', `the app starts at ${hex32(appStart)}, inside the boot header area ${hex32(flashBase)}–${hex32(flashBase + chip.initialLoadSize - 1)} (FCB, IVT, boot data)`, {
        hint: `Link the vector table at ${hex32(flashBase + chip.initialLoadSize)} or above. If the file already carries its own FCB/IVT, use --mode as-is.`,
        details: { address: appStart },
      });
    }
    const window = bootFlexspi(chip).ahbWindow;
    if (appEnd > window.end) {
      throw new ImxflashError('BOOT_APP_OUTSIDE_MEMORY', `the app ends at ${hex32(appEnd - 1)}, past the flash window end ${hex32(window.end - 1)}`, {
        hint: 'Some section is linked outside flash; check the linker script (.data needs AT> FLASH).',
      });
    }
  } else {
    const region = regionAt(chip, appStart);
    if (!isRam(region)) {
      // chooseBootMode never plans 'ram' for such an app; a direct caller gets a coded error, not a TypeError.
      throw new ImxflashError('BOOT_MODE_MISMATCH', `a RAM layout needs an app linked in RAM; this one starts at ${hex32(appStart)}`, {
        hint: 'Use --mode auto to pick the layout from the link address.',
        details: { address: appStart },
      });
    }
    if (imageStart < region.start) {
      throw new ImxflashError(
        'BOOT_APP_TOO_CLOSE_TO_REGION_START',
        `the vector table at ${hex32(appStart)} is ${hex(appStart - region.start)} bytes into ${region.name}; the ROM copies the ${hex(chip.initialLoadSize)}-byte boot header in front of the app, so it needs at least ${hex(chip.initialLoadSize)}`,
        {
          hint: `Link the vector table at ${hex32(region.start + chip.initialLoadSize)} or higher (e.g. ORIGIN = ${hex32(region.start + chip.initialLoadSize)} for the ${region.name} region in the linker script).`,
          details: { vectorTable: appStart, region: region.name, regionStart: region.start },
        },
      );
    }
    if (regionAt(chip, appEnd - 1) !== region) {
      throw new ImxflashError('BOOT_LAYOUT_UNSUPPORTED', `the app spans more than one memory region (${hex32(appStart)}–${hex32(appEnd - 1)}); the ROM copies one contiguous range into one region`, {
        hint: 'Link every loadable section into the same RAM region, with .data initial values placed right after the code (LMA = VMA), or use an XIP layout.',
        details: { start: appStart, end: appEnd },
      });
    }
    for (const r of chip.romReservedRam) {
      if (overlaps(imageStart, appEnd, r)) {
        throw new ImxflashError(
          'BOOT_APP_IN_ROM_RESERVED_RAM',
          `the ROM would copy the image to ${hex32(imageStart)}–${hex32(appEnd - 1)}, over RAM the boot ROM uses (${hex32(r.start)}–${hex32(r.end - 1)}${r.note ? `: ${r.note}` : ''})`,
          { hint: `Link the app so that vector table − ${hex(chip.initialLoadSize)} is at or above ${hex32(r.end)}, or use DTCM/ITCM.`, details: { start: imageStart, end: appEnd, reserved: r } },
        );
      }
    }
    if (region.needsInit === 'dcd' && dcdBytes === 0) {
      throw new ImxflashError('BOOT_LAYOUT_UNSUPPORTED', `the app is linked to ${region.name} at ${hex32(appStart)}, which needs initialising before the ROM can copy into it`, {
        hint: 'Pass --dcd with a DCD that initialises the SDRAM controller, or link the app to ITCM/DTCM/OCRAM.',
      });
    }
  }

  const bootDataSize = appEnd - imageStart;
  if (bootDataSize > part.sizeBytes) {
    throw new ImxflashError('BOOT_APP_TOO_LARGE', `the boot image needs ${bootDataSize} bytes of flash, and the ${part.name} holds ${part.sizeBytes}`, {
      hint: 'Shrink the app, or pick a larger flash part with --flash.',
      details: { bytes: bootDataSize, flashBytes: part.sizeBytes },
    });
  }

  const ivtSelf = imageStart + chip.ivtOffset;
  return {
    mode,
    reason,
    flashBase,
    fcbFlashAddress: flashBase + chip.fcbOffset,
    ivtFlashAddress: flashBase + chip.ivtOffset,
    imageStart,
    ivtSelf,
    bootDataAddress: ivtSelf + BOOT_DATA_OFFSET_FROM_IVT,
    dcdAddress: dcdBytes > 0 ? ivtSelf + DCD_OFFSET_FROM_IVT : 0,
    bootDataSize,
    vectorTable: vt.address,
    // The reset handler (Thumb address), as NXP's SPSDK images do; works whether or not the ROM
    // special-cases a vector-table entry (research/imxrt.md §5 step 9).
    entry: vt.resetHandler,
    initialSp: vt.initialSp,
    appStart,
    appEnd,
    destination: mode === 'ram' ? regionAt(chip, appStart) : undefined,
  };
}
