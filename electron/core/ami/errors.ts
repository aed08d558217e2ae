/**
 * Why an AMI connection or action failed, as a value the UI can translate:
 * - auth_failed: Login answered `Response: Error` (bad user or secret)
 * - refused: nothing listens there (ECONNREFUSED) or the host is unreachable
 * - timeout: no banner/Login answer, or no answer to an action, within the limit
 * - closed: the socket closed while the action was waiting
 * - not_connected: the action was asked for while no session was logged in
 * - frame_too_large: the peer sent a frame (or an endless line) over the byte
 *   bound without ending it; the connection was dropped (frame-bound.ts)
 * - list_too_large: a list action's answer passed its bound without ending (session.ts)
 */
export type AmiErrorCode = 'auth_failed' | 'refused' | 'timeout' | 'closed' | 'not_connected' | 'socket' | 'frame_too_large' | 'list_too_large';

export class AmiError extends Error {
  constructor(
    readonly code: AmiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AmiError';
  }
}

/** Map a Node socket error to our codes (ECONNREFUSED and unreachable hosts read as 'refused'). */
export function amiErrorFromSocket(error: NodeJS.ErrnoException): AmiError {
  const refused = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];
  if (error.code && refused.includes(error.code)) return new AmiError('refused', `${error.code}: ${error.message}`);
  if (error.code === 'ETIMEDOUT') return new AmiError('timeout', error.message);
  return new AmiError('socket', error.message);
}
