import type { AmiClient } from './client';
import { header, type AmiMessage } from './message';

/** The AstDB family the dialplan checks callers against (`DB_EXISTS(blacklist/${CALLERID(num)})`). */
export const defaultBlacklistFamily = 'blacklist';

export interface PbxSnapshot {
  /** List items in the order the reducers should apply them. */
  items: AmiMessage[];
  /** number → reason, from DBGetTree (or `database show` on Asterisk without DBGetTree). */
  blacklist: Map<string, string>;
  /** 'sip' when SIPpeers answered, 'pjsip' when chan_sip is absent. */
  peerSource: 'sip' | 'pjsip';
}

/**
 * The full-resync snapshot, taken after every (re)connect: CoreShowChannels,
 * ExtensionStateList, SIPpeers (or PJSIPShowEndpoints), QueueStatus and the
 * blacklist family. Channels come first so queue entries find their calls.
 */
export async function takeSnapshot(client: AmiClient, blacklistFamily = defaultBlacklistFamily): Promise<PbxSnapshot> {
  const channels = await client.listAction({ Action: 'CoreShowChannels' });
  const extensions = await client.listAction({ Action: 'ExtensionStateList' });
  let peerSource: PbxSnapshot['peerSource'] = 'sip';
  let peers = await client.listAction({ Action: 'SIPpeers' });
  if (isError(peers.response)) {
    peerSource = 'pjsip';
    peers = await client.listAction({ Action: 'PJSIPShowEndpoints' });
  }
  const queues = await client.listAction({ Action: 'QueueStatus' });
  const blacklist = await readBlacklist(client, blacklistFamily);
  return {
    items: [...channels.items, ...extensions.items, ...peers.items, ...queues.items],
    blacklist,
    peerSource,
  };
}

/** AstDB family as number → value. DBGetTree items carry `Key: /blacklist/0612000666`. */
export async function readBlacklist(client: AmiClient, family = defaultBlacklistFamily): Promise<Map<string, string>> {
  const tree = await client.listAction({ Action: 'DBGetTree', Family: family });
  if (!isError(tree.response) || !/invalid\/unknown command/i.test(header(tree.response, 'message'))) {
    // An empty family answers `Response: Error` "Database entry not found": an empty list.
    return blacklistFromTree(tree.items, family);
  }
  return blacklistFromDatabaseShow(await client.command(`database show ${family}`), family);
}

export function blacklistFromTree(items: AmiMessage[], family: string): Map<string, string> {
  const entries = new Map<string, string>();
  const prefix = `/${family}/`;
  for (const item of items) {
    if (item.event !== 'DBGetTreeResponse') continue;
    const key = header(item, 'key');
    entries.set(key.startsWith(prefix) ? key.slice(prefix.length) : key, header(item, 'val'));
  }
  return entries;
}

/** `database show blacklist` lines: "/blacklist/0612000666                             : spam caller". */
export function blacklistFromDatabaseShow(lines: string[], family: string): Map<string, string> {
  const entries = new Map<string, string>();
  const prefix = `/${family}/`;
  for (const line of lines) {
    const match = /^(\S+)\s*: ?(.*)$/.exec(line);
    if (!match?.[1]?.startsWith(prefix)) continue;
    entries.set(match[1].slice(prefix.length), (match[2] ?? '').trimEnd());
  }
  return entries;
}

function isError(response: AmiMessage): boolean {
  return header(response, 'response').toLowerCase() === 'error';
}
