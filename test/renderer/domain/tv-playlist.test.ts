import { describe, expect, it } from 'vitest';
import { tvPlaylist } from '../../../renderer/src/domain/tv-playlist';
import { allQueues } from '../../../renderer/src/stores';

describe('tvPlaylist', () => {
  const known = ['630', '631', '632'];
  it('rotates through all queues and each queue when none is named', () => {
    expect(tvPlaylist(null, known)).toEqual({ playlist: [allQueues, '630', '631', '632'], unknown: [] });
  });
  it('keeps the named queues the PBX has and names the ones it has not', () => {
    expect(tvPlaylist('631, 999,631', known)).toEqual({ playlist: ['631'], unknown: ['999'] });
    expect(tvPlaylist('999', known)).toEqual({ playlist: [], unknown: ['999'] });
  });
});
