import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { detachFromChunk, type AmiMessage } from '../../../electron/core/ami/message';

const probe = fileURLToPath(new URL('./detach-probe.ts', import.meta.url));

/** Heap bytes still held, after a full collection, by messages cut from a ≈ 4 MB chunk. */
async function retainedBy(mode: 'detach' | 'keep'): Promise<{ retained: number; messages: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', probe, mode], { cwd: process.cwd() });
  return JSON.parse(stdout) as { retained: number; messages: number };
}

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

  it('lets the chunk go: kept messages hold their own strings, not the socket chunk they were cut from', async () => {
    const [detached, kept] = await Promise.all([retainedBy('detach'), retainedBy('keep')]);
    expect(detached.messages).toBe(kept.messages);
    // Without detaching, slices keep the whole chunk alive; the probe would not tell otherwise.
    expect(kept.retained).toBeGreaterThan(3_000_000);
    // Detached, only the few hundred small messages remain.
    expect(detached.retained).toBeLessThan(500_000);
  });
});
