import { ImxflashError } from '@imxflash/core';

/** What the registry needs of a link: a way to tell it its device was unplugged. */
export interface UnpluggableLink {
  unplugged(): void;
}

/**
 * The plugged-in devices of one virtual binding (HID, USB, serial) and their open links: ids in
 * attach order (`sim-hid:1`, …), one open link per device (a second open is PROBE_BUSY, as an
 * exclusive OS handle is), a detach that disconnects the open link (re-enumeration, a pulled
 * cable). The bindings differ only in what a link does.
 */
export class VirtualDeviceRegistry<D, L extends UnpluggableLink> {
  private readonly devices = new Map<string, D>();
  private readonly links = new Map<string, L>();
  private nextId = 1;

  /**
   * @param prefix id prefix, e.g. `sim-hid`
   * @param what how an error names a device of this kind, e.g. `HID device`
   * @param busyHint the PROBE_BUSY hint
   */
  constructor(
    private readonly prefix: string,
    private readonly what: string,
    private readonly busyHint: string,
  ) {}

  /** Plugs `device` in; returns its id. */
  attach(device: D): string {
    const id = `${this.prefix}:${this.nextId++}`;
    this.devices.set(id, device);
    return id;
  }

  /** Unplugs the device `id`; its open link (if any) is told so and forgotten. */
  detach(id: string): void {
    if (!this.devices.delete(id)) return;
    const link = this.links.get(id);
    if (link === undefined) return;
    this.links.delete(id);
    link.unplugged();
  }

  /** Attached devices with their ids, in attach order. */
  entries(): Array<[string, D]> {
    return [...this.devices];
  }

  /**
   * Opens the device `id` through `makeLink`, which gets a callback that frees the device for
   * the next open when the link closes. PROBE_NOT_FOUND when nothing is attached at `id`,
   * PROBE_BUSY when it is open already.
   */
  open(id: string, makeLink: (device: D, onClosed: () => void) => L): L {
    const device = this.devices.get(id);
    if (device === undefined) {
      throw new ImxflashError('PROBE_NOT_FOUND', `no ${this.what} at ${id}`, {
        hint: 'It was unplugged or re-enumerated; list the devices again (`imxflash probes`).',
        details: { id },
      });
    }
    if (this.links.has(id)) throw new ImxflashError('PROBE_BUSY', `${id} is already open`, { hint: this.busyHint, details: { id } });
    const link: L = makeLink(device, () => {
      if (this.links.get(id) === link) this.links.delete(id);
    });
    this.links.set(id, link);
    return link;
  }
}
