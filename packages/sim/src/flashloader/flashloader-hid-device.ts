import type { UsbId } from '@imxflash/core';
import type { VirtualHidDevice } from '../bindings/virtual-hid-binding.js';
import type { SimBoard } from '../board/create-sim-board.js';
import { hidTiming } from '../time/link-timing.js';
import { hidReport } from './blhost-wire.js';
import { FlashloaderModel } from './flashloader-model.js';

/** MaxPacketSize over HID: BL_EXPANDED_USB_HID_PACKET_SIZE (research §2.2; the prebuilt value is UNVERIFIED). */
export const FLASHLOADER_HID_MAX_PACKET = 1012;

/**
 * The flashloader as a USB HID device (research/spsdk.md §2.2): reports 1 (command) and 2 (data)
 * out, 3 (response) and 4 (data) in, each with the 4-byte header. High-speed HID
 * (BL_CONFIG_HS_USB_HID = 1).
 */
export function createFlashloaderHidDevice(board: SimBoard, usb: UsbId, onReset: () => void, cumulativeWriteCheck = true): VirtualHidDevice & { readonly model: FlashloaderModel } {
  let reply: (report: Uint8Array) => void = () => {};
  const model = new FlashloaderModel(board, {
    response: (packet) => reply(hidReport(3, packet)),
    data: (payload) => reply(hidReport(4, payload)),
  }, { maxPacketSize: FLASHLOADER_HID_MAX_PACKET, onReset, cumulativeWriteCheck });
  return {
    model,
    info: { vid: usb.vid, pid: usb.pid, manufacturer: 'Freescale Semiconductor Inc.', product: 'Kinetis Bootloader' },
    timing: hidTiming('high'),
    onOutputReport(report, send) {
      reply = send;
      if (report.length < 4) return;
      const length = report[2]! | (report[3]! << 8);
      const payload = report.subarray(4, 4 + length);
      if (report[0] === 1) model.command(payload);
      else if (report[0] === 2) model.data(payload);
    },
  };
}
