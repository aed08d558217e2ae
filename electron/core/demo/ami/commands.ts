import type { Pbx } from '../pbx';

/** `Action: Command` output lines for the CLI commands a supervisor tool sends (s01). */
export function commandOutput(pbx: Pbx, command: string): string[] {
  const cmd = command.trim().toLowerCase();
  if (cmd === 'core show version') return ['Asterisk 20.20.1 built by root @ vm on a x86_64 running Linux on 2026-11-24 02:03:32 UTC'];
  if (cmd.startsWith('database show')) {
    const family = cmd.split(/\s+/)[2] ?? '';
    const rows = [...pbx.state.astdb].filter(([k]) => !family || k.startsWith(`/${family}/`));
    return [...rows.map(([k, v]) => `${k.padEnd(48)}: ${v}`), `${rows.length} results found.`];
  }
  if (cmd === 'sip show peers') {
    const lines = ['Name/username             Host                                    Dyn Forcerport Comedia    ACL Port     Status      Description                      '];
    for (const a of pbx.state.agents.values()) {
      lines.push(`${`${a.exten}/${a.exten}`.padEnd(26)}${(a.isRegistered ? a.ip : '(Unspecified)').padEnd(41)}D  No         No             ${String(a.isRegistered ? a.port : 0).padEnd(9)}${a.isRegistered ? 'OK (1 ms)' : 'UNKNOWN'}`);
    }
    return lines;
  }
  if (cmd.startsWith('queue show')) {
    const name = cmd.split(/\s+/)[2] ?? '';
    const lines: string[] = [];
    for (const q of pbx.state.queues.values()) {
      if (name && q.name !== name) continue;
      lines.push(`${q.name} has ${q.waiting.length} calls (max unlimited) in '${q.strategy}' strategy (${Math.round(q.holdTimeAvg)}s holdtime, ${Math.round(q.talkTimeAvg)}s talktime), W:0, C:${q.completed}, A:${q.abandoned}, SL:0.0%, SL2:0.0% within 60s`);
      lines.push('   Members: ');
      for (const m of q.members) lines.push(`      ${m.agent.name} (${m.agent.device})${m.penalty ? ` with penalty ${m.penalty}` : ''} (ringinuse disabled)${m.isPaused ? ` (paused:${m.pausedReason})` : ''}`);
      lines.push(q.waiting.length ? '   Callers: ' : '   No Callers');
    }
    return lines.length ? lines : [`No such queue: ${name}.`];
  }
  return [`No such command '${command}' (type 'core show help ${command}' for other possible commands)`];
}
