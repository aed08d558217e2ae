export { TokenBucketLimiter, rateLimited, clientKey, type TokenBucketOptions } from './rate-limit';
export { createEncryptedFileSecretStore, SecretStoreError, type SecretCipher, type SecretStore } from './secret-store';
export { aesGcmKeyFileCipher, readOrCreateKeyFile } from './file-cipher';
export { headlessSecretStore, secretNames } from './headless-secrets';
export { contentSecurityPolicy, isPermissionAllowed } from './csp';
export { trustedUrlMatcher, isExternalLinkAllowed } from './navigation';
export { ReloadGuard } from './reload-guard';
export { applyStoredSecrets, secretValuesOf } from './config-secrets';
export { appOrigin, appPageUrl, appScheme, appSchemePrivileges, isAppUrl } from './app-protocol';
