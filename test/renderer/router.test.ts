import { beforeAll, describe, expect, test } from 'vitest';

// router.ts reads window.location.hash and listens for hashchange when loaded:
// give it the two browser pieces it touches (node environment, no DOM).
const listeners: Record<string, () => void> = {};
const fakeWindow = {
  location: { hash: '#/calls' },
  addEventListener: (type: string, listener: () => void) => (listeners[type] = listener),
};
let router: typeof import('../../renderer/src/router');

beforeAll(async () => {
  (globalThis as { window?: unknown }).window = fakeWindow;
  router = await import('../../renderer/src/router');
});

describe('parseHash', () => {
  test('a known page, with or without the slash', () => {
    expect(router.parseHash('#/agents').name).toBe('agents');
    expect(router.parseHash('#audit').name).toBe('audit');
  });
  test('the query after ?, and extra path segments ignored', () => {
    const route = router.parseHash('#/tv/extra?queue=630&rotate=20');
    expect(route.name).toBe('tv');
    expect(route.query.get('queue')).toBe('630');
    expect(route.query.get('rotate')).toBe('20');
  });
  test('empty or unknown falls back to the wallboard', () => {
    expect(router.parseHash('').name).toBe('wallboard');
    expect(router.parseHash('#/').name).toBe('wallboard');
    expect(router.parseHash('#/nope?x=1').name).toBe('wallboard');
    expect(router.parseHash('#/nope?x=1').query.get('x')).toBe('1');
  });
  test('every route name round-trips through hrefOf', () => {
    for (const name of router.routeNames) {
      expect(router.parseHash(router.hrefOf(name, { q: 'a b' }))).toMatchObject({ name });
      expect(router.parseHash(router.hrefOf(name, { q: 'a b' })).query.get('q')).toBe('a b');
    }
    expect(router.hrefOf('history')).toBe('#/history');
  });
});

describe('currentRoute', () => {
  test('starts from the page hash and follows hashchange after navigate', () => {
    expect(router.currentRoute.value.name).toBe('calls');
    router.navigate('blacklist', { q: '0612' });
    expect(fakeWindow.location.hash).toBe('#/blacklist?q=0612');
    listeners.hashchange?.();
    expect(router.currentRoute.value.name).toBe('blacklist');
    expect(router.currentRoute.value.query.get('q')).toBe('0612');
  });
});
