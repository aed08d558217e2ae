import { failureMessageKey, failureOf, type ActionFailure, type FailureCode } from './action-errors';

/** Codes a recording request fails with that deserve their own words (else the actions' table is used). */
const recordingCodes: ReadonlySet<FailureCode> = new Set<FailureCode>(['not_found', 'unsupported', 'disconnected', 'forbidden', 'invalid', 'pbx_refused']);

/** The i18n key explaining why a recording cannot be had. */
export function recordingFailureKey(code: FailureCode): string {
  return recordingCodes.has(code) ? `actions.recording.errors.${code}` : failureMessageKey(code);
}

/**
 * Why <audio> could not load `url`: the element only says "error", so ask the
 * server once (one byte) for its JSON answer. Undefined when the server serves
 * the file: the browser itself cannot decode it.
 */
export async function probeRecording(url: string, fetcher: typeof fetch = fetch): Promise<ActionFailure | undefined> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: { range: 'bytes=0-0' } });
  } catch (error) {
    return failureOf(error);
  }
  if (response.ok) return undefined;
  const text = await response.text().catch(() => '');
  try {
    const failure = failureOf(JSON.parse(text));
    if (failure.code !== 'unknown') return failure;
  } catch {
    // not JSON: a proxy's or server's own error page
  }
  return { code: 'unknown', detail: `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
}
