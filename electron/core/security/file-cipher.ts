import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { SecretStoreError, type SecretCipher } from './secret-store';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_FILE_BYTES = 32;

/**
 * Headless mode's cipher: AES-256-GCM (authenticated: a changed byte is an
 * error, not garbage) with a key derived by HKDF-SHA256 from a random key file
 * created once, mode 0600, in the data directory. This protects secrets from
 * being read out of a copied config/backup without the key file; it does not
 * protect against the same OS user (nothing headless can, see SECURITY.md).
 * Sealed layout: iv(12) | tag(16) | ciphertext.
 */
export function aesGcmKeyFileCipher(keyFile: string): SecretCipher {
  const key = Buffer.from(hkdfSync('sha256', readOrCreateKeyFile(keyFile), 'callboard-secret-store', 'aes-256-gcm v1', 32));
  return {
    name: 'aes-256-gcm+keyfile',
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed.length < IV_BYTES + TAG_BYTES) throw new SecretStoreError('corrupt', 'sealed secret too short');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}

/** 32 random bytes, created exclusively (two processes starting together get one key), kept 0600. */
export function readOrCreateKeyFile(keyFile: string): Buffer {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    try {
      const fd = openSync(keyFile, 'wx', 0o600);
      try {
        writeSync(fd, randomBytes(KEY_FILE_BYTES));
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  // Tighten a key file someone copied around with looser permissions (no-op on Windows).
  if (process.platform !== 'win32' && (statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
  const key = readFileSync(keyFile);
  if (key.length < KEY_FILE_BYTES) throw new SecretStoreError('corrupt', `key file ${keyFile} is shorter than ${KEY_FILE_BYTES} bytes`);
  return key;
}
