import type { InjectionToken } from 'tsyringe';

/**
 * What the SDP driver needs besides bindings (STYLE R4: a typed token). The CLI fills it from
 * flags, the config file and IMXFLASH_FLASHLOADER; `registerSdpDriver(container, options)`
 * registers it.
 */
export interface SdpOptions {
  /** NXP's ivt_flashloader.bin (never bundled): its bytes, or a path read with `readFile`. */
  readonly flashloader?: Uint8Array | string;
  /** Reads a flashloader path (default: node:fs/promises, loaded lazily). */
  readonly readFile?: (path: string) => Promise<Uint8Array>;
  /** A serial port to offer in `list()` and open (`/dev/ttyUSB0`, `COM3`); USB needs none. */
  readonly port?: string;
  /** UART speed for the ROM and the flashloader (default 115200, SPSDK's default). */
  readonly baudRate?: number;
  /** Serial NOR config option word (default: the flash part's, else 0xC0000007). */
  readonly optionWord?: number;
  /** Optional option1 word (option size nibble 1), research/spsdk.md §2.9. */
  readonly optionWord1?: number;
  /** A full 512-byte FCB to configure the flashloader with instead of an option word ('FCFB' mode). */
  readonly configFcb?: Uint8Array;
  /** RAM scratch word for configure-memory (default 0x20202000, MCUBU's RT1052 choice, research §2.10). */
  readonly scratchAddress?: number;
  /** How long to wait for the flashloader after the jump (default 5000 ms; MCUBU's ROM connect takes about 5 s). */
  readonly flashloaderTimeoutMs?: number;
  /** Memory id for FlexSPI NOR (default 9; SPSDK clamps mapped memories to 0, both work, research §2.4). */
  readonly memoryId?: number;
}

export const SDP_OPTIONS: InjectionToken<SdpOptions> = Symbol('SdpOptions');
