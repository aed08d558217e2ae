import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoPbx } from '../../../electron/core/demo';
import type { DemoPbx } from '../../../electron/core/demo';
import { TestAmiClient } from './ami-client';

let pbx: DemoPbx;
let client: TestAmiClient;
beforeEach(async () => {
  pbx = await startDemoPbx({ agents: 10, seed: 1, startTime: Date.UTC(2026, 10, 24, 2, 0, 0), ami: { secret: 'amp111' } });
  client = await TestAmiClient.open(pbx.amiPort);
});
afterEach(async () => {
  client.close();
  await pbx.close();
});

async function login(): Promise<void> {
  const [reply] = await client.action({ Action: 'Login', Username: 'admin', Secret: 'amp111' });
  expect(reply?.response).toBe('Success');
}

describe('demo AMI actions answer like Asterisk 20 (s01, s04, s08)', () => {
  it('refuses a bad secret, says goodbye on Logoff', async () => {
    const [bad] = await client.action({ Action: 'Login', Username: 'admin', Secret: 'nope', ActionID: 'x1' });
    expect(bad).toMatchObject({ response: 'Error', actionid: 'x1', message: 'Authentication failed' });
    await login();
    const [bye] = await client.action({ Action: 'Logoff', ActionID: 'x2' });
    expect(bye).toMatchObject({ response: 'Goodbye', message: 'Thanks for all the fish.' });
  });

  it('answers list actions with start, items and Complete + ListItems', async () => {
    await login();
    pbx.placeInboundCall({ queue: '630', answerBy: '800', talkMs: 60_000 });
    pbx.step(5000);
    const cases: Array<[string, string, string]> = [
      ['CoreShowChannels', 'Channels will follow', 'CoreShowChannelsComplete'],
      ['ExtensionStateList', 'Extension Statuses will follow', 'ExtensionStateListComplete'],
      ['SIPpeers', 'Peer status list will follow', 'PeerlistComplete'],
      ['QueueStatus', 'Queue status will follow', 'QueueStatusComplete'],
      ['QueueSummary', 'Queue summary will follow', 'QueueSummaryComplete'],
      ['Status', 'Channel status will follow', 'StatusComplete'],
    ];
    for (const [action, message, complete] of cases) {
      const reply = await client.action({ Action: action });
      expect(reply[0]).toMatchObject({ response: 'Success', eventlist: 'start', message });
      const last = reply[reply.length - 1];
      expect(last).toMatchObject({ event: complete, eventlist: 'Complete', listitems: String(reply.length - 2) });
    }
    const channels = await client.action({ Action: 'CoreShowChannels' });
    expect(channels.length - 2).toBe(2);
    const command = await client.action({ Action: 'Command', Command: 'core show version' });
    expect(command[0]).toMatchObject({ response: 'Success', message: 'Command output follows' });
    expect(command[0]?.output).toMatch(/^Asterisk 20/);
  });

  it('pauses with a reason, adds and removes members, with the recorded errors', async () => {
    await login();
    const [paused] = await client.action({ Action: 'QueuePause', Interface: 'SIP/800', Paused: 'true', Reason: 'Lunch' });
    expect(paused?.message).toBe('Interface paused successfully');
    const pauseEvent = await client.waitFor((m) => m.event === 'QueueMemberPause');
    expect(pauseEvent).toMatchObject({ pausedreason: 'Lunch', paused: '1', interface: 'SIP/800' });
    await client.waitFor((m) => m.event === 'DeviceStateChange' && m.device === 'Queue:630_pause_SIP/800');
    expect((await client.action({ Action: 'QueuePause', Interface: 'SIP/999', Paused: 'false' }))[0]?.message).toBe('Interface not found');
    expect((await client.action({ Action: 'QueueAdd', Queue: '630', Interface: 'SIP/806', Penalty: '2' }))[0]?.message).toBe('Added interface to queue');
    expect((await client.action({ Action: 'QueueAdd', Queue: '630', Interface: 'SIP/806' }))[0]).toMatchObject({ response: 'Error', message: 'Unable to add interface: Already there' });
    expect((await client.action({ Action: 'QueueRemove', Queue: '630', Interface: 'SIP/806' }))[0]?.message).toBe('Removed interface from queue');
    expect((await client.action({ Action: 'QueueRemove', Queue: '630', Interface: 'SIP/806' }))[0]?.message).toBe('Unable to remove interface: Not there');
  });

  it('AstDB, Hangup and Originate replies', async () => {
    await login();
    expect((await client.action({ Action: 'DBPut', Family: 'blacklist', Key: '123', Val: 'x' }))[0]?.message).toBe('Updated database successfully');
    const got = await client.action({ Action: 'DBGet', Family: 'blacklist', Key: '123' });
    expect(got[1]).toMatchObject({ event: 'DBGetResponse', val: 'x' });
    expect((await client.action({ Action: 'DBGetTree', Family: 'blacklist' })).length).toBe(4);
    expect((await client.action({ Action: 'DBDel', Family: 'blacklist', Key: '123' }))[0]?.message).toBe('Key deleted successfully');
    expect((await client.action({ Action: 'DBDel', Family: 'blacklist', Key: '123' }))[0]?.message).toBe('Database entry could not be deleted');
    expect((await client.action({ Action: 'DBGet', Family: 'blacklist', Key: '123' }))[0]?.message).toBe('Database entry not found');
    expect((await client.action({ Action: 'Hangup', Channel: 'SIP/800-ffffffff' }))[0]?.message).toBe('No such channel');
    const [orig] = await client.action({ Action: 'Originate', Channel: 'SIP/800', Exten: '801', Context: 'internal', ActionID: 'o1' });
    expect(orig?.message).toBe('Originate successfully queued');
    pbx.step(3000);
    expect(await client.waitFor((m) => m.event === 'OriginateResponse')).toMatchObject({ actionid: 'o1', response: 'Success' });
  });
});
