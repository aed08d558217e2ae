import { expect, type APIRequestContext } from '@playwright/test';
import { combineFigures, type Snapshot } from '../../../electron/core/contract';
import { idleExtensions } from './live-targets';
import { stepDemo, type OwnStack } from './own-stack';

// On a still demo day: one answered queue call is transferred (Redirect, as s06 (a)) to an idle
// extension, the caller talks with it until the call ends, then the day settles.

const snapshotOf = async (stack: OwnStack, request: APIRequestContext) => (await (await request.get(`${stack.baseUrl}/api/snapshot`)).json()) as Snapshot;

/** Transfers the latest answered queue call to an idle extension and waits until it is stored and the day's answered stop moving. */
export async function transferOneCall(stack: OwnStack, request: APIRequestContext): Promise<{ callId: string; from: string; destination: string }> {
  let callId = '';
  let from = '';
  let destination = '';
  await expect.poll(async () => {
    const now = await snapshotOf(stack, request);
    const call = now.calls.filter((c) => c.state === 'talking' && c.queue !== undefined && c.agent).sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0))[0];
    if (!call) await stepDemo(stack, 1_000, 5);
    callId = call?.id ?? '';
    from = call?.agent ?? '';
    destination = idleExtensions(now, 'nonMember', [from])[0] ?? idleExtensions(now, 'any', [from])[0] ?? '';
    return callId !== '' && destination !== '';
  }, { timeout: 20_000 }).toBe(true);
  const transfer = request.post(`${stack.baseUrl}/api/invoke/actions.transfer`, { data: { callId, destination, kind: 'blind' }, headers: { origin: stack.baseUrl } });
  let isDone = false;
  void transfer.finally(() => (isDone = true));
  for (let i = 0; i < 40 && !isDone; i++) await stepDemo(stack, 250, 1);
  expect(((await (await transfer).json()) as { result?: { ok: boolean } }).result?.ok).toBe(true);
  const transferred = () => stack.core.db.prepare('SELECT transfer_to FROM calls WHERE uniqueid = ?').get(callId) as { transfer_to: string | null } | undefined;
  await expect.poll(async () => {
    await stepDemo(stack, 10_000, 3);
    return transferred()?.transfer_to ?? null;
  }, { timeout: 30_000 }).toBe(destination);
  let previous = -1;
  await expect.poll(async () => {
    const day = combineFigures((await snapshotOf(stack, request)).days.map((d) => d.figures));
    const settled = day.answered === previous;
    previous = day.answered;
    return settled;
  }, { timeout: 10_000, intervals: [500] }).toBe(true);
  return { callId, from, destination };
}
