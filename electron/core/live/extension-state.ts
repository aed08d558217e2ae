import type { ExtensionState } from '../contract';

/**
 * Asterisk extension state codes (ExtensionStatus `Status`, vendor `status`):
 * bit flags 1 in use, 2 busy, 4 unavailable, 8 ringing, 16 on hold; -1 not found.
 */
export function extensionStateFromCode(code: number): ExtensionState {
  switch (code) {
    case 0:
      return 'idle';
    case 1:
      return 'inuse';
    case 2:
      return 'busy';
    case 4:
      return 'unavailable';
    case 8:
      return 'ringing';
    case 9:
      return 'ringinuse';
    case 16:
      return 'onhold';
    case 17:
      return 'inuse_onhold';
    default:
      return 'unknown';
  }
}

/** Device states (DeviceStateChange `State`, QueueMemberStatus numeric `Status`) in the same vocabulary. */
export function extensionStateFromDeviceState(state: string): ExtensionState {
  switch (state.toUpperCase()) {
    case 'NOT_INUSE':
    case '1':
      return 'idle';
    case 'INUSE':
    case '2':
      return 'inuse';
    case 'BUSY':
    case '3':
      return 'busy';
    case 'INVALID':
    case 'UNAVAILABLE':
    case '4':
    case '5':
      return 'unavailable';
    case 'RINGING':
    case '6':
      return 'ringing';
    case 'RINGINUSE':
    case '7':
      return 'ringinuse';
    case 'ONHOLD':
    case '8':
      return 'onhold';
    default:
      return 'unknown';
  }
}
