import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aesGcmKeyFileCipher } from '../../electron/core/security/file-cipher';
import { headlessSecretStore, secretNames } from '../../electron/core/security/headless-secrets';
import { createEncryptedFileSecretStore, SecretStoreError } from '../../electron/core/security/secret-store';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-secrets-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('headless secret store (AES-256-GCM, key file)', () => {
  it('round-trips secrets across processes-worth of reopening, and never writes them in clear', () => {
    const dir = tempDir();
    const store = headlessSecretStore(dir);
    expect(store.protection).toBe('aes-256-gcm+keyfile');
    store.set(secretNames.webkey, 'webkey-Ω-1234');
    store.set(secretNames.ami('pbx'), 'amp111:with@odd:chars');
    const again = headlessSecretStore(dir);
    expect(again.get('webkey')).toBe('webkey-Ω-1234');
    expect(again.get('ami:pbx')).toBe('amp111:with@odd:chars');
    expect(again.names()).toEqual(['ami:pbx', 'webkey']);
    const onDisk = readFileSync(join(dir, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain('webkey-Ω-1234');
    expect(onDisk).not.toContain('amp111');
    // Same value twice → different ciphertext (random IV).
    again.set('token', 'same');
    const first = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).secrets.token;
    again.set('token', 'same');
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).secrets.token).not.toBe(first);
    again.delete('token');
    expect(headlessSecretStore(dir).get('token')).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('keeps the key file and the secret file private (0600)', () => {
    const dir = tempDir();
    headlessSecretStore(dir).set('webkey', 'x');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secret.key')).size).toBe(32);
  });

  it('says clearly when the key changed or the file was altered', () => {
    const dir = tempDir();
    headlessSecretStore(dir).set('webkey', 'secret-value');
    writeFileSync(join(dir, 'secret.key'), Buffer.alloc(32, 1));
    expect(() => headlessSecretStore(dir).get('webkey')).toThrow(/cannot be decrypted/);

    const other = tempDir();
    headlessSecretStore(other).set('webkey', 'secret-value');
    const file = join(other, 'secrets.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const sealed = Buffer.from(data.secrets.webkey, 'base64');
    sealed[sealed.length - 1]! ^= 1;
    data.secrets.webkey = sealed.toString('base64');
    writeFileSync(file, JSON.stringify(data));
    let error: unknown;
    try {
      headlessSecretStore(other).get('webkey');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as SecretStoreError).code).toBe('wrong_key');
    expect(String(error)).not.toContain('secret-value');
  });

  it('refuses a file written by another cipher and a damaged file', () => {
    const dir = tempDir();
    const file = join(dir, 'secrets.json');
    const reversing = { name: 'test-reverse', encrypt: (b: Buffer) => Buffer.from(b).reverse(), decrypt: (b: Buffer) => Buffer.from(b).reverse() };
    createEncryptedFileSecretStore(file, reversing).set('webkey', 'abc');
    expect(() => createEncryptedFileSecretStore(file, aesGcmKeyFileCipher(join(dir, 'k')))).toThrow(/written with test-reverse/);
    writeFileSync(file, '{not json');
    expect(() => createEncryptedFileSecretStore(file, reversing)).toThrow(/not valid JSON/);
  });
});
