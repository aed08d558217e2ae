import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where Callboard keeps secrets (AMI secrets, the vendor WEBKEY, the web
 * operator token). The desktop app implements the cipher over Electron's
 * `safeStorage` (OS keychain / DPAPI / libsecret, electron/main/secret-cipher.ts);
 * headless mode uses AES-256-GCM with a machine-local key file
 * (./file-cipher.ts). Values never leave this object except through get():
 * the renderer is only told whether a secret is set.
 */
export interface SecretStore {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** Names of the stored secrets (never values), e.g. for "WEBKEY: set" in Settings. */
  names(): string[];
  /** Which cipher protects the file, for SECURITY.md and diagnostics. */
  readonly protection: string;
}

/** Encrypts one secret value; the output is opaque bytes. */
export interface SecretCipher {
  readonly name: string;
  encrypt(plain: Buffer): Buffer;
  /** Throws when the bytes were not made by this cipher/key or were altered. */
  decrypt(sealed: Buffer): Buffer;
}

export class SecretStoreError extends Error {
  constructor(
    readonly code: 'wrong_key' | 'corrupt' | 'cipher_mismatch' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'SecretStoreError';
  }
}

interface SecretFile {
  version: 1;
  cipher: string;
  /** name → base64 of the cipher's output. */
  secrets: Record<string, string>;
}

const validName = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Secrets in one JSON file, each value sealed by `cipher`. Written atomically
 * (temp file + rename) with mode 0600, so a crash never leaves half a file and
 * other local users cannot read even the ciphertext.
 */
export function createEncryptedFileSecretStore(file: string, cipher: SecretCipher): SecretStore {
  let data = readSecretFile(file, cipher.name);
  const save = () => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
    chmodSync(file, 0o600);
  };
  return {
    protection: cipher.name,
    get(name) {
      const sealed = data.secrets[name];
      if (sealed === undefined) return undefined;
      try {
        return cipher.decrypt(Buffer.from(sealed, 'base64')).toString('utf8');
      } catch {
        // Say which secret and why, never the bytes.
        throw new SecretStoreError('wrong_key', `secret "${name}" in ${file} cannot be decrypted (key changed or file altered)`);
      }
    },
    set(name, value) {
      if (!validName.test(name)) throw new SecretStoreError('corrupt', `invalid secret name "${name}"`);
      data = { ...data, secrets: { ...data.secrets, [name]: cipher.encrypt(Buffer.from(value, 'utf8')).toString('base64') } };
      save();
    },
    delete(name) {
      if (!(name in data.secrets)) return;
      const secrets = { ...data.secrets };
      delete secrets[name];
      data = { ...data, secrets };
      save();
    },
    names: () => Object.keys(data.secrets).sort(),
  };
}

function readSecretFile(file: string, cipherName: string): SecretFile {
  if (!existsSync(file)) return { version: 1, cipher: cipherName, secrets: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SecretStoreError('corrupt', `secret file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const candidate = parsed as Partial<SecretFile>;
  if (candidate?.version !== 1 || typeof candidate.secrets !== 'object' || candidate.secrets === null) {
    throw new SecretStoreError('corrupt', `secret file ${file} has an unknown format`);
  }
  if (candidate.cipher !== cipherName) {
    throw new SecretStoreError('cipher_mismatch', `secret file ${file} was written with ${String(candidate.cipher)}, this process uses ${cipherName}`);
  }
  for (const value of Object.values(candidate.secrets)) {
    if (typeof value !== 'string') throw new SecretStoreError('corrupt', `secret file ${file} has a non-text value`);
  }
  return candidate as SecretFile;
}
