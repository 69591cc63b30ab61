import type { InjectionToken } from 'tsyringe';

/** How the CMSIS-DAP driver talks to probes; registered under {@link CMSIS_DAP_OPTIONS}. */
export interface CmsisDapOptions {
  /** SWCLK in Hz (default 4 MHz; pyOCD and probe-rs start at 1 MHz, LPC-Link2/MCU-Link go higher). */
  readonly swdClockHz?: number;
  /** Use CMSIS-DAP v1 (HID) even when the probe offers v2 (bulk); default false (pyOCD `cmsis_dap.prefer_v1`). */
  readonly preferV1?: boolean;
  /** Cap on commands in flight (default: the probe's DAP_PACKET_COUNT; 1 = pyOCD `limit_packets`). */
  readonly maxPacketsInFlight?: number;
  /** DAP_TransferConfigure WAIT retries (default 0xFFFF, as probe-rs). */
  readonly waitRetry?: number;
  /** DAP_TransferConfigure value-match retries (default 8: covers FIFO and command waits at SWD speed). */
  readonly matchRetry?: number;
  /** FlexSPI TX FIFO watermark in bytes (default 128, the whole RT10xx FIFO: two pushes per 256-byte page; BL uses 64). */
  readonly fifoWatermarkBytes?: number;
  /** Set the flash's Quad Enable bit at attach when it is clear (default true: quad-read FCBs need it to boot). */
  readonly setQuadEnable?: boolean;
}

/** tsyringe token for {@link CmsisDapOptions} (optional: the driver uses defaults without it). */
export const CMSIS_DAP_OPTIONS: InjectionToken<CmsisDapOptions> = Symbol('CmsisDapOptions');

export const CMSIS_DAP_DEFAULTS = {
  swdClockHz: 4_000_000,
  preferV1: false,
  waitRetry: 0xffff,
  matchRetry: 8,
  fifoWatermarkBytes: 128,
  setQuadEnable: true,
} as const;
