/**
 * Pushed events as the vendor box sends them (coocenter-api.md "Pushed
 * events"), strict JSON: mostly extensionstatus, with the dial/hangup events
 * of the calls behind them. `n` picks the event and the extension, so a run is
 * the same every time.
 */
export function pushBody(n: number): string {
  const exten = String(800 + (n % 2000));
  const uniqueid = `1764000000.${Math.floor(n / 4)}`;
  switch (n % 4) {
    case 0:
      return JSON.stringify({ event: 'extensionstatus', exten, status: String([0, 1, 8, 16][n % 16 >> 2] ?? 0), statustext: 'Idle' });
    case 1:
      return JSON.stringify({
        event: 'dialbegein',
        timestamp: uniqueid,
        channel: 'SIP/carrier-00000007',
        calleridnum: '13800138000',
        destchannel: `SIP/${exten}-0000001a`,
        destcalleridnum: exten,
        destuniqueid: `${uniqueid}1`,
        dialstring: `SIP/${exten}`,
        uniqueid,
        mac: '68:69:2e:05:0f:9a',
      });
    case 2:
      return JSON.stringify({
        event: 'dialend',
        timestamp: uniqueid,
        channel: 'SIP/carrier-00000007',
        calleridnum: '13800138000',
        destchannel: `SIP/${exten}-0000001a`,
        destcalleridnum: exten,
        uniqueid,
        dialstatus: 'ANSWER',
      });
    default:
      return JSON.stringify({ event: 'hangup', calleridnum: '13800138000', calleridname: '', connectedlinenum: exten, connectedlinename: exten, uniqueid });
  }
}
