import { describe, expect, test } from 'vitest';
import { QUARTER_MS, type QuarterFigures } from '../../../electron/core/contract';
import { slotPercent, trendSlots } from '../../../renderer/src/domain/sl-trend';

const day = Date.parse('2026-06-01T01:00:00Z');
const quarter = (index: number, answeredWithinSl: number, slBase: number): QuarterFigures => ({
  at: day + index * QUARTER_MS, offered: slBase, answered: answeredWithinSl, abandoned: 0, answeredWithinSl, slBase,
  serviceLevel: slBase > 0 ? answeredWithinSl / slBase : null,
});

describe('service level slots through the day', () => {
  test('one slot per quarter from the first with calls to the current one, gaps where none came', () => {
    const slots = trendSlots([quarter(0, 3, 4), quarter(2, 1, 1)], day + 4 * QUARTER_MS + 60_000);
    expect(slots.map((slot) => (slot.at - day) / QUARTER_MS)).toEqual([0, 1, 2, 3, 4]);
    expect(slots.map(slotPercent)).toEqual([75, null, 100, null, null]);
  });

  test('nothing before the first call, and a clock far ahead does not build a long axis', () => {
    expect(trendSlots([], day)).toEqual([]);
    expect(trendSlots([quarter(0, 1, 2)], day + 365 * 24 * 3_600_000)).toHaveLength(101);
    // A quarter later than the clock (the browser's clock behind the PBX's) still shows.
    expect(trendSlots([quarter(0, 1, 2), quarter(3, 0, 1)], day).map(slotPercent)).toEqual([50, null, null, 0]);
  });
});
