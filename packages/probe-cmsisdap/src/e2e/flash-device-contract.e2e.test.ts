import { findChip } from '@imxflash/core';
import { describeFlashDeviceContract } from '@imxflash/core/testing';
import { simRig } from './sim-rig.js';

const chip = findChip('rt1052');

for (const version of ['v1', 'v2'] as const) {
  describeFlashDeviceContract(`FlexspiNorFlash over CMSIS-DAP ${version} (sim)`, async () => {
    const { open, board } = simRig(version);
    const session = await open();
    const device = await session.attachFlash({ chip });
    return {
      device,
      peek: (address, bytes) => board.flash.peek(address - device.geometry.base, bytes),
      close: () => session.close(),
    };
  });
}
