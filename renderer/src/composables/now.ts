import { shallowRef, type ShallowRef } from 'vue';

/**
 * One shared 1 s clock for every ticking duration on screen (time in state,
 * wait, talk). Rows compute `now - since` from it, so 2,000 cards cost one
 * timer, not 2,000. Aligned to the wall-clock second so all counters step together.
 */
const now = shallowRef(Date.now());
let started = false;

function tick(): void {
  now.value = Date.now();
  setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
}

export function useNow(): Readonly<ShallowRef<number>> {
  if (!started) {
    started = true;
    tick();
  }
  return now;
}
