// Channel and device names as Asterisk writes them:
//   chan_sip  SIP/800-00000008        device SIP/800
//   PJSIP     PJSIP/800-0000000a      device PJSIP/800
//   Local     Local/804@internal-00000003;1   device Local/804@internal
// The extension behind a device is its resource when it looks like an extension.

export interface DeviceRules {
  /** Which resources are extensions (default: 2–6 digits). */
  extensionPattern: RegExp;
  /** Trunk rule: default = a SIP/PJSIP/IAX2/DAHDI device that is not an extension (e.g. SIP/carrier). */
  isTrunkDevice(device: string): boolean;
}

export function defaultDeviceRules(extensionPattern = /^\d{2,6}$/): DeviceRules {
  return {
    extensionPattern,
    isTrunkDevice: (device) => {
      const slash = device.indexOf('/');
      if (slash < 0) return false;
      const tech = device.slice(0, slash);
      if (tech === 'Local' || tech === 'Message' || tech === 'ConfBridge' || tech === 'Announcer') return false;
      return !extensionPattern.test(device.slice(slash + 1));
    },
  };
}

/** Device of a channel name: everything before the last '-' (Local channels: also without ';1'/';2'). */
export function deviceOfChannel(channel: string): string {
  let end = channel.length;
  const semicolon = channel.lastIndexOf(';');
  if (semicolon > 0 && channel.startsWith('Local/')) end = semicolon;
  const dash = channel.lastIndexOf('-', end);
  return dash > channel.indexOf('/') ? channel.slice(0, dash) : channel.slice(0, end);
}

/** Extension behind a device or interface ("SIP/800", "PJSIP/800", "Local/800@from-queue/n"), if it is one. */
export function extensionOfDevice(device: string, rules: DeviceRules): string | undefined {
  const slash = device.indexOf('/');
  if (slash < 0) return undefined;
  let resource = device.slice(slash + 1);
  const at = resource.indexOf('@');
  if (at >= 0) resource = resource.slice(0, at);
  return rules.extensionPattern.test(resource) ? resource : undefined;
}

export function isLocalChannel(channel: string): boolean {
  return channel.startsWith('Local/');
}
