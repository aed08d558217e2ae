import { serviceLevelBetween, type QueueDay, type SlSums } from '../contract';

/** How often a queue's day is noted: the window's start is at most this far off. */
export const noteEveryMs = 15_000;
/** The longest window a rule may ask for (alertBounds.minutes.max), plus one note. */
const keepMs = 240 * 60_000 + noteEveryMs;

interface Note extends SlSums {
  at: number;
}

/**
 * The service level of each queue over its last minutes, from the day ledger's own
 * numerator and denominator (QueueDay.figures) noted every 15 s: the window's figure is
 * the difference (contract serviceLevelBetween). A new day or a change of the queue's
 * counting rules starts the notes over, since sums under other rules do not subtract.
 * At most 961 notes per queue.
 */
export class SlWindow {
  private readonly notes = new Map<string, { key: string; notes: Note[] }>();

  note(days: Iterable<QueueDay>, now: number): void {
    const seen = new Set<string>();
    for (const day of days) {
      seen.add(day.queue);
      const key = `${day.day}|${JSON.stringify(day.rules)}`;
      let held = this.notes.get(day.queue);
      if (!held || held.key !== key) this.notes.set(day.queue, (held = { key, notes: [] }));
      const last = held.notes[held.notes.length - 1];
      if (last && now - last.at < noteEveryMs) continue;
      held.notes.push({ at: now, answeredWithinSl: day.figures.answeredWithinSl, slBase: day.figures.slBase });
      while (held.notes.length > 0 && now - held.notes[0]!.at > keepMs) held.notes.shift();
    }
    // A queue the PBX no longer has leaves with its notes.
    for (const queue of this.notes.keys()) if (!seen.has(queue)) this.notes.delete(queue);
  }

  /**
   * The queue's service level over the `minutes` before `day`'s figures; over less time
   * when the notes do not reach back that far (the core started or the day began since).
   */
  serviceLevel(day: QueueDay, minutes: number, now: number): ReturnType<typeof serviceLevelBetween> | undefined {
    const held = this.notes.get(day.queue);
    if (!held || held.notes.length === 0) return undefined;
    const from = now - minutes * 60_000;
    let start = held.notes[0]!;
    for (const note of held.notes) {
      if (note.at > from) break;
      start = note;
    }
    return serviceLevelBetween(start, day.figures);
  }
}
