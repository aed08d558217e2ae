import { readRetry, type ContractError, type InvokeReply, type MethodName } from '@contract';

// Past readRetry's tries the refusal reaches the page (stores/read-errors.ts); a longer wait than
// its limit is not waited out silently, which would look like a hung page.
const isWorthWaiting = (error: ContractError) =>
  (error.code === 'rate_limited' || error.code === 'busy') && error.retryAfterSeconds !== undefined && error.retryAfterSeconds <= readRetry.longestWaitSeconds;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `invoke`, asked again after the core's Retry-After while it turns a read away (this client's
 * read allowance spent, or too many reads waiting: store/reads.ts). A Reports run sends its
 * reads at once, and a second click soon after would otherwise show "try again in 1 s" where
 * the next second answers. Only those refusals are retried: they ran nothing.
 */
export async function invokeHonouringRetryAfter<M extends MethodName>(
  invoke: () => Promise<InvokeReply<M>>,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<InvokeReply<M>> {
  let reply = await invoke();
  for (let attempt = 0; attempt < readRetry.times && !reply.ok && isWorthWaiting(reply.error); attempt++) {
    await wait((reply.error.retryAfterSeconds ?? 1) * 1000);
    reply = await invoke();
  }
  return reply;
}
