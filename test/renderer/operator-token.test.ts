import { describe, expect, it } from 'vitest';
import { takeOperatorToken, withOperatorToken } from '../../renderer/src/api/operator-token';

function page(href: string) {
  const url = new URL(href);
  const stored = new Map<string, string>();
  const replaced: string[] = [];
  return {
    location: { search: url.search, pathname: url.pathname, hash: url.hash } as Location,
    storage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) } as Storage,
    history: { state: null, replaceState: (_s: unknown, _t: string, to: string) => void replaced.push(to) } as unknown as History,
    replaced,
  };
}

describe('operator token', () => {
  it('is taken from ?token=, kept for the tab and removed from the address bar', () => {
    const first = page('http://pbx-console:8080/?token=s3cret&x=1#/agents');
    expect(takeOperatorToken(first.location, first.storage, first.history)).toBe('s3cret');
    expect(first.replaced).toEqual(['/?x=1#/agents']);
    const reload = { ...page('http://pbx-console:8080/#/agents'), storage: first.storage };
    expect(takeOperatorToken(reload.location, reload.storage, reload.history)).toBe('s3cret');
  });

  it('is absent without one, and then URLs stay as they are', () => {
    const plain = page('http://tv:8080/#/tv');
    expect(takeOperatorToken(plain.location, plain.storage, plain.history)).toBeUndefined();
    expect(withOperatorToken('/api/recordings/a.wav', undefined)).toBe('/api/recordings/a.wav');
    expect(withOperatorToken('/api/recordings/a.wav', 'a b')).toBe('/api/recordings/a.wav?token=a%20b');
    expect(withOperatorToken('ws://h/api/ws?x=1', 't')).toBe('ws://h/api/ws?x=1&token=t');
  });
});
