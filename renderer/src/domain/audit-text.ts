import { formatSiteTime } from './site-time';
import type { AuditEntry, AuditSubject } from '@contract';
import { isLoopbackAddress } from '../format/address';

/**
 * An audit row in a supervisor's words: who acted, what they did, to whom,
 * with which settings and how it went. The core stores method names, params
 * and "code: detail" messages; this turns them into localized text.
 */
export interface AuditWords {
  t(key: string, named?: Record<string, unknown>): string;
  te(key: string): boolean;
  locale: string;
  /** The site's zone (site-time.ts). */
  timeZone: string | undefined;
  /** A pause reason code as the Settings page names it. */
  reasonLabel(code: string): string;
}

type Params = Record<string, unknown> & { about?: AuditSubject };

const paramsOf = (entry: AuditEntry): Params => (entry.params && typeof entry.params === 'object' ? (entry.params as Params) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** "desktop", "wrap-up", "web:127.0.0.1", or a named operator's token: "operator:<name>@<address>". */
export function whoText(who: string, words: AuditWords): string {
  if (who === 'desktop') return words.t('audit.actor.desktop');
  if (who === 'wrap-up') return words.t('audit.actor.wrapup');
  if (who === 'core') return words.t('audit.actor.core');
  const operator = /^operator:(.+)@([^@]+)$/.exec(who);
  if (operator) return words.t(isLoopbackAddress(operator[2]!) ? 'audit.actor.operatorHere' : 'audit.actor.operator', { name: operator[1], address: operator[2] });
  const web = /^web:(.+)$/.exec(who);
  if (web) return words.t(isLoopbackAddress(web[1]!) ? 'audit.actor.thisMachine' : 'audit.actor.browser', { address: web[1] });
  return who;
}

/** The i18n key of an action; pause/unpause and the spy modes read as what they did. */
export function actionKey(entry: AuditEntry): string {
  const params = paramsOf(entry);
  if (entry.action === 'actions.pause') return `audit.action.actions.${params.isPaused === false ? 'unpause' : 'pauseOn'}`;
  if (entry.action === 'actions.spy' && text(params.mode)) return `audit.action.actions.spyAs.${params.mode}`;
  if (entry.action === 'actions.spyMode' && text(params.mode)) return `audit.action.actions.spySwitch.${params.mode}`;
  if (entry.action === 'actions.wrapup' && params.isPaused === false) return 'audit.action.actions.wrapupEnd';
  return `audit.action.${entry.action}`;
}

export function actionText(entry: AuditEntry, words: AuditWords): string {
  const key = actionKey(entry);
  return words.te(key) ? words.t(key) : entry.action;
}

/** The target as a person is named: an agent with their name, a call by its caller, a file by its name. */
export function targetText(entry: AuditEntry, words: AuditWords): { main: string; sub?: string } {
  const params = paramsOf(entry);
  const about = params.about ?? {};
  const agent = (id: string | undefined, name: string | undefined) => [id, name && name !== id ? name : undefined].filter(Boolean).join(' ');
  if (text(params.callId) !== undefined) {
    const main = about.caller ? words.t('audit.subject.caller', { number: about.caller }) : words.t('audit.subject.endedCall');
    return about.agent ? { main, sub: words.t('audit.subject.agent', { agent: agent(about.agent, about.agentName) }) } : { main };
  }
  if (entry.action === 'recordings.open' || entry.action === 'history.download') {
    return { main: (entry.target ?? '').split(/[\\/]/).pop() || '—' };
  }
  if (entry.action === 'alerts.acknowledge' || entry.action === 'alerts.snooze') {
    // The target is the alert's id; its queue or agent is what a person recognises.
    const queue = text(params.queue);
    return { main: queue ? words.t('audit.detail.queue', { queue }) : (text(params.agent) ?? '—') };
  }
  if (entry.action === 'alerts.setRules') return { main: entry.target === '*' ? words.t('settings.allQueuesDefault') : (entry.target ?? '—') };
  const main = entry.target === undefined ? '—' : agent(entry.target, about.agentName);
  return about.caller ? { main, sub: words.t('audit.subject.inCallWith', { number: about.caller }) } : { main };
}

/** What was asked, in words; unknown params as key=value with times made local. */
export function detailsText(entry: AuditEntry, words: AuditWords): string {
  const params = paramsOf(entry);
  const { t } = words;
  const queue = text(params.queue);
  switch (entry.action) {
    case 'actions.pause': {
      const where = queue ? t('audit.detail.queue', { queue }) : t('audit.detail.allQueues');
      const reason = text(params.reason);
      return reason && params.isPaused !== false ? `${where} · ${t('audit.detail.reason', { reason: words.reasonLabel(reason) })}` : where;
    }
    case 'actions.queueLogin':
      return `${t('audit.detail.queue', { queue })} · ${t('audit.detail.penalty', { penalty: params.penalty ?? 0 })}`;
    case 'actions.queueLogout':
      return t('audit.detail.queue', { queue });
    case 'actions.spy':
      return t('audit.detail.fromPhone', { extension: params.supervisor });
    case 'actions.transfer':
      return t('audit.detail.transfer', { destination: params.destination, kind: t(`actions.form.${params.kind === 'attended' ? 'attended' : 'blind'}`) });
    case 'actions.dial':
      return t('audit.detail.dial', { source: params.source, destination: params.destination });
    case 'waiting.pickUp':
      return t('audit.detail.pickUp', { from: text(params.from) ?? '—', agent: params.agent });
    case 'waiting.move':
      return t('audit.detail.move', { from: text(params.from) ?? '—', queue });
    case 'actions.hangup':
    case 'actions.spyMode':
    case 'actions.endWrapup':
    case 'blacklist.remove':
    case 'callbacks.dismiss':
    case 'recordings.open':
      return '';
    case 'blacklist.add':
    case 'blacklist.setNote':
      return text(params.note) ? t('audit.detail.note', { note: params.note }) : t('audit.detail.noNote');
    case 'settings.setWrapup':
      return params.isEnabled ? t('audit.detail.wrapupOn', { seconds: params.seconds }) : t('audit.detail.wrapupOff');
    case 'history.download':
      // The export's query travels as JSON text (`?q=`): show its fields, times local.
      return genericParams(parsedQuery(params.q), words);
    case 'settings.setThresholds':
      return thresholdsText(params.byQueue, words) || genericParams(params, words);
    case 'boards.save':
      return boardText(params, words);
    case 'boards.remove':
      return '';
    case 'alerts.acknowledge':
    case 'alerts.snooze': {
      const kind = text(params.kind) ?? '';
      const what = words.te(`alerts.kindShort.${kind}`) ? t(`alerts.kindShort.${kind}`) : kind;
      return typeof params.minutes === 'number' ? `${what} · ${t('alerts.minutes', { minutes: params.minutes })}` : what;
    }
    case 'alerts.setRules':
      // The whole rule book is in the entry (export); the page names only what changed hands.
      return '';
    case 'history.import':
      return typeof params.rowsImported === 'number' ? t('audit.detail.imported', { rows: params.rowsImported, errors: params.errorCount ?? 0 }) : '';
    default:
      return genericParams(params, words);
  }
}

function parsedQuery(query: unknown): Params {
  try {
    const parsed: unknown = typeof query === 'string' ? JSON.parse(query) : undefined;
    return parsed && typeof parsed === 'object' ? (parsed as Params) : {};
  } catch {
    return {};
  }
}

/** `{ '*': { waitingAmber: 2 }, '630': {…} }` → "All queues (defaults): Waiting · amber 2 · … ; Queue 630: …". */
function thresholdsText(byQueue: unknown, words: AuditWords): string {
  if (!byQueue || typeof byQueue !== 'object') return '';
  // The defaults first, then queues by name (a queue named by digits would come first in key order).
  return Object.entries(byQueue as Record<string, unknown>)
    .sort(([a], [b]) => (a === '*' ? -1 : b === '*' ? 1 : a.localeCompare(b)))
    .map(([scope, levels]) => {
      const where = scope === '*' ? words.t('settings.allQueuesDefault') : words.t('audit.detail.queue', { queue: scope });
      const fields = Object.entries(levels && typeof levels === 'object' ? (levels as Record<string, unknown>) : {})
        .map(([field, value]) => `${words.te(`settings.${field}`) ? words.t(`settings.${field}`) : field} ${String(value)}`)
        .join(' · ');
      return `${where}: ${fields}`;
    })
    .join('; ');
}

/** A saved wallboard layout: created / edited / renamed from, then its title, queues and how many tiles. */
function boardText(params: Params, words: AuditWords): string {
  const board = (params.board && typeof params.board === 'object' ? params.board : {}) as { title?: unknown; queues?: unknown; tiles?: unknown; thresholds?: unknown };
  const what = text(params.action) ?? 'edit';
  const queues = Array.isArray(board.queues) ? board.queues.map((name) => (name === '*' ? words.t('wallboard.allQueues') : String(name))) : [];
  return [
    words.t(`audit.detail.board.${what === 'rename' ? 'rename' : what === 'create' ? 'create' : 'edit'}`, { previous: text(params.previousName) ?? '' }),
    text(board.title),
    `${words.t('boards.queues')} ${queues.join(', ') || words.t('audit.detail.allQueues')}`,
    words.t('audit.detail.board.tiles', { n: Array.isArray(board.tiles) ? board.tiles.length : 0 }),
    board.thresholds ? words.t('boards.ownThresholds') : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function genericParams(params: Params, words: AuditWords): string {
  const shown = (value: unknown): string => {
    // Epoch milliseconds (after 2001) read as local times.
    if (typeof value === 'number' && value > 1e12 && value < 1e14) return formatSiteTime(value, words.locale, words.timeZone, 'dateTime');
    if (Array.isArray(value)) return value.map(shown).join(', ');
    if (value && typeof value === 'object') return Object.entries(value).map(([key, inner]) => `${key} ${shown(inner)}`).join(', ');
    return String(value);
  };
  return Object.entries(params)
    .filter(([key, value]) => key !== 'about' && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${shown(value)}`)
    .join(' · ');
}

/** A failure as the supervisor reads it: the localized reason, the core's own words kept small. */
export function failureText(message: string | undefined, words: AuditWords): { reason: string; detail?: string } | undefined {
  if (!message) return undefined;
  const coded = /^([a-z_]+): ([\s\S]*)$/.exec(message);
  const key = coded ? `actions.errors.${coded[1]}` : undefined;
  if (key && words.te(key)) return { reason: words.t(key), detail: coded![2] };
  return { reason: message };
}
