/**
 * An AMI message as Asterisk writes it: ordered `Key: Value` headers (keys may
 * repeat, e.g. ChanVariable), CRLF line ends, a blank line after the frame.
 */
export type AmiHeaders = Array<[string, string]>;

export function serializeAmi(headers: AmiHeaders): string {
  let out = '';
  for (const [key, value] of headers) out += `${key}: ${value}\r\n`;
  return out + '\r\n';
}

/** The event name of a built event (its first header). */
export function eventName(headers: AmiHeaders): string {
  const first = headers[0];
  return first && first[0] === 'Event' ? first[1] : '';
}

export function response(actionId: string | undefined, kind: 'Success' | 'Error' | 'Goodbye', message?: string, extra: AmiHeaders = []): AmiHeaders {
  const headers: AmiHeaders = [['Response', kind]];
  if (actionId !== undefined) headers.push(['ActionID', actionId]);
  if (message !== undefined) headers.push(['Message', message]);
  return headers.concat(extra);
}
