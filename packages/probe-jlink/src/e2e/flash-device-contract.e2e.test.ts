import { findChip, findFlashPart, parseProbeSelector } from '@imxflash/core';
import { describeFlashDeviceContract } from '@imxflash/core/testing';
import { jlinkSimRig } from './jlink-sim-rig.js';

const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');

// Two bands: the loader suffix and erase range (V7.94g), and the XML override with 0xFF-loadbin erases (V6.86).
for (const version of ['7.94g', '6.86']) {
  describeFlashDeviceContract(`JlinkFlashDevice, JLinkExe V${version} stand-in (sim)`, async () => {
    const r = await jlinkSimRig([version]);
    const session = await r.driver.open(parseProbeSelector('jlink'), r.context);
    const device = await session.attachFlash({ chip, part });
    return {
      device,
      peek: (address, bytes) => r.board.flash.peek(address - device.geometry.base, bytes),
      close: async () => {
        await session[Symbol.asyncDispose]();
        await r.cleanup();
      },
    };
  });
}
