import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useNow } from '../composables/now';
import { useLiveStore } from './live';
import { useSessionStore } from './session';
import { lastKnownTime, liveClock, nextStaleSince } from '../domain/staleness';

/**
 * One answer for every live page to "is what I show current, and what time is
 * it for my timers": the pages dim and say "last known at" from `staleSince`,
 * and read `now` for time in state, waiting and talk time, so those stop when
 * the data stops. Recovers by itself: the links coming back clear it.
 */
export const useLiveClockStore = defineStore('liveClock', () => {
  const live = useLiveStore();
  const session = useSessionStore();
  const wallClock = useNow();

  const staleSince = computed<number | undefined>((previous) =>
    nextStaleSince(previous, { coreLink: session.link, connections: live.connectionList, hasSnapshot: live.hasSnapshot }),
  );
  const isStale = computed(() => staleSince.value !== undefined);
  const now = computed(() => liveClock(wallClock.value, staleSince.value));
  const lastKnown = computed(() => (staleSince.value === undefined ? '' : lastKnownTime(staleSince.value, session.locale, live.timeZone)));

  return { staleSince, isStale, now, lastKnown };
});
