import { defaultDeviceRules, extensionOfDevice } from './device-naming';
import type { LiveModel } from './model';

/**
 * The extension a queue_log agent field stands for: the member name (`log_membername_as_agent=yes`,
 * e.g. "Agent 800") or the interface ("SIP/800", PENALTY lines), as the live model's members
 * know them. Unknown names stay as they are.
 */
export function memberExtensions(model: LiveModel): (agent: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const queue of model.queues.values()) {
    for (const member of queue.members) {
      if (member.name) byName.set(member.name, member.extension);
      byName.set(member.interface.toLowerCase(), member.extension);
    }
  }
  const rules = defaultDeviceRules();
  return (agent) => byName.get(agent) ?? byName.get(agent.toLowerCase()) ?? extensionOfDevice(agent, rules);
}
