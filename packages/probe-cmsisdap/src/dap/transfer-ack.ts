import { ImxflashError } from '@imxflash/core';

/** DAP_Transfer response byte (research/cmsisdap.md §1.4): ACK in bits 2:0, protocol error bit 3, mismatch bit 4. */
export const ACK = { OK: 1, WAIT: 2, FAULT: 4, NO_ACK: 7 } as const;
export const RESPONSE_PROTOCOL_ERROR = 1 << 3;
export const RESPONSE_VALUE_MISMATCH = 1 << 4;

export type TransferOutcome = 'ok' | 'wait' | 'fault' | 'no-ack' | 'protocol-error' | 'mismatch';

/** Classifies a response byte; the ACK is `& 7`, never the whole byte (dapjs's bug, §5.1). */
export function transferOutcome(response: number): TransferOutcome {
  if ((response & RESPONSE_PROTOCOL_ERROR) !== 0) return 'protocol-error';
  if ((response & RESPONSE_VALUE_MISMATCH) !== 0) return 'mismatch';
  switch (response & 7) {
    case ACK.OK: return 'ok';
    case ACK.WAIT: return 'wait';
    case ACK.FAULT: return 'fault';
    case ACK.NO_ACK: return 'no-ack';
    default: return 'protocol-error';
  }
}

/** The coded error for a transfer that ended with `outcome` at transfer `index` of `what`. */
export function transferError(outcome: Exclude<TransferOutcome, 'ok'>, what: string, details: Record<string, unknown> = {}): ImxflashError {
  switch (outcome) {
    case 'wait':
      return new ImxflashError('SWD_WAIT', `${what}: the target kept answering WAIT`, {
        hint: 'The target bus is stalled (a peripheral holding the bus, a slow clock). Reset the board and retry; a lower --swd-clock may help.',
        details,
      });
    case 'fault':
      return new ImxflashError('SWD_FAULT', `${what}: the target answered FAULT`, {
        hint: 'A bus error on the target (unmapped address, a clock-gated peripheral, a locked debug port). Reset the board and retry.',
        details,
      });
    case 'no-ack':
      return new ImxflashError('SWD_NO_ACK', `${what}: no answer from the target`, {
        hint: 'Check the SWD wiring, target power and that the board is not held in reset.',
        details,
      });
    case 'protocol-error':
      return new ImxflashError('SWD_PROTOCOL_ERROR', `${what}: SWD protocol (parity) error`, {
        hint: 'Signal integrity problem: use shorter wires or a lower --swd-clock.',
        details,
      });
    case 'mismatch':
      return new ImxflashError('SWD_VALUE_MISMATCH', `${what}: the polled value never matched`, {
        hint: 'The target did not reach the expected state in time; reset the board and retry.',
        details,
      });
  }
}
