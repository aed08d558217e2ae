import pg from 'pg';
import type { ConnectionTestResult } from '../../contract/methods/settings';
import { redactUrlCredentials } from '../../base/redact-url';

/**
 * One connection to a PostgreSQL history and `SELECT 1`, for the Settings page's test: no
 * migration, nothing written. The answer names the failure as the other tests do, and its
 * message never carries the URL's password.
 */
export async function probeHistoryDatabase(url: string, timeoutMs: number): Promise<ConnectionTestResult> {
  const startedAt = Date.now();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  // An error after the answer (the server closing) must not be an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { code: 'ok', elapsedMs: Date.now() - startedAt };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const kind = code === '28P01' || code === '28000' ? 'auth_failed'
      : code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND' ? 'refused'
        : /timeout/i.test(message ?? '') ? 'timeout' : 'error';
    return { code: kind, message: redactUrlCredentials(message ?? String(error)), elapsedMs: Date.now() - startedAt };
  } finally {
    await client.end().catch(() => undefined);
  }
}
