import type { Chip } from '@imxflash/core';
import type { SerialFlashDevice } from '../flash-bus/serial-flash-device.js';
import { FlexspiController } from '../flexspi/flexspi-controller.js';
import { Ccm, RT10XX_CCM_BASE } from '../peripherals/ccm.js';
import { Iomuxc, RT10XX_IOMUXC_BASE } from '../peripherals/iomuxc.js';
import { Ocotp, type FuseMap } from '../peripherals/ocotp.js';
import { Src, type BootConfig } from '../peripherals/src.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import type { MemoryBus } from './memory-bus.js';

/** RT10xx SBMR1 address (research/imxrt.md §4.2): used to recognise the RT10xx peripheral map. */
const RT10XX_SRC_SBMR1 = 0x400f_8004;
const BLOCK_MASK = ~0x3fff;

export interface BoardPeripheralsOptions {
  clock: VirtualClock;
  /** SBMR1/SBMR2 content (boot pins / boot config). */
  boot?: BootConfig;
  /** Fuse words by shadow offset (0x450 = BOOT_CFG). */
  fuses?: FuseMap;
  /** The flash on port A1 of the boot FlexSPI instance. */
  bootFlash?: SerialFlashDevice;
  /** SCK for modelled FlexSPI time (default 30 MHz). */
  serialClockMhz?: number;
  /** See FlexspiControllerOptions.gatedRegisterAccess (default 'fault'). */
  gatedRegisterAccess?: 'fault' | 'allow';
}

export interface BoardPeripherals {
  /** Absent on chips whose CCM the sim does not model (RT116x/117x/118x): FlexSPI clocks always on. */
  readonly ccm: Ccm | undefined;
  readonly iomuxc: Iomuxc | undefined;
  readonly src: Src;
  readonly ocotp: Ocotp;
  /** One controller per `chip.flexspi` entry, same order. */
  readonly flexspi: readonly FlexspiController[];
  /** `flexspi[chip.bootFlexspi]`. */
  readonly bootFlexspi: FlexspiController;
}

/**
 * Maps the peripherals the flash tools touch onto `bus`: CCM and IOMUXC (RT10xx register map,
 * or the blocks holding `chip.flexspiBringUp`'s registers), SRC (SBMR1/2), OCOTP (fuses), and
 * every FlexSPI instance (registers + AHB window). The boot FlexSPI's clock and pins follow the
 * CCM gate and IOMUXC pad mux of `chip.flexspiBringUp`; without it (and for other instances)
 * clock and pins are always on.
 */
export function mapBoardPeripherals(bus: MemoryBus, chip: Chip, options: BoardPeripheralsOptions): BoardPeripherals {
  const bringUp = chip.flexspiBringUp;
  const rt10xxMap = chip.registers.srcSbmr1 === RT10XX_SRC_SBMR1;
  let ccm: Ccm | undefined;
  let iomuxc: Iomuxc | undefined;
  if (bringUp !== undefined || rt10xxMap) {
    const ccmBase = bringUp !== undefined ? (bringUp.clockGate.register & BLOCK_MASK) >>> 0 : RT10XX_CCM_BASE;
    const firstPad = bringUp?.pads[0];
    const iomuxcBase = firstPad !== undefined ? (firstPad.muxRegister & BLOCK_MASK) >>> 0 : RT10XX_IOMUXC_BASE;
    ccm = new Ccm(bringUp === undefined ? { base: ccmBase } : { base: ccmBase, bringUp });
    iomuxc = new Iomuxc(bringUp === undefined ? { base: iomuxcBase } : { base: iomuxcBase, bringUp });
    bus.map(ccm);
    bus.map(iomuxc);
  }
  const src = new Src(chip, options.boot ?? {});
  const ocotp = new Ocotp(chip.registers.ocotpBase, options.fuses ?? {});
  bus.map(src);
  bus.map(ocotp);

  const flexspi = chip.flexspi.map((instance, i) => {
    const boot = i === chip.bootFlexspi;
    const c = ccm;
    const m = iomuxc;
    const controller = new FlexspiController({
      instance,
      clock: options.clock,
      ...(boot && c !== undefined ? { clockOn: () => c.flexspiClockOn() } : {}),
      ...(boot && m !== undefined ? { pinsMuxed: () => m.flexspiPinsMuxed() } : {}),
      ...(options.serialClockMhz !== undefined ? { serialClockMhz: options.serialClockMhz } : {}),
      ...(options.gatedRegisterAccess !== undefined ? { gatedRegisterAccess: options.gatedRegisterAccess } : {}),
      ...(boot && options.bootFlash !== undefined ? { flash: { A1: options.bootFlash } } : {}),
    });
    bus.map(controller);
    bus.map(controller.ahbWindow);
    return controller;
  });
  const bootFlexspi = flexspi[chip.bootFlexspi];
  if (bootFlexspi === undefined) throw new RangeError(`chip ${chip.id}: bootFlexspi ${chip.bootFlexspi} has no instance`);
  return { ccm, iomuxc, src, ocotp, flexspi, bootFlexspi };
}
