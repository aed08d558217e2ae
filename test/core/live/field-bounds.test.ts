import { describe, expect, it } from 'vitest';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { boundFields } from '../../../electron/core/live/field-bounds';

const limits = { maxFieldChars: 8, maxValueChars: 20 };

function bound(message: AmiMessage): { out: AmiMessage; cuts: number } {
  let cuts = 0;
  const out = boundFields(message, limits, () => cuts++);
  return { out, cuts };
}

describe('boundFields', () => {
  it('returns the message itself, uncounted, when every value is within its bound', () => {
    const message: AmiMessage = { event: 'New', channel: 'SIP/801', value: 'x'.repeat(20), chanvariable: { a: 'y'.repeat(20) }, list: ['z'.repeat(8)] };
    const { out, cuts } = bound(message);
    expect(out).toBe(message);
    expect(cuts).toBe(0);
  });

  it('cuts a field to the field bound and a variable value to the value bound, in a copy', () => {
    const message: AmiMessage = { event: 'VarSet', channel: 'SIP/801-000000ab', value: 'v'.repeat(30) };
    const { out, cuts } = bound(message);
    expect(cuts).toBe(1);
    expect(out).not.toBe(message);
    expect(out.channel).toBe('SIP/801-');
    expect(out.value).toBe('v'.repeat(20));
    expect(message.channel).toBe('SIP/801-000000ab');
  });

  it('keeps a variable value between the two bounds whole', () => {
    const { out, cuts } = bound({ event: 'VarSet', value: 'v'.repeat(15), calleridname: 'n'.repeat(15) });
    expect(cuts).toBe(1);
    expect(out.value).toBe('v'.repeat(15));
    expect(out.calleridname).toBe('n'.repeat(8));
  });

  it('bounds repeated headers: at most 64, each cut to its bound', () => {
    const { out } = bound({ event: 'X', list: Array.from({ length: 70 }, (_, i) => `item-${i}-long`) });
    const list = out.list as string[];
    expect(list).toHaveLength(64);
    expect(list[0]).toBe('item-0-l');
  });

  it('bounds name=value records: names to the field bound, values to the value bound, at most 64 entries', () => {
    const record: Record<string, string> = {};
    for (let i = 0; i < 70; i++) record[`n${i}`] = 'v';
    record['averyverylongname'] = 'w'.repeat(30);
    const { out: many } = bound({ event: 'New', chanvariable: record });
    expect(Object.keys(many.chanvariable as object)).toHaveLength(64);
    const { out: long, cuts } = bound({ event: 'New', chanvariable: { averyverylongname: 'w'.repeat(30) } });
    expect(cuts).toBe(1);
    expect(long.chanvariable).toEqual({ averyver: 'w'.repeat(20) });
  });

  it('uses the smaller bound as its fast path when values are bounded tighter than fields', () => {
    let cuts = 0;
    const out = boundFields({ event: 'VarSet', value: 'v'.repeat(10) }, { maxFieldChars: 20, maxValueChars: 5 }, () => cuts++);
    expect(out.value).toBe('v'.repeat(5));
    expect(cuts).toBe(1);
  });
});
