import { describe, expect, test } from 'vitest';
import type { ExtensionState } from '../../../electron/core/contract';
import { dialSources } from '../../../renderer/src/domain/dial-sources';

const phone = (id: string, state: ExtensionState) => ({ id, state });

describe('dial sources', () => {
  test('idle phones first, each group in numeric extension order', () => {
    const ordered = dialSources([phone('10', 'inuse'), phone('9', 'unavailable'), phone('12', 'idle'), phone('8', 'idle'), phone('100', 'ringing')]);
    expect(ordered.map((p) => p.id)).toEqual(['8', '12', '9', '10', '100']);
  });

  test('the list handed in is left as it was', () => {
    const list = [phone('2', 'busy'), phone('1', 'idle')];
    dialSources(list);
    expect(list.map((p) => p.id)).toEqual(['2', '1']);
  });
});
