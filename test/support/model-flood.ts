// What a hostile or broken AMI peer sends to grow the live model: events that open
// something (a channel, a waiting caller, a queue member, an extension, a queue) and
// never close it, some with header values near the frame bound. Used by the flooding
// peer of test/hardening and by `npm run bench -- flood`.

export interface ModelFloodOptions {
  /** Events that each open something new. */
  events: number;
  /** Every this many events, one more Newchannel whose caller name, number and channel name are each `hugeChars` long (0: none). */
  hugeEvery: number;
  hugeChars: number;
}

/** The last event of a flood: a channel whose call shows up in the model once everything before it was applied. */
export const FLOOD_END_ID = '1999999999.999999';

const kinds = ['channel', 'caller', 'member', 'extension', 'queue'] as const;

function frame(fields: Record<string, string>): string {
  return `${Object.entries(fields).map(([key, value]) => `${key}: ${value}`).join('\r\n')}\r\n\r\n`;
}

function newchannel(uniqueid: string, name: string, callerNum: string, callerName: string): string {
  return frame({
    Event: 'Newchannel', Privilege: 'call,all', Channel: name, ChannelState: '4', ChannelStateDesc: 'Ring',
    CallerIDNum: callerNum, CallerIDName: callerName, Exten: '4008812345', Context: 'from-trunk', Uniqueid: uniqueid, Linkedid: uniqueid,
  });
}

function floodEvent(index: number): string {
  const uniqueid = `1700000000.${index}`;
  switch (kinds[index % kinds.length]) {
    case 'channel':
      return newchannel(uniqueid, `SIP/carrier-${index.toString(16).padStart(8, '0')}`, `138${String(index).padStart(8, '0')}`, `Flood caller ${index}`);
    case 'caller':
      return frame({
        Event: 'QueueCallerJoin', Channel: `SIP/carrier-q${index}`, CallerIDNum: `139${String(index).padStart(8, '0')}`, CallerIDName: `Waiting ${index}`,
        Queue: `63${index % 3}`, Position: String(index), Count: String(index), Uniqueid: uniqueid, Linkedid: uniqueid,
      });
    case 'member':
      return frame({
        Event: 'QueueMemberAdded', Queue: `63${index % 3}`, MemberName: `Agent ${index}`, Interface: `SIP/m${index}`, StateInterface: `SIP/m${index}`,
        Membership: 'dynamic', Penalty: '0', CallsTaken: '0', LastCall: '0', Status: '1', Paused: '0',
      });
    case 'extension':
      return frame({ Event: 'ExtensionStatus', Exten: String(100_000 + index), Context: 'ext-local', Hint: `SIP/${100_000 + index}`, Status: '0', StatusText: 'Idle' });
    default:
      return frame({ Event: 'QueueParams', Queue: `flood-${index}`, Max: '0', Strategy: 'ringall', Calls: '0', Holdtime: '0', TalkTime: '0', Completed: '0', Abandoned: '0' });
  }
}

/** The flood's frames in order, ending with the FLOOD_END_ID channel. */
export function* modelFloodFrames(options: ModelFloodOptions): Generator<string> {
  for (let index = 0; index < options.events; index++) {
    yield floodEvent(index);
    if (options.hugeEvery > 0 && index % options.hugeEvery === 0) {
      const huge = (letter: string) => letter.repeat(options.hugeChars);
      yield newchannel(`1800000000.${index}`, `SIP/${huge('c')}-${index}`, huge('9'), huge('n'));
    }
  }
  yield newchannel(FLOOD_END_ID, 'SIP/carrier-ffffffff', '13800000000', 'Flood end');
}
