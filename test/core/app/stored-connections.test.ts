import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withStoredConnections, writeStoredConnections } from '../../../electron/core/app/stored-connections';
import { defaultConfig } from '../../../electron/core/config/config';
import { headlessSecretStore } from '../../../electron/core/security/headless-secrets';
import { openDatabase, type Db } from '../../../electron/core/store/database';

let db: Db | undefined;
afterEach(() => db?.close());

describe('withStoredConnections', () => {
  it('opens without the secret, and says why, when the secret store cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-stored-'));
    db = openDatabase(join(dir, 'callboard.db'));
    writeStoredConnections(db, { ami: [{ id: 'pbx', host: '10.0.0.5', port: 5038, username: 'admin' }] });
    const store = headlessSecretStore(dir);
    store.set('ami:pbx', 'amp111');
    writeFileSync(join(dir, 'secret.key'), Buffer.alloc(32, 9)); // another key: the sealed file no longer opens
    const warnings: string[] = [];
    const { config, source } = withStoredConnections(defaultConfig(dir), db, headlessSecretStore(dir), (message) => warnings.push(message));
    expect(source).toBe('settings');
    expect(config.ami).toEqual([{ id: 'pbx', host: '10.0.0.5', port: 5038, username: 'admin', secret: '' }]);
    expect(warnings.join()).toMatch(/secret of pbx cannot be read/);
    expect(warnings.join()).not.toContain('amp111');
  });
});
