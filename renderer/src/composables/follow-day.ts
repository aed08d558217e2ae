import { onBeforeUnmount, onMounted, watch } from 'vue';
import { useLiveStore } from '../stores';

/**
 * Keeps something the core derives from today's ledger current: read at mount, again
 * when the core sends a queue's day (at most every `minGapMs`), and every `refreshMs`
 * for what the day's figures do not show. `readNow` reads after a change this screen
 * made itself; `readSoon` within the gap.
 */
export function followDay(read: () => Promise<void>, options: { minGapMs?: number; refreshMs: number }): { readNow(): void; readSoon(): void } {
  const live = useLiveStore();
  const minGapMs = options.minGapMs ?? 5_000;
  let lastReadAt = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const readNow = () => {
    lastReadAt = Date.now();
    void read();
  };
  function readSoon(): void {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      readNow();
    }, Math.max(0, lastReadAt + minGapMs - Date.now()));
  }

  // A new array each time the core sends a day: every queueDay update is a reason to read again.
  watch(() => [...live.days.values()], readSoon);
  onMounted(() => {
    readNow();
    timer = setInterval(readNow, options.refreshMs);
  });
  onBeforeUnmount(() => {
    clearInterval(timer);
    clearTimeout(pending);
  });
  return { readNow, readSoon };
}
