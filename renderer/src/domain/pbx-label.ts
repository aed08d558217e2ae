import { localIdOf, splitPbxId } from '@contract';

/**
 * Several PBXs in one console: ids are `<pbx>:<the PBX's own id>` (contract/pbx-ids.ts).
 * A screen shows the PBX's own id with the PBX as a small tag beside it; with one PBX
 * ids are bare and nothing changes.
 */
export interface PbxDisplay {
  /** The id as the PBX itself says it ("800"). */
  local: string;
  /** The PBX it belongs to, when the console has several ("sh"). */
  pbx?: string;
}

/**
 * What to show for `id`: `pbx` is the entity's own PBX (Extension, Call and Queue carry it),
 * or the set of PBXs the console knows, for a bare string such as a history row's agent.
 */
export function displayPbxId(id: string, pbx?: string | ReadonlySet<string>): PbxDisplay {
  if (pbx === undefined) return { local: id };
  if (typeof pbx === 'string') return id.startsWith(`${pbx}:`) ? { local: localIdOf(id, pbx), pbx } : { local: id };
  const split = splitPbxId(id, pbx);
  return split.pbx === undefined ? { local: id } : { local: split.local, pbx: split.pbx };
}

/** The same as one line of text, for places that hold no markup (a select's options, a confirmation): "800 · sh". */
export function pbxIdText(id: string, pbx?: string | ReadonlySet<string>): string {
  const shown = displayPbxId(id, pbx);
  return shown.pbx === undefined ? shown.local : `${shown.local} · ${shown.pbx}`;
}

/** The PBXs present in the live model, sorted: empty with one PBX (its entities carry none). */
export function pbxsPresent(...lists: Iterable<{ pbx?: string }>[]): string[] {
  const found = new Set<string>();
  for (const list of lists) for (const item of list) if (item.pbx !== undefined) found.add(item.pbx);
  return [...found].sort((a, b) => a.localeCompare(b));
}

/** The PBX filter in force: the wanted one when the console has it, else '' (every PBX). */
export function effectivePbx(wanted: string | undefined, present: readonly string[]): string {
  return wanted && present.includes(wanted) ? wanted : '';
}

/** Whether an entity passes the PBX filter ('' lets everything through). */
export function inPbx(item: { pbx?: string }, pbx: string): boolean {
  return pbx === '' || item.pbx === pbx;
}
