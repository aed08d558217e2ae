import { describe, expect, it } from 'vitest';
import { detachFromChunk, type AmiMessage } from '../../../electron/core/ami/message';

describe('detachFromChunk', () => {
  it('keeps every value, short or long, single, repeated or a variable record', () => {
    const chunk = 'Event: Newchannel\r\nCallerIDName: Caller 0611000101\r\nUniqueid: 1795487808.7\r\n';
    const [, name, id] = chunk.split('\r\n').map((line) => line.split(': ')[1] ?? '');
    const message: AmiMessage = {
      event: 'Newchannel',
      calleridname: name,
      uniqueid: id,
      output: ['a fairly long output line one', 'short'],
      chanvariable: { MONFILE: 'q630-0611000101-1795487808.7', QUEUE_DID: '' },
    };
    expect(detachFromChunk(message)).toEqual({
      event: 'Newchannel',
      calleridname: 'Caller 0611000101',
      uniqueid: '1795487808.7',
      output: ['a fairly long output line one', 'short'],
      chanvariable: { MONFILE: 'q630-0611000101-1795487808.7', QUEUE_DID: '' },
    });
  });
});
