import type { ExtensionState } from '@contract';

/** The phones a call-back may ring first: idle ones at the top, each group in extension order (9 before 10). */
export function dialSources<T extends { id: string; state: ExtensionState }>(extensions: readonly T[]): T[] {
  return [...extensions].sort((a, b) => Number(b.state === 'idle') - Number(a.state === 'idle') || a.id.localeCompare(b.id, undefined, { numeric: true }));
}
