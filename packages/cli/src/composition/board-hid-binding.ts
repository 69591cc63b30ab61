import type { HidBinding, HidDeviceInfo, HidFilter, HidLink } from '@imxflash/core';

/**
 * A board's HID binding seen with its paths prefixed by the board (`sim-board3/sim-hid:1`): each
 * board of a gang has its own virtual binding, whose paths all start at `sim-hid:1`, and the
 * prefix keeps the probes of a gang apart in the output and the JSON, as hidraw paths are on a host.
 */
export class BoardHidBinding implements HidBinding {
  constructor(
    private readonly inner: HidBinding,
    private readonly prefix: string,
  ) {}

  async list(filter?: HidFilter): Promise<HidDeviceInfo[]> {
    return (await this.inner.list(filter)).map((d) => ({ ...d, path: `${this.prefix}${d.path}` }));
  }

  open(path: string): Promise<HidLink> {
    // A path without the prefix is passed on as it is: the inner binding says it is not there.
    return this.inner.open(path.startsWith(this.prefix) ? path.slice(this.prefix.length) : path);
  }
}
