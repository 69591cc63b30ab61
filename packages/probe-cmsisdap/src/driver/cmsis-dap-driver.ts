import { inject, injectable } from 'tsyringe';
import { CLOCK, HID_BINDING, pickProbe, USB_BINDING, type Clock, type HidBinding, type ProbeDriver, type ProbeInfo, type ProbeSelector, type ProbeSession, type SessionContext, type UsbBinding } from '@imxflash/core';
import { discoverProbes } from '../transport/probe-discovery.js';
import { CMSIS_DAP_OPTIONS, type CmsisDapOptions } from './cmsis-dap-options.js';
import { CmsisDapSession } from './cmsis-dap-session.js';

/**
 * CMSIS-DAP probes (LPC-Link2, MCU-Link, DAPLink): v2 bulk through the USB binding, v1 HID
 * through the HID binding, v2 preferred. Constructing it touches no hardware; a missing native
 * module makes `list` empty.
 */
@injectable()
export class CmsisDapDriver implements ProbeDriver {
  readonly name = 'cmsis-dap' as const;

  constructor(
    @inject(CLOCK) private readonly clock: Clock,
    @inject(USB_BINDING, { isOptional: true }) private readonly usb: UsbBinding | undefined,
    @inject(HID_BINDING, { isOptional: true }) private readonly hid: HidBinding | undefined,
    @inject(CMSIS_DAP_OPTIONS, { isOptional: true }) private readonly options: CmsisDapOptions | undefined,
  ) {}

  async list(): Promise<ProbeInfo[]> {
    return (await this.candidates()).map((c) => c.info);
  }

  async open(selector: ProbeSelector, context: SessionContext): Promise<ProbeSession> {
    const candidates = await this.candidates();
    const info = pickProbe(
      candidates.map((c) => c.info),
      selector,
    );
    const candidate = candidates.find((c) => c.info === info)!;
    const transport = await candidate.open();
    const session = new CmsisDapSession(info, transport, context.clock ?? this.clock, this.options ?? {}, context);
    try {
      await session.open();
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  private candidates() {
    return discoverProbes({ usb: this.usb, hid: this.hid }, { preferV1: this.options?.preferV1 ?? false });
  }
}
