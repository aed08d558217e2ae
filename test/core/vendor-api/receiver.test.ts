import { afterEach, describe, expect, it } from 'vitest';
import { webkeyToken } from '../../../electron/core/vendor-api/webkey';
import { encode, post, startReceiver, type Encoding, type RunningReceiver } from './receiver-harness';
import { vendorPushSamples } from './vendor-samples';

const shanghai = (y: number, mo: number, d: number, h: number, mi: number, s: number) => Date.UTC(y, mo - 1, d, h - 8, mi, s);

let running: RunningReceiver | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('push receiver: the vendor document samples, verbatim', () => {
  it('stores all seven samples and applies them to the model', async () => {
    running = await startReceiver();
    const r = running;
    const types: string[] = [];
    for (const [name, body] of Object.entries(vendorPushSamples)) {
      const answer = await post(r.url, body, { 'content-type': 'application/json' });
      expect(answer, name).toMatchObject({ status: 200, json: { status: 'success' } });
      types.push(r.rawRow(answer.json.id as number)!.event_type);
    }
    expect(types).toEqual(['dialbegin', 'dialend', 'hangup', 'extensionstatus', 'ivr', 'cdr', 'cc_cdr']);
    // extensionstatus 808 status 0 -> idle
    expect(r.model.extensions.get('808')).toMatchObject({ id: '808', state: 'idle', statusCode: 0 });
    // dialbegein created the call keyed by uniqueid; dialend "hangup" did not answer it
    expect(r.model.calls.get('1534993030.626')).toMatchObject({
      direction: 'inbound',
      state: 'ringing',
      callerNum: '18782985586',
      calledNum: '886',
      startedAt: 1534993059785,
      channels: ['DAHDI/i1/18782985586-51', 'SIP/886-00000065'],
      ringingAgents: [],
    });
    expect(r.ivrSteps).toEqual([
      expect.objectContaining({
        callId: '1541643689.15',
        ivrId: '610',
        nextQueue: '630',
        dtmf: '0',
        startedAt: shanghai(2018, 11, 8, 10, 21, 29),
        endedAt: shanghai(2018, 11, 8, 10, 21, 32),
        durationSeconds: 3,
      }),
    ]);
    expect(r.records).toEqual([
      expect.objectContaining({ source: 'cdr', uniqueid: '1325747409.260', direction: 'internal', isAnswered: true, talkSeconds: 1, startedAt: shanghai(2012, 1, 5, 15, 10, 9) }),
      expect.objectContaining({ source: 'cc_cdr', uniqueid: '1541415929.807', direction: 'inbound', queue: '630', missCause: 'MEMBER_CANCEL', isAnswered: false, ringSeconds: 7, queueSeconds: 7 }),
    ]);
    // the cdr callerid with its inner quotes survived into the stored body
    const cdrBody = JSON.parse((r.reader.prepare("SELECT body FROM raw_events WHERE event_type = 'cdr'").get() as { body: string }).body);
    expect(cdrBody.callerid).toBe('"808"<808>');
  });
});

function callFlow(tag: string, stripped: boolean) {
  const t = (s: string) => (stripped ? s.replace(' ', '') : s);
  const id = `1700000000.${tag}`;
  return [
    { event: 'extensionstatus', exten: '801', status: 8, statustext: 'Ringing' },
    { event: 'dialbegin', timestamp: '1700000001.5', channel: `SIP/trunk-${tag}`, calleridnum: '13800138000', destchannel: `SIP/801-${tag}`, destcalleridnum: '801', destuniqueid: `${id}1`, dialstring: 'SIP/801', uniqueid: id, mac: 'aa' },
    { event: 'dialend', timestamp: '1700000003', channel: `SIP/trunk-${tag}`, calleridnum: '13800138000', destchannel: `SIP/801-${tag}`, destcalleridnum: '801', uniqueid: id, dialstatus: 'ANSWER' },
    { event: 'ivr', uuid: id, caller: '13800138000', called: '', callType: 'IN', queueCode: '630', startTime: t('2023-11-15 06:13:20'), endTime: t('2023-11-15 06:13:21'), duration: 1, ivrId: '610', ivrName: 'day', ivrDtmf: '1', trunkNumber: '6000', mac: 'aa' },
    { event: 'hangup', calleridnum: '13800138000', calleridname: '', connectedlinenum: '801', connectedlinename: '801', uniqueid: `${id}1` },
    { event: 'cdr', callerid: '"Bob" <13800138000>', source: '13800138000', destination: '801', starttime: t('2023-11-15 06:13:20'), answertime: t('2023-11-15 06:13:23'), endtime: t('2023-11-15 06:13:40'), disposition: 'ANSWERED', duration: 20, billableseconds: '17', calltype: 'inbound', recordfile: `${tag}.wav`, uniqueid: id },
    { event: 'cc_cdr', uuid: id, caller: '13800138000', called: '6000', queueCode: '630', agentCode: '801', callType: 'incoming', cdrState: 'bridged', hangupSide: 'agent', hangupCause: '16', startTime: t('2023-11-15 06:13:20'), endTime: t('2023-11-15 06:13:40'), duration: '20', queueTime: 2, feedbackTime: 0, ivrTime: '', ringTime: '3', holdTime: 0, pauseTime: 0, talkingTime: '17', voicemailState: '0', ivrId: '610', ivrName: 'day', ivrDtmf: '1', fwType: '', score: '5', trunkNumber: '6000', forwardNumber: '', filePath: `${tag}.wav`, missCause: '', mac: 'aa' },
  ] as Record<string, string | number>[];
}

describe('push receiver: every event type in every body encoding', () => {
  it.each<[Encoding, boolean]>([
    ['json', false],
    ['form', false],
    ['json5', true],
  ])('%s bodies (stripped times: %s) end in SQLite and in the model', async (encoding, stripped) => {
    running = await startReceiver();
    const r = running;
    const events = callFlow(encoding, stripped);
    const id = `1700000000.${encoding}`;
    const seen: Record<string, unknown>[] = [];
    r.model.subscribe((update) => {
      if (update.kind === 'call' || update.kind === 'callEnded') seen.push({ kind: update.kind, state: update.call.state });
    });
    for (const fields of events) {
      const { body, headers } = encode(fields, encoding);
      const answer = await post(r.url, body, headers);
      expect(answer.status, `${fields.event}: ${JSON.stringify(answer.json)}`).toBe(200);
      // Durable ack: at 200 time the row is readable from a second connection.
      const row = r.rawRow(answer.json.id as number);
      expect(row).toMatchObject({ event_type: fields.event, is_known: 1, source: 'push' });
      expect(JSON.parse(row!.body)).toMatchObject({ event: fields.event });
    }
    expect(r.model.extensions.get('801')).toMatchObject({ state: 'ringing', statusCode: 8 });
    expect(seen).toEqual([
      { kind: 'call', state: 'ringing' },
      { kind: 'call', state: 'talking' },
      { kind: 'callEnded', state: 'ended' },
    ]);
    expect(r.model.calls.size).toBe(0);
    expect(r.ivrSteps).toEqual([expect.objectContaining({ callId: id, startedAt: Date.UTC(2023, 10, 14, 22, 13, 20), nextQueue: '630' })]);
    expect(r.records).toEqual([
      expect.objectContaining({ source: 'cdr', uniqueid: id, direction: 'inbound', talkSeconds: 17, answeredAt: Date.UTC(2023, 10, 14, 22, 13, 23), recordingFile: `${encoding}.wav` }),
      expect.objectContaining({ source: 'cc_cdr', uniqueid: id, direction: 'inbound', agent: '801', isAnswered: true, talkSeconds: 17, score: 5, ivrSeconds: 0, endedAt: Date.UTC(2023, 10, 14, 22, 13, 40) }),
    ]);
    expect(r.count('raw_events')).toBe(events.length);
    expect(r.receiver.stats.accepted).toBe(events.length);
  });

  it('keeps stateSince when an extension state repeats, resets it on a change', async () => {
    running = await startReceiver();
    const r = running;
    await post(r.url, JSON.stringify({ event: 'extensionstatus', exten: '900', status: '1' }));
    const since = r.model.extensions.get('900')!.stateSince;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(r.url, JSON.stringify({ event: 'extensionstatus', exten: '900', status: 1 }));
    expect(r.model.extensions.get('900')!.stateSince).toBe(since);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(r.url, JSON.stringify({ event: 'extensionstatus', exten: '900', status: 17 }));
    expect(r.model.extensions.get('900')).toMatchObject({ state: 'inuse_onhold' });
    expect(r.model.extensions.get('900')!.stateSince).toBeGreaterThan(since);
  });
});

describe('push receiver: event type conventions', () => {
  it('accepts dialbegein and dialbegin, the type in the path or the query, and keeps unknown types raw', async () => {
    running = await startReceiver();
    const r = running;
    const type = async (answer: { json: Record<string, unknown> }) => r.rawRow(answer.json.id as number)?.event_type;
    expect(await type(await post(r.url, "{event:'dialbegein',uniqueid:'1.1'}"))).toBe('dialbegin');
    expect(await type(await post(r.url, '{"event":"DialBegin","uniqueid":"1.2"}'))).toBe('dialbegin');
    expect(await type(await post(`${r.url}/push/dialend`, '{"uniqueid":"1.2","dialstatus":"BUSY"}'))).toBe('dialend');
    expect(await type(await post(`${r.url}/?event=hangup`, 'uniqueid=1.2', { 'content-type': 'application/x-www-form-urlencoded' }))).toBe('hangup');
    const unknown = await post(r.url, '{"event":"queuecallerabandon","queue":"630"}');
    expect(unknown.status).toBe(200);
    expect(r.rawRow(unknown.json.id as number)).toMatchObject({ event_type: 'queuecallerabandon', is_known: 0 });
    expect(r.receiver.stats.unknown).toBe(1);
    expect(r.receiver.stats.byType).toMatchObject({ dialbegin: 2, dialend: 1, hangup: 1, queuecallerabandon: 1 });
  });
});

describe('push receiver: refusals', () => {
  it('answers malformed pushes with 4xx JSON reasons and keeps them in rejected_events', async () => {
    running = await startReceiver();
    const r = running;
    const cases: [string, Record<string, string>, RegExp][] = [
      ['{"event":"hangup",', { 'content-type': 'application/json' }, /not a JSON\/JSON5 object/],
      ['', {}, /empty body/],
      ['[1,2]', { 'content-type': 'application/json' }, /neither a JSON object nor a form/],
      ['{"uniqueid":"1"}', {}, /missing event type/],
      ['{"event":"extensionstatus","exten":"801","status":"abc"}', {}, /invalid extensionstatus: status: not an extension status code/],
      ['{"event":"hangup"}', {}, /invalid hangup: uniqueid/],
      ['{"event":"cc_cdr","uuid":"1","startTime":"yesterday"}', {}, /startTime: not a time/],
    ];
    for (const [body, headers, reason] of cases) {
      const answer = await post(r.url, body, headers);
      expect(answer.status, body).toBe(400);
      expect(answer.json.status).toBe('error');
      expect(answer.json.message as string, body).toMatch(reason);
    }
    const rejected = r.rejectedRows();
    expect(rejected.map((row) => row.body)).toEqual(cases.map(([body]) => body));
    expect(rejected[0]!.content_type).toBe('application/json');
    expect(r.count('raw_events')).toBe(0);
    expect(r.receiver.stats.rejected).toBe(cases.length);
  });

  it('refuses a missing or wrong WEBKEY with 401 and accepts yesterday, today and tomorrow', async () => {
    const now = Date.UTC(2024, 0, 1, 16, 30); // 00:30 on 2 Jan in Shanghai
    running = await startReceiver({ webkey: 'asjdfjklkasdf', clock: () => now });
    const r = running;
    const body = '{"event":"extensionstatus","exten":"801","status":"0"}';
    const day = 86_400_000;
    expect((await post(r.url, body)).status).toBe(401);
    expect((await post(r.url, body, { authorization: webkeyToken('wrong', now) })).status).toBe(401);
    expect((await post(r.url, body, { authorization: webkeyToken('asjdfjklkasdf', now - 2 * day) })).status).toBe(401);
    // Token of the UTC date (1 Jan) is yesterday in Shanghai: accepted for clock skew.
    expect((await post(r.url, body, { authorization: webkeyToken('asjdfjklkasdf', now, 'UTC') })).status).toBe(200);
    for (const at of [now - day, now, now + day]) {
      expect((await post(r.url, body, { authorization: webkeyToken('asjdfjklkasdf', at) })).status).toBe(200);
    }
    expect(r.receiver.stats.unauthorized).toBe(3);
    expect(r.count('raw_events')).toBe(4);
    expect(r.rejectedRows().map((row) => row.reason)).toEqual([
      'missing Authorization (WEBKEY is set)',
      'Authorization does not match WEBKEY',
      'Authorization does not match WEBKEY',
    ]);
  });

  it('refuses addresses outside the allow-list with 403', async () => {
    running = await startReceiver({ allowIps: ['10.9.9.9'] });
    const denied = await post(running.url, '{"event":"hangup","uniqueid":"1"}');
    expect(denied).toMatchObject({ status: 403, json: { status: 'error' } });
    expect(running.count('raw_events')).toBe(0);
    await running.stop();
    running = await startReceiver({ allowIps: ['::ffff:127.0.0.1'] });
    expect((await post(running.url, '{"event":"hangup","uniqueid":"1"}')).status).toBe(200);
  });

  it('refuses bodies over the size limit with 413 and keeps a note of them', async () => {
    running = await startReceiver({ maxBodyBytes: 256 });
    const big = JSON.stringify({ event: 'cdr', uniqueid: '1', recordfile: 'x'.repeat(1000) });
    const answer = await post(running.url, big);
    expect(answer).toMatchObject({ status: 413, json: { status: 'error' } });
    expect(running.rejectedRows()).toEqual([expect.objectContaining({ reason: expect.stringMatching(/exceeds 256/) })]);
    // the receiver still works afterwards
    expect((await post(running.url, '{"event":"hangup","uniqueid":"1"}')).status).toBe(200);
    expect(running.receiver.stats.tooLarge).toBe(1);
  });
});
