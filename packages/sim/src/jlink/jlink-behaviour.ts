import { atLeast, within, type SimJlinkVersion } from './sim-jlink-version.js';

/**
 * What a J-Link version does, as far as the stand-in models it (research/jlink.md; each flag
 * names its line). Where research marks a fact UNVERIFIED the choice made here says so.
 */
export interface JlinkBehaviour {
  /** `-NoGui` known (V6.80+, §0.4); older Commanders print "Unknown command line option -NoGui." */
  readonly noGuiOption: boolean;
  /** `-device name?BankAddr=…&Loader=…` (V7.70d+, §4.3). */
  readonly loaderSuffix: boolean;
  /** `erase <SAddr>, <EAddr>` honoured. Absent in 6.80d, present in 7.50a; first version UNVERIFIED (≤ 6.94c, modelled from 6.94c). */
  readonly eraseRange: boolean;
  /** A malformed erase parameter erases the whole chip (before V7.54b). */
  readonly badEraseIsChipErase: boolean;
  /** loadbin/loadfile/erase reset and halt first unless `noreset` (V7.70+); commas optional. */
  readonly implicitReset: boolean;
  /** Script mode echoes `J-Link>cmd` (V7.60+). */
  readonly echoCommands: boolean;
  /** Comment-only lines fail (V7.88l to V7.89). */
  readonly commentLinesFail: boolean;
  /** Command strings (`exec …`) refused from a command file (V7.88l only). */
  readonly commandStringsRefused: boolean;
  /** CR line breaks break the file (before V7.92f). */
  readonly crBreaksFile: boolean;
  /** "Total time needed:" summary with separate Program/Verify (V6.32h era); later "Total:" with "Program & Verify". Modelled: before V6.40. */
  readonly oldTotalLine: boolean;
  /** Speed unit in the summary: KB/s, KiB/s in recent 8.x (modelled from V8.00, UNVERIFIED). */
  readonly speedUnit: 'KB/s' | 'KiB/s';
  /** Progress lines "Comparing flash   [100%] Done." (modelled from V6.40, UNVERIFIED). */
  readonly progressLines: boolean;
  /** Erase messages: 7.80+ wording, 7.50+ wording, or the 6.x "Erasing device...". */
  readonly eraseWording: 'new' | 'mid' | 'old';
  /** The RT105x QSPI loader fails to write (V6.82 to V6.84b; fixed V6.86; research §0.2, causal link UNVERIFIED). */
  readonly rt105xQspiWriteFails: boolean;
  /** RT105x has flash programming at all (V6.32+). */
  readonly rt105xFlash: boolean;
  /** RT106x default loader is HyperFlash (V7.70d to V7.82c). */
  readonly rt106xDefaultHyperflash: boolean;
  /** RT117x flash programming broken (V7.86 to V7.86d, V7.88l to V7.94c). */
  readonly rt117xFlashFails: boolean;
  /** The install ships `Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf` (seen ≤ 6.80d; absent in the 7.50a/7.92 copies, UNVERIFIED for stock: modelled as absent from V7.00). */
  readonly shipsRt105xQspiLoader: boolean;
}

export function jlinkBehaviour(v: SimJlinkVersion): JlinkBehaviour {
  return {
    noGuiOption: atLeast(v, '6.80'),
    loaderSuffix: atLeast(v, '7.70d'),
    eraseRange: atLeast(v, '6.94c'),
    badEraseIsChipErase: !atLeast(v, '7.54b'),
    implicitReset: atLeast(v, '7.70'),
    echoCommands: atLeast(v, '7.60'),
    commentLinesFail: within(v, '7.88l', '7.90'),
    commandStringsRefused: within(v, '7.88l', '7.88m'),
    crBreaksFile: !atLeast(v, '7.92f'),
    oldTotalLine: !atLeast(v, '6.40'),
    speedUnit: atLeast(v, '8.00') ? 'KiB/s' : 'KB/s',
    progressLines: atLeast(v, '6.40'),
    eraseWording: atLeast(v, '7.80') ? 'new' : atLeast(v, '7.50') ? 'mid' : 'old',
    rt105xQspiWriteFails: within(v, '6.82', '6.86'),
    rt105xFlash: atLeast(v, '6.32'),
    rt106xDefaultHyperflash: within(v, '7.70d', '7.82d'),
    rt117xFlashFails: within(v, '7.86', '7.86e') || within(v, '7.88l', '7.94d'),
    shipsRt105xQspiLoader: !atLeast(v, '7.00'),
  };
}
