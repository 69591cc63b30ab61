import type { RegisterAccess, RegisterStep } from '@imxflash/core';
import type { SdpClient } from './sdp-client.js';

/** The ROM commands the access needs (an SdpClient). */
export type SdpRegisterPort = Pick<SdpClient, 'writeRegister' | 'readWord'>;

/**
 * Word access to the target's registers through the boot ROM: WRITE_REGISTER and READ_REGISTER,
 * one command each (research/spsdk.md §1.3). Every command is a host round trip of a millisecond
 * or more, far longer than any settle time a register program asks for, so settles cost nothing.
 */
export class SdpRegisterAccess implements RegisterAccess {
  constructor(private readonly sdp: SdpRegisterPort) {}

  async run(steps: readonly RegisterStep[]): Promise<number[]> {
    const values: number[] = [];
    for (const step of steps) {
      if (step.kind === 'write32') await this.sdp.writeRegister(step.address, step.value);
      else if (step.kind === 'read32') values.push(await this.sdp.readWord(step.address));
    }
    return values;
  }
}
