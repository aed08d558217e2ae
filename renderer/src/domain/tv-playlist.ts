import { allQueuesKey as allQueues } from '@contract';

/**
 * What the TV shows for `#/tv?queue=…`: the named queues the PBX has (or every
 * queue, after "all queues", when none is named), and the names it does not
 * have, so the screen can say so instead of quietly showing something else.
 */
export function tvPlaylist(wanted: string | null, known: string[]): { playlist: string[]; unknown: string[] } {
  if (!wanted) return { playlist: [allQueues, ...known], unknown: [] };
  const names = [...new Set(wanted.split(',').map((name) => name.trim()).filter(Boolean))];
  const isKnown = (name: string) => name === allQueues || known.includes(name);
  return { playlist: names.filter(isKnown), unknown: names.filter((name) => !isKnown(name)) };
}
