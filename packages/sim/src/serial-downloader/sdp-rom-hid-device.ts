import type { UsbId } from '@imxflash/core';
import type { VirtualHidDevice } from '../bindings/virtual-hid-binding.js';
import type { SimBoard } from '../board/create-sim-board.js';
import { hidTiming } from '../time/link-timing.js';
import { SdpRomModel, type JumpTarget } from './sdp-rom-model.js';

/** Report 4 is 64 bytes (research/spsdk.md §1.4); data longer than that comes in several. */
const STATUS_REPORT_BYTES = 64;

/**
 * The ROM serial downloader as a USB HID device: report 1 = command, 2 = data; report 3 = HAB
 * word, 4 = status/data (64-byte payloads). The RT10xx ROM's USB is high speed (a 1024-byte
 * report 2 only fits a high-speed interrupt endpoint): UNVERIFIED inference, research §1.4.
 */
export function createSdpRomHidDevice(board: SimBoard, usb: UsbId, onJump: (target: JumpTarget) => void): VirtualHidDevice & { readonly model: SdpRomModel } {
  let reply: (report: Uint8Array) => void = () => {};
  const model = new SdpRomModel(board, {
    hab: (word) => reply(Uint8Array.of(3, word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff)),
    data: (bytes) => {
      for (let at = 0; at < bytes.length; at += STATUS_REPORT_BYTES) {
        const report = new Uint8Array(1 + STATUS_REPORT_BYTES);
        report[0] = 4;
        report.set(bytes.subarray(at, at + STATUS_REPORT_BYTES), 1);
        reply(report);
      }
    },
  }, { onJump });
  return {
    model,
    info: { vid: usb.vid, pid: usb.pid, manufacturer: 'NXP SemiConductor Inc', product: 'SE Blank RT Family' },
    timing: hidTiming('high'),
    onOutputReport(report, send) {
      reply = send;
      if (report[0] === 1) model.command(report.subarray(1, 17));
      else if (report[0] === 2) model.data(report.subarray(1));
    },
  };
}
