import { ImxflashError, readNorStatusOverRegisters, type ProgressEvent, type TargetSpec } from '@imxflash/core';
import { SdpRegisterAccess, type SdpRegisterPort } from './sdp-register-access.js';

/** Errors that mean "this board cannot be checked this way", not "the link is broken". */
const CANNOT_CHECK = new Set(['SDP_COMMAND_FAILED', 'FLASH_READ_FAILED']);

/**
 * The flash's status register through the boot ROM's register commands (before the flashloader
 * runs), for the block-protect check. When the ROM refuses a register access (a HAB-closed part
 * may) or the FlexSPI set up from the host gets no answer (the flashloader, which sets it up its
 * own way, may still reach the flash), the check is skipped with the notice
 * SDP_PROTECTION_NOT_CHECKED rather than blocking a flash that would work. Link failures propagate.
 */
export async function readStatusInRom(sdp: SdpRegisterPort, target: TargetSpec, notify: (event: ProgressEvent) => void): Promise<number | undefined> {
  try {
    return await readNorStatusOverRegisters(new SdpRegisterAccess(sdp), target.chip, target.part);
  } catch (e) {
    if (!(e instanceof ImxflashError) || !CANNOT_CHECK.has(e.code)) throw e;
    notify({ type: 'notice', code: 'SDP_PROTECTION_NOT_CHECKED', text: `the flash's block protection was not checked: ${e.message}` });
    return undefined;
  }
}
