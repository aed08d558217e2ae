// Child process: the demo PBX (electron/core/demo) for the Chromium benches.
//   argv: agents, background load (AMI events/s, 0 = the natural call rate), speed, AMI port, push URL
//   {type:'probe', n, exten} → extension `exten` set to ONHOLD (odd n) or UNAVAILABLE (even n)
//                      now; answers {type:'probed', n, at}. Both states are rare in the
//                      simulation, so the page's change to that state is this probe's.
//   {type:'churn', perSecond, except?} → that many extension state changes per second on random
//                      agents, never on extension `except` (a probe's)
//   {type:'stats'}     → {type:'stats', amiEvents, rss}
import { startDemoPbx } from '../../electron/core/demo';
import type { DeviceState } from '../../electron/core/demo';
import { childMain, reply, type ChildMessage } from '../lib/child';
import { probeState } from './probe';

const CHURN_STATES: DeviceState[] = ['NOT_INUSE', 'INUSE', 'RINGING', 'ONHOLD', 'NOT_INUSE', 'BUSY'];

childMain(async () => {
  const [agentsText, loadText, speedText, amiPortText, pushUrl] = process.argv.slice(2);
  const agents = Number(agentsText ?? 200);
  const load = Number(loadText ?? 0);
  const pbx = await startDemoPbx({
    agents,
    ami: { host: '127.0.0.1', port: Number(amiPortText ?? 0), username: 'bench', secret: 'benchsecret' },
    api: false,
    push: pushUrl ? { url: pushUrl } : false,
    webkey: '',
    autoStart: true,
    speed: Number(speedText ?? 1),
    seed: 7,
    ...(load > 0 ? { loadEventsPerSecond: load } : {}),
  });
  let churn: NodeJS.Timeout | undefined;
  let churnCount = 0;
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'probe') {
      const n = Number(message.n);
      pbx.setExtensionState(String(message.exten), probeState(n));
      reply({ type: 'probed', n, at: Date.now() });
    } else if (message.type === 'churn') {
      if (churn) clearInterval(churn);
      const perTick = Number(message.perSecond) / 20;
      let owed = 0;
      churn = setInterval(() => {
        for (owed += perTick; owed >= 1; owed--) {
          churnCount++;
          let exten = String(800 + ((churnCount * 7919) % agents));
          if (exten === message.except) exten = String(800 + ((churnCount * 7919 + 1) % agents));
          pbx.setExtensionState(exten, CHURN_STATES[churnCount % CHURN_STATES.length] ?? 'NOT_INUSE');
        }
      }, 50);
    } else if (message.type === 'stats') {
      reply({ type: 'stats', amiEvents: pbx.stats().amiEvents, churned: churnCount, rss: process.memoryUsage().rss });
    }
  });
  reply({ type: 'ready', amiPort: pbx.amiPort, username: 'bench', secret: 'benchsecret' });
  return async () => {
    if (churn) clearInterval(churn);
    await pbx.close();
  };
});
