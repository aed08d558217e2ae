/**
 * URLs may carry credentials (`http://user:pass@box:8000`, a pop_url with a login):
 * wherever one is shown (the live model, Settings, the audit log, error texts) or
 * logged, its userinfo is replaced by `***`. Settings that send such a URL back get
 * the stored credentials restored only when it still points at the same origin.
 */
export const redactedUserinfo = '***';

/** Known schemes only (a fixed alternation keeps the scan linear on any text). */
const URL_CREDENTIALS = /\b(https?|wss?|ftp|ami|postgres(?:ql)?):\/\/[^\s/@]*@/gi;

/** Every `scheme://user:pass@` in `text` becomes `scheme://***@`. */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1://${redactedUserinfo}@`);
}

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function hasRedactedUserinfo(url: URL): boolean {
  return url.username === encodeURIComponent(redactedUserinfo) || url.username === redactedUserinfo;
}

export class CredentialsChangedTargetError extends Error {}

/** Scheme, host and port: a postgres:// URL's `origin` is "null" for every server, so it cannot say which. */
function placeOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * A URL coming back from a Settings form: if its credentials are the `***` we showed,
 * put the stored ones back — but only for the same scheme, host and port; credentials
 * never follow a URL to another host (type them again).
 */
export function restoreUrlCredentials(submitted: string, stored: string | undefined): string {
  const next = parsed(submitted);
  if (!next || !hasRedactedUserinfo(next)) return submitted;
  const previous = stored ? parsed(stored) : undefined;
  if (!previous || placeOf(previous) !== placeOf(next) || (previous.username === '' && previous.password === '')) {
    throw new CredentialsChangedTargetError(`${redactUrlCredentials(submitted)}: type the user name and password again (the stored ones belong to another address)`);
  }
  next.username = previous.username;
  next.password = previous.password;
  // URL adds a trailing slash to a bare origin; keep the text as it was typed otherwise.
  return submitted.endsWith('/') || next.pathname !== '/' ? next.toString() : next.toString().replace(/\/$/, '');
}
