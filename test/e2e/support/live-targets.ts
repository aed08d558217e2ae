import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { Call, Snapshot } from '../../../electron/core/contract/model';

// The demo PBX's traffic is random: action specs choose their targets from the
// core's live model at test time (GET /api/snapshot), waiting for one when none fits yet.

export async function snapshotOf(request: APIRequestContext): Promise<Snapshot> {
  return (await (await request.get('/api/snapshot')).json()) as Snapshot;
}

const byNumber = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

function busyExtensions(snapshot: Snapshot): Set<string> {
  const busy = new Set<string>();
  for (const call of snapshot.calls) {
    if (call.agent) busy.add(call.agent);
    for (const ringing of call.ringingAgents ?? []) busy.add(ringing);
    busy.add(call.callerNum);
    busy.add(call.calledNum);
  }
  return busy;
}

function membersOf(snapshot: Snapshot): Map<string, { queue: string; isPaused: boolean }[]> {
  const members = new Map<string, { queue: string; isPaused: boolean }[]>();
  for (const queue of snapshot.queues) {
    for (const member of queue.members) {
      members.set(member.extension, [...(members.get(member.extension) ?? []), { queue: queue.name, isPaused: member.isPaused }]);
    }
  }
  return members;
}

/** Idle extensions (no call, not ringing), optionally only queue members that are paused nowhere, or only non-members. */
export function idleExtensions(snapshot: Snapshot, kind: 'member' | 'nonMember' | 'any', exclude: string[] = []): string[] {
  const busy = busyExtensions(snapshot);
  const members = membersOf(snapshot);
  return snapshot.extensions
    .filter((e) => e.state === 'idle' && !busy.has(e.id) && !exclude.includes(e.id))
    .filter((e) => {
      const joined = members.get(e.id);
      if (kind === 'member') return joined !== undefined && joined.every((m) => !m.isPaused);
      if (kind === 'nonMember') return joined === undefined;
      return true;
    })
    .map((e) => e.id)
    .sort(byNumber);
}

export async function waitForIdle(request: APIRequestContext, kind: 'member' | 'nonMember' | 'any', exclude: string[] = []): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(async () => (found = idleExtensions(await snapshotOf(request), kind, exclude)[0]), { timeout: 45_000, message: `an idle ${kind} extension` })
    .toBeDefined();
  return found as string;
}

/** A call answered by an agent (talking), optionally from a queue; waits until the demo has one. */
export async function waitForTalkingCall(request: APIRequestContext, options: { isQueueCall?: boolean; exclude?: string[] } = {}): Promise<Call & { agent: string }> {
  let found: Call | undefined;
  await expect
    .poll(
      async () => {
        const { calls } = await snapshotOf(request);
        // A call with a few seconds left is a bad target: prefer the newest answered one.
        found = calls
          .filter((c) => c.state === 'talking' && c.agent && !(options.exclude ?? []).includes(c.agent) && (!options.isQueueCall || c.queue !== undefined))
          .sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0))[0];
        return found?.id;
      },
      { timeout: 50_000, message: 'a talking call' },
    )
    .toBeDefined();
  return found as Call & { agent: string };
}

/** Show one agent's card (the grid is virtualised) and open its actions menu. */
export async function openAgentMenu(page: Page, extension: string): Promise<void> {
  await page.getByTestId('agent-search').fill(extension);
  const card = page.getByTestId(`agent-card-${extension}`);
  await expect(card).toBeVisible();
  await page.getByTestId(`agent-menu-${extension}`).click();
  await expect(page.getByTestId('action-menu')).toBeVisible();
}

/**
 * Chooses a talking call and, on `page`, opens its menu (`openMenu`) and its `action`, as one
 * attempt that starts over with another call when this one ends first: the running demo's
 * calls last 5 s of real time at the least, about as long as opening a page and a menu takes.
 */
export async function actOnTalkingCall(
  page: Page,
  request: APIRequestContext,
  action: string,
  openMenu: (call: Call & { agent: string }) => Promise<void>,
  options: { isQueueCall?: boolean } = {},
): Promise<Call & { agent: string }> {
  let chosen: (Call & { agent: string }) | undefined;
  await expect(async () => {
    await page.keyboard.press('Escape');
    chosen = await waitForTalkingCall(request, options);
    await openMenu(chosen);
    await page.getByTestId(`action-${action}`).click({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return chosen as Call & { agent: string };
}
