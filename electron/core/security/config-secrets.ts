import type { CoreConfig } from '../config/config';
import { secretNames } from './headless-secrets';
import type { SecretStore } from './secret-store';

/**
 * Secrets in the store fill the ones the configuration leaves empty (flags,
 * environment and config files still win, so a one-off `--webkey` works).
 * Secrets given explicitly are saved when `remember` is set, so the next
 * start needs no secret on the command line or in a plain-text file.
 */
export function applyStoredSecrets(config: CoreConfig, store: SecretStore, options: { remember?: boolean } = {}): CoreConfig {
  const smtp = config.reports?.smtp ? { ...config.reports.smtp } : undefined;
  const filled: CoreConfig = { ...config, ami: config.ami.map((target) => ({ ...target })), ...(smtp ? { reports: { ...config.reports, smtp } } : {}) };
  const fill = (name: string, current: string | undefined, set: (value: string) => void) => {
    if (current) {
      if (options.remember && store.get(name) !== current) store.set(name, current);
      return;
    }
    const stored = store.get(name);
    if (stored !== undefined) set(stored);
  };
  fill(secretNames.webkey, filled.webkey, (value) => (filled.webkey = value));
  fill(secretNames.token, filled.token, (value) => (filled.token = value));
  for (const target of filled.ami) fill(secretNames.ami(target.id), target.secret, (value) => (target.secret = value));
  // Only for a relay that logs in: a stored password never goes to a relay configured without a user.
  if (smtp?.user) fill(secretNames.smtp, smtp.password, (value) => (smtp.password = value));
  return filled;
}

/** Every secret value of a configuration, for redactingLogger. */
export function secretValuesOf(config: CoreConfig): string[] {
  return [config.webkey, config.token, ...config.tokens.map(({ token }) => token), ...config.ami.map((target) => target.secret), config.reports?.smtp?.password].filter((value): value is string => !!value);
}
