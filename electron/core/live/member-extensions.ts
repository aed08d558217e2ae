import { localIdOf } from '../contract/pbx-ids';
import { defaultDeviceRules, extensionOfDevice } from './device-naming';
import type { LiveModel } from './model';

/**
 * The extension a queue_log agent field stands for: the member name (`log_membername_as_agent=yes`,
 * e.g. "Agent 800") or the interface ("SIP/800", PENALTY lines), as the live model's members
 * know them. Unknown names stay as they are. With `pbx` (a console of several PBXs), only that
 * PBX's members count, by their own extensions.
 */
export function memberExtensions(model: LiveModel, pbx?: string): (agent: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const queue of model.queues.values()) {
    if (queue.pbx !== pbx) continue;
    for (const member of queue.members) {
      const extension = localIdOf(member.extension, pbx);
      if (member.name) byName.set(member.name, extension);
      byName.set(member.interface.toLowerCase(), extension);
    }
  }
  const rules = defaultDeviceRules();
  return (agent) => byName.get(agent) ?? byName.get(agent.toLowerCase()) ?? extensionOfDevice(agent, rules);
}
