import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleIdentityOf, homeOf, type ConsoleIdentity } from '../../../electron/core/app/console-identity';
import { settingKeys } from '../../../electron/core/base/setting-keys';
import { setSetting } from '../../../electron/core/store/settings';
import { tempDatabase } from '../store/support/temp-db';

let temp: ReturnType<typeof tempDatabase>;
afterEach(() => temp.cleanup());

describe('a cache\'s console identity', () => {
  it('is made once and kept while the cache stays where it is', () => {
    temp = tempDatabase();
    const moves: string[] = [];
    const first = consoleIdentityOf(temp.open(), (from) => moves.push(from));
    expect(first).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), home: homeOf(temp.open()), former: [] });
    expect(consoleIdentityOf(temp.open(), (from) => moves.push(from))).toEqual(first);
    expect(moves).toEqual([]);
  });

  it('adopts the bare id an older cache kept', () => {
    temp = tempDatabase();
    const db = temp.open();
    setSetting(db, settingKeys.consoleId, 'c0ffee00-0000-4000-8000-000000000000');
    expect(consoleIdentityOf(db, () => undefined)).toMatchObject({ id: 'c0ffee00-0000-4000-8000-000000000000', former: [] });
  });

  it('takes a new id in a copy, keeping the ones it wrote under before', () => {
    temp = tempDatabase();
    const original = temp.open();
    const first = consoleIdentityOf(original, () => undefined);
    original.close();
    copyFileSync(temp.file, join(temp.dir, 'copy.db'));
    const moves: [string, ConsoleIdentity][] = [];
    const copied = consoleIdentityOf(temp.open(join(temp.dir, 'copy.db')), (from, identity) => moves.push([from, identity]));
    expect(copied.id).not.toBe(first.id);
    expect(copied.former).toEqual([first.id]);
    expect(moves).toEqual([[first.home, copied]]);
    // The original, where it was, is still itself.
    expect(consoleIdentityOf(temp.open(), () => undefined)).toEqual(first);
  });
});
