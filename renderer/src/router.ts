import { shallowRef } from 'vue';

/**
 * A hash router small enough to read in one go: the app has a fixed set of
 * pages and no nested routes, and the hash keeps `file://` (Electron) and the
 * headless server's static files working without rewrites.
 */
export type RouteName = 'wallboard' | 'boards' | 'agents' | 'calls' | 'history' | 'blacklist' | 'audit' | 'settings' | 'tv';

export const routeNames: RouteName[] = ['wallboard', 'boards', 'agents', 'calls', 'history', 'blacklist', 'audit', 'settings', 'tv'];

export interface Route {
  name: RouteName;
  query: URLSearchParams;
}

const defaultRoute: RouteName = 'wallboard';

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = text.split('?', 2);
  const candidate = path.split('/')[0] as RouteName;
  return {
    name: routeNames.includes(candidate) ? candidate : defaultRoute,
    query: new URLSearchParams(search),
  };
}

export const currentRoute = shallowRef<Route>(parseHash(window.location.hash));

window.addEventListener('hashchange', () => {
  currentRoute.value = parseHash(window.location.hash);
});

export function hrefOf(name: RouteName, query?: Record<string, string>): string {
  const search = query ? new URLSearchParams(query).toString() : '';
  return `#/${name}${search ? `?${search}` : ''}`;
}

export function navigate(name: RouteName, query?: Record<string, string>): void {
  window.location.hash = hrefOf(name, query);
}
