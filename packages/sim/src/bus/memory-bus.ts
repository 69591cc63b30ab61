import { BusFault, type Bus, type BusDevice } from './bus.js';

/**
 * The board's system bus: devices registered by address range, little-endian.
 *
 * Access rules (Cortex-M7 as seen by a bus master; DESIGN.md §5):
 * - An address no device covers → BusFault('unmapped'). An access that runs off the end of a
 *   device faults at the first byte outside it.
 * - Memory-like devices (those that implement `read8`: RAM, ROM, the FlexSPI AHB window) accept
 *   unaligned 16/32-bit accesses (normal memory on the M7 allows them); peripherals (32-bit
 *   registers only) fault 'alignment' on a misaligned 16/32-bit access.
 * - A narrow (8/16-bit) access to a peripheral is a 32-bit read (and, for a write, a 32-bit
 *   read-modify-write of the word): the rule of the BusDevice seam. Write-1-to-clear registers
 *   therefore see the other bytes written back; drivers use 32-bit access for those, as on hardware.
 * - Before every access the device's `checkAccess` runs (clock gating → BusFault('clock-gated')).
 *
 * Lookups are cached on the last device hit, so word streams to one peripheral (TFDR, RFDR) cost
 * one range check per access; RAM block access is a single `Uint8Array.set`/`slice`.
 */
export class MemoryBus implements Bus {
  private devices: BusDevice[] = [];
  private last: BusDevice | undefined;

  /** Maps a device at [device.base, device.base + device.size). Throws RangeError on overlap. */
  map(device: BusDevice): void {
    const base = device.base >>> 0;
    const end = base + device.size;
    if (device.size <= 0 || end > 0x1_0000_0000) {
      throw new RangeError(`device ${device.name}: bad range 0x${base.toString(16)} + 0x${device.size.toString(16)}`);
    }
    for (const d of this.devices) {
      if (base < d.base + d.size && d.base < end) {
        throw new RangeError(`device ${device.name} overlaps ${d.name} at 0x${Math.max(base, d.base).toString(16)}`);
      }
    }
    this.devices.push(device);
    this.devices.sort((a, b) => a.base - b.base);
    this.last = undefined;
  }

  /** Removes a device (e.g. SDRAM switched off). No effect when it is not mapped. */
  unmap(device: BusDevice): void {
    this.devices = this.devices.filter((d) => d !== device);
    this.last = undefined;
  }

  /** The device covering `address`, or undefined. */
  deviceAt(address: number): BusDevice | undefined {
    const a = address >>> 0;
    const last = this.last;
    if (last !== undefined && a - last.base >= 0 && a - last.base < last.size) return last;
    const ds = this.devices;
    let lo = 0;
    let hi = ds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = ds[mid] as BusDevice;
      if (a < d.base) hi = mid - 1;
      else if (a >= d.base + d.size) lo = mid + 1;
      else {
        this.last = d;
        return d;
      }
    }
    return undefined;
  }

  /** Every mapped device, lowest address first. */
  mappedDevices(): readonly BusDevice[] {
    return this.devices;
  }

  read32(address: number): number {
    const a = address >>> 0;
    const d = this.target(a, 'read');
    const off = a - d.base;
    if ((a & 3) === 0 && off + 4 <= d.size) return d.read32(off) >>> 0;
    if (d.read8 === undefined) this.misaligned(a, 'read', d, 4);
    return (this.read8(a) | (this.read8(a + 1) << 8) | (this.read8(a + 2) << 16) | (this.read8(a + 3) << 24)) >>> 0;
  }

  write32(address: number, value: number): void {
    const a = address >>> 0;
    const d = this.target(a, 'write');
    const off = a - d.base;
    if ((a & 3) === 0 && off + 4 <= d.size) {
      d.write32(off, value >>> 0);
      return;
    }
    if (d.write8 === undefined) this.misaligned(a, 'write', d, 4);
    for (let i = 0; i < 4; i++) this.write8(a + i, (value >>> (8 * i)) & 0xff);
  }

  read16(address: number): number {
    const a = address >>> 0;
    const d = this.target(a, 'read');
    if (d.read8 !== undefined) return this.read8(a) | (this.read8(a + 1) << 8);
    if ((a & 1) !== 0) this.misaligned(a, 'read', d, 2);
    const word = d.read32((a & ~3) - d.base) >>> 0;
    return (word >>> (8 * (a & 3))) & 0xffff;
  }

  write16(address: number, value: number): void {
    const a = address >>> 0;
    const d = this.target(a, 'write');
    if (d.write8 !== undefined) {
      this.write8(a, value & 0xff);
      this.write8(a + 1, (value >>> 8) & 0xff);
      return;
    }
    if ((a & 1) !== 0) this.misaligned(a, 'write', d, 2);
    this.peripheralNarrowWrite(d, a, value & 0xffff, 0xffff);
  }

  read8(address: number): number {
    const a = address >>> 0;
    const d = this.target(a, 'read');
    const off = a - d.base;
    if (d.read8 !== undefined) return d.read8(off) & 0xff;
    return (d.read32(off & ~3) >>> (8 * (off & 3))) & 0xff;
  }

  write8(address: number, value: number): void {
    const a = address >>> 0;
    const d = this.target(a, 'write');
    const off = a - d.base;
    if (d.write8 !== undefined) {
      d.write8(off, value & 0xff);
      return;
    }
    this.peripheralNarrowWrite(d, a, value & 0xff, 0xff);
  }

  readBlock(address: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let a = address >>> 0;
    let done = 0;
    while (done < length) {
      const d = this.target(a, 'read');
      const off = a - d.base;
      const n = Math.min(length - done, d.size - off);
      if (d.readBlock !== undefined) {
        out.set(d.readBlock(off, n), done);
      } else {
        for (let i = 0; i < n; ) {
          const o = off + i;
          if ((o & 3) === 0 && i + 4 <= n) {
            const w = d.read32(o);
            out[done + i] = w & 0xff;
            out[done + i + 1] = (w >>> 8) & 0xff;
            out[done + i + 2] = (w >>> 16) & 0xff;
            out[done + i + 3] = (w >>> 24) & 0xff;
            i += 4;
          } else {
            out[done + i] = this.read8(a + i);
            i += 1;
          }
        }
      }
      done += n;
      a += n;
      if (done < length && a > 0xffff_ffff) throw new BusFault(a >>> 0, 'read', 'unmapped');
    }
    return out;
  }

  writeBlock(address: number, data: Uint8Array): void {
    let a = address >>> 0;
    let done = 0;
    const length = data.length;
    while (done < length) {
      const d = this.target(a, 'write');
      const off = a - d.base;
      const n = Math.min(length - done, d.size - off);
      if (d.writeBlock !== undefined) {
        d.writeBlock(off, data.subarray(done, done + n));
      } else {
        for (let i = 0; i < n; ) {
          const o = off + i;
          const j = done + i;
          if ((o & 3) === 0 && i + 4 <= n) {
            d.write32(o, ((data[j] as number) | ((data[j + 1] as number) << 8) | ((data[j + 2] as number) << 16) | ((data[j + 3] as number) << 24)) >>> 0);
            i += 4;
          } else {
            this.write8(a + i, data[j] as number);
            i += 1;
          }
        }
      }
      done += n;
      a += n;
      if (done < length && a > 0xffff_ffff) throw new BusFault(a >>> 0, 'write', 'unmapped');
    }
  }

  private target(a: number, access: 'read' | 'write'): BusDevice {
    const d = this.deviceAt(a);
    if (d === undefined) throw new BusFault(a, access, 'unmapped');
    if (d.checkAccess !== undefined) d.checkAccess(a - d.base, access);
    return d;
  }

  /** A narrow write to a 32-bit register: read-modify-write of the word (BusDevice seam rule). */
  private peripheralNarrowWrite(d: BusDevice, a: number, value: number, mask: number): void {
    const wordOff = (a & ~3) - d.base;
    const shift = 8 * (a & 3);
    const old = d.read32(wordOff) >>> 0;
    d.write32(wordOff, ((old & ~(mask << shift)) | (value << shift)) >>> 0);
  }

  /** Throws 'alignment' for a misaligned peripheral access, or 'unmapped' past a device's end. */
  private misaligned(a: number, access: 'read' | 'write', d: BusDevice, width: number): never {
    if (a - d.base + width > d.size && (a & (width - 1)) === 0) {
      throw new BusFault((d.base + d.size) >>> 0, access, 'unmapped');
    }
    throw new BusFault(a, access, 'alignment');
  }
}
