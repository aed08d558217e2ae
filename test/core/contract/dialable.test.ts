import { describe, expect, it } from 'vitest';
import { dialableNumber, normaliseDialable } from '../../../electron/core/contract/dialable';
import { dialablePattern } from '../../../electron/core/contract/patterns';

describe('normaliseDialable', () => {
  it('drops the separators people type and keeps what the PBX dials', () => {
    expect(normaliseDialable('138-0013-8000')).toBe('13800138000');
    expect(normaliseDialable(' 138 0013 8000 ')).toBe('13800138000');
    expect(normaliseDialable('(010) 6552-9988')).toBe('01065529988');
    expect(normaliseDialable('+86 138.0013.8000')).toBe('+8613800138000');
    expect(normaliseDialable('（010）６５５２')).toBe('0106552');
    expect(normaliseDialable('010\u3000123－456')).toBe('010123456');
    expect(normaliseDialable('*72#')).toBe('*72#');
  });

  it('leaves letters and other junk for the dialable check to refuse', () => {
    for (const text of ['abc', '138-0013-800x', '1;DROP']) expect(dialablePattern.test(normaliseDialable(text))).toBe(false);
    for (const text of ['138-0013-8000', '(010) 6552 9988']) expect(dialablePattern.test(normaliseDialable(text))).toBe(true);
  });

  it('gives stored caller IDs as click-to-dial takes them, or nothing when they cannot be dialled', () => {
    expect(dialableNumber(' 138-0013-8000 ')).toBe('13800138000');
    for (const raw of ['anonymous', '', 'Unknown', '1'.repeat(33), undefined]) expect(dialableNumber(raw)).toBeUndefined();
  });
});
