import { safeStorage } from 'electron';
import { join } from 'node:path';
import type { Logger } from '../core/base/logger';
import { aesGcmKeyFileCipher } from '../core/security/file-cipher';
import { createEncryptedFileSecretStore, type SecretCipher, type SecretStore } from '../core/security/secret-store';

/**
 * The desktop SecretStore: the same file format as headless mode, sealed by
 * Electron's safeStorage (macOS Keychain, Windows DPAPI, Linux libsecret/kwallet).
 * On a Linux desktop without a keyring safeStorage falls back to a hard-coded
 * key ('basic_text'), which protects nothing; there we use the headless
 * key-file cipher instead and say so in the log.
 */
export function desktopSecretStore(dataDir: string, log: Logger): SecretStore {
  const file = join(dataDir, 'secrets.json');
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text' || backend === 'unknown') {
    log.warn(`safeStorage unavailable (${backend}): secrets are sealed with a key file in ${dataDir} instead`);
    return createEncryptedFileSecretStore(file, aesGcmKeyFileCipher(join(dataDir, 'secret.key')));
  }
  return createEncryptedFileSecretStore(file, safeStorageCipher());
}

function safeStorageCipher(): SecretCipher {
  return {
    name: 'electron-safe-storage',
    encrypt: (plain) => safeStorage.encryptString(plain.toString('utf8')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'utf8'),
  };
}
