import {
  CHIPS, CLOCK, HID_BINDING, ImxflashError, pickProbe, SERIAL_BINDING, type Clock, type HidBinding, type ProbeDriver, type ProbeInfo, type ProbeSelector,
  type ProbeSession, type SerialBinding, type SessionContext,
} from '@imxflash/core';
import { inject, injectable } from 'tsyringe';
import { SDP_OPTIONS, type SdpOptions } from './sdp-options.js';
import { FLASHLOADER_USB, SdpSession } from './sdp-session.js';

/** ROM serial-downloader USB IDs of every chip in the database, with the chips that use each. */
function romIds(): { vid: number; pid: number; chips: string[] }[] {
  const out = new Map<string, { vid: number; pid: number; chips: string[] }>();
  for (const chip of CHIPS) {
    for (const id of chip.romUsb) {
      const key = `${id.vid}:${id.pid}`;
      const entry = out.get(key) ?? { vid: id.vid, pid: id.pid, chips: [] };
      entry.chips.push(chip.name);
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

/**
 * The `sdp` driver (DESIGN §2): the boot ROM's serial downloader over USB HID or a UART, and NXP's
 * flashloader behind it. Lists ROM devices (USB IDs from the chip database), running
 * flashloaders (0x15A2:0x0073) and, when a port is configured, that serial port.
 */
@injectable()
export class SdpDriver implements ProbeDriver {
  readonly name = 'sdp';

  constructor(
    @inject(HID_BINDING) private readonly hid: HidBinding,
    @inject(SERIAL_BINDING) private readonly serial: SerialBinding,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(SDP_OPTIONS) private readonly options: SdpOptions,
  ) {}

  async list(): Promise<ProbeInfo[]> {
    const out: ProbeInfo[] = [];
    try {
      for (const id of romIds()) {
        for (const d of await this.hid.list({ vid: id.vid, pid: id.pid })) {
          out.push({
            driver: 'sdp', id: d.path, path: d.path, vid: d.vid, pid: d.pid, link: 'usb', access: 'ok',
            ...(d.serial ? { serial: d.serial } : {}),
            description: `${id.chips.join(' / ')} boot ROM serial downloader (USB)`,
          });
        }
      }
      for (const d of await this.hid.list({ vid: FLASHLOADER_USB.vid, pid: FLASHLOADER_USB.pid })) {
        out.push({ driver: 'sdp', id: d.path, path: d.path, vid: d.vid, pid: d.pid, link: 'usb', access: 'ok', description: 'NXP flashloader (USB, blhost)' });
      }
    } catch (e) {
      if (!(e instanceof ImxflashError && e.code === 'NATIVE_MODULE_MISSING')) throw e;
    }
    const port = this.options.port;
    if (port !== undefined) {
      // The configured port is offered even when the OS cannot list ports (no udevadm, say).
      const ports = await this.serial.list().catch((e: unknown) => {
        if (e instanceof ImxflashError) return undefined;
        throw e;
      });
      {
        const p = ports?.find((x) => x.path === port);
        out.push({
          driver: 'sdp', id: port, path: port, link: 'serial', access: 'ok',
          ...(p?.vid !== undefined ? { vid: p.vid } : {}), ...(p?.pid !== undefined ? { pid: p.pid } : {}),
          description: `serial downloader on ${port}${p === undefined ? ' (not listed by the OS)' : ''}`,
        });
      }
    }
    return out;
  }

  async open(selector: ProbeSelector, context: SessionContext): Promise<ProbeSession> {
    let candidates = await this.list();
    // `sdp:/dev/ttyUSB0` names a port the options did not: offer it too.
    if (selector.path !== undefined && !candidates.some((c) => c.path === selector.path) && !/^(sim-hid:|\/dev\/hidraw)/.test(selector.path)) {
      candidates = [...candidates, { driver: 'sdp', id: selector.path, path: selector.path, link: 'serial', access: 'ok', description: `serial downloader on ${selector.path}` }];
    }
    const info = pickProbe(candidates, selector);
    return SdpSession.open(info, { hid: this.hid, serial: this.serial, clock: context.clock ?? this.clock, options: this.options, context });
  }
}
