// The web console's operator token (`callboard serve --token …`). A supervisor
// opens `http://host:8080/?token=…` once; the token is kept for the tab's life
// and removed from the address bar so it is not shown on screen or bookmarked.
// WebSockets and <audio> cannot send headers, so it travels as `?token=`.

const storageKey = 'callboard.operatorToken';

export function takeOperatorToken(location: Location, storage: Storage, history: History): string | undefined {
  const fromQuery = new URLSearchParams(location.search).get('token');
  if (fromQuery) {
    storage.setItem(storageKey, fromQuery);
    const params = new URLSearchParams(location.search);
    params.delete('token');
    const search = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
    return fromQuery;
  }
  return storage.getItem(storageKey) ?? undefined;
}

/** `url` with the operator token attached, when there is one. */
export function withOperatorToken(url: string, token: string | undefined): string {
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
