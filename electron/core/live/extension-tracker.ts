import { header as str, type AmiMessage } from '../ami/message';
import type { Extension, ExtensionState, PeerRegistration } from '../contract';
import { deviceOfChannel, extensionOfDevice, type DeviceRules } from './device-naming';
import { extensionStateFromCode, extensionStateFromDeviceState } from './extension-state';
import type { LiveCaps } from './live-limits';
import type { LiveModel } from './model';

interface ExtensionEntry {
  extension: Extension;
  /** Has a dialplan hint: ExtensionStatus is authoritative and DeviceStateChange is redundant. */
  hasHint: boolean;
}

/**
 * Extensions and their devices: ExtensionStatus (live and ExtensionStateList
 * items), DeviceStateChange for devices without a hint, registration from
 * SIPpeers/PeerStatus (chan_sip) and PJSIPShowEndpoints/ContactStatus (PJSIP).
 * Queue pseudo-devices (`Queue:630`, `Queue:630_pause_SIP/800`) and trunks are not extensions.
 * Past `maxExtensions`, new ones are left out: the snapshot brings the real ones first.
 */
export class ExtensionTracker {
  private readonly byId = new Map<string, ExtensionEntry>();
  /** Device (lower-case, e.g. "sip/800") → extension id. */
  private readonly idByDevice = new Map<string, string>();

  constructor(
    private model: LiveModel,
    private readonly rules: DeviceRules,
    private readonly caps: LiveCaps,
  ) {}

  rebind(model: LiveModel): void {
    this.model = model;
  }

  /** Ids of the extensions this tracker publishes. */
  extensionIds(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** Extension id for a device like "SIP/800" (known hint, or the resource when it looks like one). */
  extensionOfDevice(device: string): string | undefined {
    return this.idByDevice.get(device.toLowerCase()) ?? extensionOfDevice(device, this.rules);
  }

  extensionOfChannel(channel: string): string | undefined {
    return this.extensionOfDevice(deviceOfChannel(channel));
  }

  /** Event: ExtensionStatus — Exten, Hint ("SIP/800" or "SIP/800&Custom:DND800"), Status code. */
  onExtensionStatus(message: AmiMessage, now: number): void {
    const hint = str(message, 'hint');
    const device = hint.split('&')[0] ?? '';
    if (device.startsWith('Queue:')) return;
    const id = str(message, 'exten') || extensionOfDevice(device, this.rules);
    if (!id) return;
    const code = Number(str(message, 'status'));
    const entry = this.ensure(id, device || undefined, now);
    if (!entry) return;
    entry.hasHint = true;
    this.setState(entry, extensionStateFromCode(code), Number.isFinite(code) ? code : -1, now);
  }

  /** Event: DeviceStateChange — Device, State (NOT_INUSE, INUSE, RINGING, UNAVAILABLE…). */
  onDeviceStateChange(message: AmiMessage, now: number): void {
    const device = str(message, 'device');
    if (device.startsWith('Queue:') || device.startsWith('Local/') || device.startsWith('Custom:')) return;
    const id = this.extensionOfDevice(device);
    if (!id) return;
    const existing = this.byId.get(id);
    if (existing?.hasHint) return;
    const entry = existing ?? this.ensure(id, device, now);
    if (!entry) return;
    const state = extensionStateFromDeviceState(str(message, 'state'));
    this.setState(entry, state, codeOfState(state), now);
  }

  /** SIPpeers item: Event PeerEntry — ObjectName, Status "OK (1 ms)" | "UNREACHABLE" | "UNKNOWN" | "Unmonitored". */
  onPeerEntry(message: AmiMessage, now: number): void {
    const tech = str(message, 'channeltype') || 'SIP';
    const id = str(message, 'objectname');
    const device = `${tech}/${id}`;
    if (!this.rules.extensionPattern.test(id)) return;
    const entry = this.ensure(id, this.byId.get(id)?.extension.device ?? device, now);
    if (!entry) return;
    const address = str(message, 'ipaddress');
    const registration = registrationFromPeerStatus(str(message, 'status'));
    if (address && address !== '-none-' && address !== '(null)') registration.address = `${address}:${str(message, 'ipport')}`;
    this.setRegistration(entry, registration);
  }

  /** Event: PeerStatus (chan_sip) — Peer SIP/800, PeerStatus Registered|Unregistered|Reachable|Lagged|Unreachable, Time ms. */
  onPeerStatus(message: AmiMessage, now: number): void {
    const device = str(message, 'peer');
    const id = this.extensionOfDevice(device);
    if (!id) return;
    const entry = this.ensure(id, device, now);
    if (!entry) return;
    const previous = entry.extension.registration;
    const time = Number(str(message, 'time'));
    const latencyMs = Number.isFinite(time) && str(message, 'time') !== '' ? time : previous?.latencyMs;
    const address = str(message, 'address') || previous?.address;
    switch (str(message, 'peerstatus').toLowerCase()) {
      case 'registered':
      case 'reachable':
        return this.setRegistration(entry, { status: 'ok', address, latencyMs });
      case 'lagged':
        return this.setRegistration(entry, { status: 'lagged', address, latencyMs });
      case 'unregistered':
      case 'rejected':
      case 'unreachable':
        return this.setRegistration(entry, { status: 'unreachable' });
      default:
        return this.setRegistration(entry, { status: 'unknown', address });
    }
  }

  /** Event: ContactStatus (PJSIP) — AOR, URI, ContactStatus Reachable|Unreachable|Created|Removed|Updated, RoundtripUsec. */
  onContactStatus(message: AmiMessage, now: number): void {
    const id = str(message, 'aor');
    if (!this.rules.extensionPattern.test(id)) return;
    const entry = this.ensure(id, this.byId.get(id)?.extension.device ?? `PJSIP/${id}`, now);
    if (!entry) return;
    const usec = Number(str(message, 'roundtripusec'));
    const latencyMs = Number.isFinite(usec) && usec > 0 ? Math.round(usec / 1000) : undefined;
    const address = str(message, 'uri') || undefined;
    switch (str(message, 'contactstatus').toLowerCase()) {
      case 'reachable':
        return this.setRegistration(entry, { status: 'ok', address, latencyMs });
      case 'unreachable':
      case 'removed':
        return this.setRegistration(entry, { status: 'unreachable' });
      default:
        return this.setRegistration(entry, { status: entry.extension.registration?.status ?? 'unknown', address });
    }
  }

  /** PJSIPShowEndpoints item: Event EndpointList — ObjectName, DeviceState "Not in use", Contacts "800/sip:…,". */
  onEndpointList(message: AmiMessage, now: number): void {
    const id = str(message, 'objectname');
    if (!this.rules.extensionPattern.test(id)) return;
    const entry = this.ensure(id, this.byId.get(id)?.extension.device ?? `PJSIP/${id}`, now);
    if (!entry) return;
    const contacts = str(message, 'contacts').replace(/,$/, '');
    this.setRegistration(entry, contacts ? { status: 'ok', address: contacts.split('/').slice(1).join('/') } : { status: 'unreachable' });
    if (!entry.hasHint) {
      // PJSIPShowEndpoints writes device states as words: "Not in use", "In use", "On Hold", "Ring+Inuse".
      const words = str(message, 'devicestate').toUpperCase().replace('NOT IN USE', 'NOT_INUSE').replace('IN USE', 'INUSE');
      const state = extensionStateFromDeviceState(words.replace(/[ +]/g, ''));
      this.setState(entry, state, codeOfState(state), now);
    }
  }

  /** The extension's entry, created on first sight; undefined past the extension bound. */
  private ensure(id: string, device: string | undefined, now: number): ExtensionEntry | undefined {
    let entry = this.byId.get(id);
    if (!entry) {
      if (this.byId.size >= this.caps.limits.maxExtensions) {
        this.caps.hit('extensions');
        return undefined;
      }
      entry = { extension: { id, device, state: 'unknown', statusCode: -1, stateSince: now }, hasHint: false };
      this.byId.set(id, entry);
      if (device) this.nameDevice(device, id);
      this.model.putExtension(entry.extension);
    } else if (device && entry.extension.device !== device && !entry.hasHint) {
      entry.extension.device = device;
      this.nameDevice(device, id);
    } else if (device && !this.idByDevice.has(device.toLowerCase())) {
      this.nameDevice(device, id);
    }
    return entry;
  }

  /** Device → extension, within a few devices per extension (a device named anew replaces its old entry). */
  private nameDevice(device: string, id: string): void {
    const key = device.toLowerCase();
    if (!this.idByDevice.has(key) && this.idByDevice.size >= 4 * this.caps.limits.maxExtensions) return this.caps.hit('extensions');
    this.idByDevice.set(key, id);
  }

  private setState(entry: ExtensionEntry, state: ExtensionState, code: number, now: number): void {
    const extension = entry.extension;
    if (extension.state === state && extension.statusCode === code) return;
    if (extension.state !== state) extension.stateSince = now;
    extension.state = state;
    extension.statusCode = code;
    this.model.putExtension(extension);
  }

  private setRegistration(entry: ExtensionEntry, registration: PeerRegistration): void {
    const previous = entry.extension.registration;
    if (
      previous &&
      previous.status === registration.status &&
      previous.address === registration.address &&
      previous.latencyMs === registration.latencyMs
    ) {
      return;
    }
    if (registration.address === undefined) delete registration.address;
    if (registration.latencyMs === undefined) delete registration.latencyMs;
    entry.extension.registration = registration;
    this.model.putExtension(entry.extension);
  }
}

function registrationFromPeerStatus(status: string): PeerRegistration {
  const match = /^(\w+)(?: \((\d+) ms\))?/.exec(status);
  const word = (match?.[1] ?? '').toLowerCase();
  const latencyMs = match?.[2] !== undefined ? Number(match[2]) : undefined;
  if (word === 'ok') return { status: 'ok', latencyMs };
  if (word === 'lagged') return { status: 'lagged', latencyMs };
  if (word === 'unreachable') return { status: 'unreachable' };
  if (word === 'unmonitored') return { status: 'unmonitored' };
  return { status: 'unknown' };
}

/** Extension status code (ExtensionStatus numbering) for a device-derived state. */
function codeOfState(state: ExtensionState): number {
  switch (state) {
    case 'idle':
      return 0;
    case 'inuse':
      return 1;
    case 'busy':
      return 2;
    case 'unavailable':
      return 4;
    case 'ringing':
      return 8;
    case 'ringinuse':
      return 9;
    case 'onhold':
      return 16;
    case 'inuse_onhold':
      return 17;
    default:
      return -1;
  }
}
