import { encodeBootData } from '../boot/boot-data.js';
import { decodeDcd } from '../boot/dcd.js';
import { buildFcb, type FcbOptions } from '../boot/fcb-builder.js';
import { decodeFcb, encodeFcb, FCB_SIZE } from '../boot/fcb.js';
import { encodeIvt, IVT_VERSION } from '../boot/ivt.js';
import type { Chip } from '../db/chip.js';
import type { FlashPart } from '../db/flash-part.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import { MemoryImage } from '../image/memory-image.js';
import { hex32 } from '../util/hex.js';
import { chooseBootMode, findInputHeaders, planBootLayout, type BootLayout } from './boot-layout.js';
import type { BootMode, BootModeRequest } from './boot-mode.js';
import { inspectBootImage, type InspectReport } from './inspect-boot-image.js';
import { bootFlashBase, bootFlexspi } from './memory-map.js';

export interface BuildBootImageOptions {
  readonly chip: Chip;
  readonly part: FlashPart;
  /** Default 'auto': decided from where the app is linked (and said why). */
  readonly mode?: BootModeRequest;
  /** A DCD (binary, starting with tag 0xD2) the ROM runs before copying, e.g. SDRAM set-up. */
  readonly dcd?: Uint8Array;
  /** A user FCB (512 bytes) instead of the one built from the flash-part database. */
  readonly fcb?: Uint8Array;
  readonly fcbOptions?: FcbOptions;
}

export interface BootImage {
  readonly mode: BootMode;
  /** Why this mode, in one sentence. */
  readonly reason: string;
  readonly flashBase: number;
  /** The image at flash addresses (FCB, IVT, boot data, DCD, app). */
  readonly image: MemoryImage;
  /** `image` as a flat binary from the flash base (gaps 0xFF, like erased NOR). */
  readonly bytes: Uint8Array;
  /** The planned layout (xip/ram); undefined for as-is, whose layout is the input's own. */
  readonly layout: BootLayout | undefined;
  /** Decoded headers, findings and what the ROM will do, from inspecting the result. */
  readonly report: InspectReport;
}

/**
 * App (as linked) → FlexSPI NOR boot image. Inspects its own output and refuses to return an
 * image the inspector says the ROM will not boot.
 */
export function buildBootImage(app: MemoryImage, options: BuildBootImageOptions): BootImage {
  const { chip, part } = options;
  const flashBase = bootFlashBase(chip);
  const chosen = chooseBootMode(app, chip, options.mode ?? 'auto');
  const fcbBytes = options.fcb ? checkUserFcb(options.fcb) : encodeFcb(buildFcb(part, chip, options.fcbOptions));
  if (options.dcd) decodeDcd(options.dcd); // validates; throws DCD_* with the offset

  let image: MemoryImage;
  let layout: BootLayout | undefined;
  if (chosen.mode === 'as-is') {
    if (options.dcd) {
      throw new ImxflashError('BOOT_MODE_MISMATCH', '--dcd cannot be added to an image that already carries its IVT (as-is)', {
        hint: 'Build from the bare app (without the boot header) to add a DCD.',
      });
    }
    const window = bootFlexspi(chip).ahbWindow;
    if (app.startAddress < window.start || app.endAddress > window.end) {
      // `bytes` covers the flash only; data elsewhere would be dropped without a word.
      throw new ImxflashError('BOOT_AS_IS_INVALID', `the input carries its own boot header but spans ${hex32(app.startAddress)}–${hex32(app.endAddress - 1)}, beyond the flash window ${hex32(window.start)}–${hex32(window.end - 1)}`, {
        hint: 'A finished boot image holds flash addresses only: drop the other sections or files, or link the app without its boot header and let imxflash build it.',
        details: { start: app.startAddress, end: app.endAddress },
      });
    }
    const headers = findInputHeaders(app, chip);
    image = headers.fcb ? app : addFcb(app, flashBase + chip.fcbOffset, fcbBytes);
  } else {
    layout = planBootLayout(app, chip, part, chosen.mode, chosen.reason, { dcdBytes: options.dcd?.length ?? 0 });
    image = assemble(app, chip, layout, fcbBytes, options.dcd);
  }

  const report = inspectBootImage(image, { chip, part });
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new ImxflashError(
      chosen.mode === 'as-is' ? 'BOOT_AS_IS_INVALID' : 'BOOT_LAYOUT_UNSUPPORTED',
      `the ROM would not boot this image: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      { hint: first.fix, details: { findings: errors.map((f) => f.id) } },
    );
  }
  return { mode: chosen.mode, reason: chosen.reason, flashBase, image, bytes: image.toBinary(flashBase, image.endAddress), layout, report };
}

function checkUserFcb(fcb: Uint8Array): Uint8Array {
  if (fcb.length !== FCB_SIZE) {
    throw new ImxflashError('FCB_BAD_SIZE', `the FCB file holds ${fcb.length} bytes; an FCB is exactly ${FCB_SIZE}`, {
      hint: 'Pass the 512-byte FCB binary (e.g. from `imxflash image build` or NXP tools), not a whole image.',
    });
  }
  decodeFcb(fcb); // checks the tag
  return fcb;
}

/**
 * Puts the FCB into an as-is image that has none. A blank FCB area (all 0xFF as erased, or all
 * 0x00 as SPSDK's `_unsigned.bin` has it; research/spsdk.md §3.6) is replaced; other bytes there
 * are refused rather than overwritten.
 */
function addFcb(app: MemoryImage, at: number, fcb: Uint8Array): MemoryImage {
  const end = at + fcb.length;
  const existing = app.slice(at, end);
  if (!existing.isEmpty) {
    const bytes = existing.segments.flatMap((s) => Array.from(s.data));
    if (!bytes.every((b) => b === 0xff) && !bytes.every((b) => b === 0x00)) {
      throw new ImxflashError('BOOT_AS_IS_INVALID', `the input holds data at ${hex32(at)}–${hex32(end - 1)}, where the FCB belongs, and it is neither an FCB (tag 'FCFB') nor blank`, {
        hint: 'Pass the image with its FCB, or with that area erased (0xFF), so imxflash can add the FCB.',
        details: { address: at },
      });
    }
  }
  const fcbImage = MemoryImage.from([{ address: at, data: fcb, origin: 'FCB (imxflash)' }]);
  return app.slice(0, at).merge(app.slice(end, 0x1_0000_0000)).merge(fcbImage);
}

/** Lays the headers and the app out at flash addresses. The app moves to flash offset 0x2000+. */
function assemble(app: MemoryImage, chip: Chip, layout: BootLayout, fcb: Uint8Array, dcd: Uint8Array | undefined): MemoryImage {
  const { flashBase } = layout;
  const ivt = encodeIvt({
    version: IVT_VERSION,
    entry: layout.entry,
    reserved1: 0,
    dcd: layout.dcdAddress,
    bootData: layout.bootDataAddress,
    self: layout.ivtSelf,
    csf: 0,
    reserved2: 0,
  });
  const bootData = encodeBootData({ start: layout.imageStart, size: layout.bootDataSize, plugin: 0 });
  const toFlash = flashBase - layout.imageStart; // runtime → flash address (0 for XIP)
  const parts: Array<{ address: number; data: Uint8Array; origin: string }> = [
    { address: flashBase + chip.fcbOffset, data: fcb, origin: 'FCB' },
    { address: layout.ivtFlashAddress, data: ivt, origin: 'IVT' },
    { address: layout.bootDataAddress + toFlash, data: bootData, origin: 'boot data' },
  ];
  if (dcd) parts.push({ address: layout.dcdAddress + toFlash, data: dcd, origin: 'DCD' });
  const headers = MemoryImage.from(parts);
  const placedApp = toFlash === 0 ? app : app.relocate(toFlash);
  if (placedApp.startAddress < flashBase + chip.initialLoadSize) {
    // planBootLayout guarantees this; a failure here is a bug, not user input.
    throw new Error(`app placed at ${hex32(placedApp.startAddress)}, inside the header area`);
  }
  return headers.merge(placedApp).withEntry(layout.entry);
}

