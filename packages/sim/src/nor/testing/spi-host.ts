import type { Pads, SerialFlashDevice } from '../../flash-bus/serial-flash-device.js';

/** One CS# low period as a FlexSPI LUT sequence would clock it (SDR). */
export interface SpiTransfer {
  readonly opcode: number;
  readonly cmdPads?: Pads;
  readonly address?: number;
  /** Address bytes sent (most significant first); default 3 when `address` is given. */
  readonly addressBytes?: number;
  readonly addressPads?: Pads;
  /** A MODE8 byte, sent on the address pads before the dummy clocks. */
  readonly mode?: number;
  readonly dummyCycles?: number;
  readonly dataPads?: Pads;
  readonly write?: Uint8Array;
  readonly read?: number;
  readonly ddr?: boolean;
}

/**
 * A minimal host for tests: drives a flash model through the SerialFlashDevice wires, one call per
 * LUT instruction, the way the FlexSPI controller model does. Test support, not a driver.
 */
export class SpiHost {
  constructor(readonly device: SerialFlashDevice) {}

  transfer(t: SpiTransfer): Uint8Array {
    const d = this.device;
    const ddr = t.ddr ?? false;
    d.select();
    d.send('cmd', Uint8Array.of(t.opcode), t.cmdPads ?? 1, ddr);
    if (t.address !== undefined) {
      const n = t.addressBytes ?? 3;
      const a = new Uint8Array(n);
      for (let i = 0; i < n; i++) a[i] = Math.floor(t.address / 256 ** (n - 1 - i)) & 0xff;
      d.send('addr', a, t.addressPads ?? 1, ddr);
    }
    if (t.mode !== undefined) d.send('mode', Uint8Array.of(t.mode), t.addressPads ?? 1, ddr);
    if (t.dummyCycles !== undefined && t.dummyCycles > 0) d.dummy(t.dummyCycles, t.dataPads ?? 1, ddr);
    if (t.write !== undefined) d.send('data', t.write, t.dataPads ?? 1, ddr);
    const out = t.read !== undefined ? d.receive(t.read, t.dataPads ?? 1, ddr) : new Uint8Array(0);
    d.deselect();
    return out;
  }

  command(opcode: number, cmdPads: Pads = 1): void {
    this.transfer({ opcode, cmdPads });
  }

  readStatus(opcode = 0x05): number {
    return this.transfer({ opcode, read: 1 })[0]!;
  }

  jedecId(count = 3): Uint8Array {
    return this.transfer({ opcode: 0x9f, read: count });
  }

  read(address: number, count: number, opts: { opcode?: number; addressBytes?: number } = {}): Uint8Array {
    return this.transfer({ opcode: opts.opcode ?? 0x03, address, addressBytes: opts.addressBytes ?? 3, read: count });
  }

  /** WREN, then a page program (no wait). */
  program(address: number, data: Uint8Array, opts: { opcode?: number; addressBytes?: number; addressPads?: Pads; dataPads?: Pads } = {}): void {
    this.command(0x06);
    this.transfer({
      opcode: opts.opcode ?? 0x02, address, addressBytes: opts.addressBytes ?? 3,
      addressPads: opts.addressPads ?? 1, dataPads: opts.dataPads ?? 1, write: data,
    });
  }

  /** WREN, then an erase command. */
  erase(opcode: number, address: number, addressBytes = 3): void {
    this.command(0x06);
    this.transfer({ opcode, address, addressBytes });
  }

  /** WREN, then WRSR-type write with the given bytes. */
  writeStatus(opcode: number, bytes: readonly number[]): void {
    this.command(0x06);
    this.transfer({ opcode, write: Uint8Array.from(bytes) });
  }
}
