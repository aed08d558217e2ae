import { describe, expect, test } from 'vitest';
import { displayPbxId, effectivePbx, inPbx, pbxIdText, pbxsPresent } from '../../../renderer/src/domain/pbx-label';

describe('PBX labels (several PBXs in one console)', () => {
  test("an entity's own PBX splits its id into the PBX's own id and a tag", () => {
    expect(displayPbxId('sh:800', 'sh')).toEqual({ local: '800', pbx: 'sh' });
    expect(displayPbxId('bj:630', 'bj')).toEqual({ local: '630', pbx: 'bj' });
    // An id that does not carry the PBX is shown as it is, untagged.
    expect(displayPbxId('800', 'sh')).toEqual({ local: '800' });
  });

  test('with one PBX an id is shown unchanged, whatever its shape', () => {
    expect(displayPbxId('800')).toEqual({ local: '800' });
    expect(displayPbxId('800', new Set())).toEqual({ local: '800' });
    // A single PBX's queue named with a colon is not mistaken for a PBX's.
    expect(displayPbxId('sales:night', new Set())).toEqual({ local: 'sales:night' });
    expect(pbxIdText('800')).toBe('800');
  });

  test("a bare string (a history row's agent or queue) is split only by a PBX the console knows", () => {
    const known = new Set(['bj', 'sh']);
    expect(displayPbxId('sh:801', known)).toEqual({ local: '801', pbx: 'sh' });
    expect(displayPbxId('gz:801', known)).toEqual({ local: 'gz:801' });
    expect(displayPbxId('801', known)).toEqual({ local: '801' });
    expect(pbxIdText('sh:630', known)).toBe('630 · sh');
  });

  test('the PBXs present are the distinct ones of the entities, sorted; none with one PBX', () => {
    expect(pbxsPresent([{ pbx: 'sh' }, { pbx: 'bj' }], [{ pbx: 'sh' }, {}])).toEqual(['bj', 'sh']);
    expect(pbxsPresent([{}, {}], [])).toEqual([]);
  });

  test('the filter holds only a PBX the console has, and lets everything through when empty', () => {
    expect(effectivePbx('sh', ['bj', 'sh'])).toBe('sh');
    expect(effectivePbx('gz', ['bj', 'sh'])).toBe('');
    expect(effectivePbx('sh', [])).toBe('');
    expect(effectivePbx(undefined, ['bj'])).toBe('');
    expect(inPbx({ pbx: 'sh' }, 'sh')).toBe(true);
    expect(inPbx({ pbx: 'bj' }, 'sh')).toBe(false);
    expect(inPbx({}, '')).toBe(true);
  });
});
