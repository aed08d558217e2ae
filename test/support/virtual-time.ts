import type { DemoPbx } from '../../electron/core/demo';
import type { VirtualClock } from '../../electron/core/demo/clock';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves the demo PBX and the code under test (its scheduler) through virtual
 * time together, yielding to real I/O (AMI, HTTP) between steps so events
 * sent over the sockets are handled before the next step.
 */
export function virtualTime(pbx: DemoPbx, clock: VirtualClock) {
  const advance = async (ms: number, stepMs = 250): Promise<void> => {
    for (let done = 0; done < ms; done += stepMs) {
      const step = Math.min(stepMs, ms - done);
      pbx.step(step);
      clock.advance(step);
      await sleep(2);
    }
    await sleep(10);
  };
  /** Steps virtual time until `condition` holds (at most 400 steps). */
  const until = async (condition: () => boolean, what: string, stepMs = 250): Promise<void> => {
    for (let i = 0; i < 400 && !condition(); i++) await advance(stepMs, stepMs);
    if (!condition()) throw new Error(`timed out waiting for ${what}`);
  };
  return { advance, until };
}
