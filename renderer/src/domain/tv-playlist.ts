import { boardPlaylist } from '@contract';

/**
 * What the TV shows for `#/tv?queue=…`: the named queues the PBX has (or every
 * queue, after "all queues", when none is named), and the names it does not
 * have, so the screen can say so instead of quietly showing something else.
 */
export function tvPlaylist(wanted: string | null, known: string[]): { playlist: string[]; unknown: string[] } {
  return boardPlaylist(wanted ? wanted.split(',').filter((name) => name.trim() !== '') : [], known);
}
