// Several PBXs in one console: each PBX numbers its extensions, queues and calls
// on its own, so "800" of two PBXs would be one entry. With more than one PBX
// connection, every id the live model, the history and the actions carry is
// `<pbx>:<the PBX's own id>`, the PBX being its connection id ("pbx", "pbx2",
// or the name given with --ami name=…). With one PBX, ids stay as the PBX says.

import { pbxIdPattern } from '../base/pbx-id';

export { pbxIdPattern };

const separator = ':';

export function qualifiedId(pbx: string, id: string): string {
  return `${pbx}${separator}${id}`;
}

/** The PBX an id belongs to, when it names one of `pbxs`, and the PBX's own id. */
export function splitPbxId(id: string, pbxs: ReadonlySet<string>): { pbx?: string; local: string } {
  const at = id.indexOf(separator);
  if (at <= 0) return { local: id };
  const pbx = id.slice(0, at);
  return pbxs.has(pbx) ? { pbx, local: id.slice(at + 1) } : { local: id };
}

/** What a screen shows for an entity's id: the PBX's own id, its PBX beside it as a label. */
export function localIdOf(id: string, pbx: string | undefined): string {
  return pbx !== undefined && id.startsWith(pbx + separator) ? id.slice(pbx.length + 1) : id;
}

/** The PBX a qualified id names, judged by its shape alone ('' for an id of a single-PBX console): reports group by it. */
export function pbxOfId(id: string): string {
  const at = id.indexOf(separator);
  const pbx = at > 0 ? id.slice(0, at) : '';
  return pbxIdPattern.test(pbx) ? pbx : '';
}
