import { join } from 'node:path';
import { aesGcmKeyFileCipher } from './file-cipher';
import { createEncryptedFileSecretStore, type SecretStore } from './secret-store';

/** The secret names Callboard uses; per-PBX AMI secrets are `ami:<target id>`. */
export const secretNames = {
  webkey: 'webkey',
  token: 'token',
  ami: (targetId: string) => `ami:${targetId}`,
  /** The scheduled reports' SMTP relay login (config `reports.smtp`). */
  smtp: 'smtp',
  /** The shared PostgreSQL history's URL stored in Settings: it carries the database password. */
  history: 'history',
} as const;

/** `callboard serve`'s store: <dataDir>/secrets.json sealed with <dataDir>/secret.key. */
export function headlessSecretStore(dataDir: string): SecretStore {
  return createEncryptedFileSecretStore(join(dataDir, 'secrets.json'), aesGcmKeyFileCipher(join(dataDir, 'secret.key')));
}
