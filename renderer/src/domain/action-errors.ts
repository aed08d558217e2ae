import type { ActionError, ContractError } from '@contract';

/**
 * Why an action failed, in words a supervisor can act on. The core answers
 * ActionResult errors (contract/method.ts ActionError) and transport errors
 * (transport.ts ContractError: forbidden for a read-only session, internal when
 * the link to the core drops); both are folded into one code here so the UI has
 * one i18n table (`actions.errors.<code>`), with the core's English detail kept
 * as a secondary line for whoever reads the audit log.
 */
export type FailureCode = ActionError['code'] | ContractError['code'] | 'unknown';

export interface ActionFailure {
  code: FailureCode;
  /** The core's own message (English, technical), shown small under the translated reason. */
  detail: string;
}

const knownCodes: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'not_found', 'not_in_call', 'pbx_refused', 'disconnected', 'invalid', 'forbidden', 'timeout', 'unsupported', 'exists',
  'bad_request', 'unknown_method', 'internal', 'unknown',
]);

function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && knownCodes.has(value as FailureCode);
}

/** A failure from an ActionResult error, an ApiError (`.error` is a ContractError) or anything thrown. */
export function failureOf(reason: unknown): ActionFailure {
  if (reason && typeof reason === 'object') {
    const holder = reason as { code?: unknown; message?: unknown; error?: { code?: unknown; message?: unknown } };
    const inner = holder.error && typeof holder.error === 'object' ? holder.error : holder;
    if (isFailureCode(inner.code)) {
      // A dropped link to the core is, to the supervisor, the same as a dropped PBX: nothing was done.
      const code = inner.code === 'internal' && /disconnected/i.test(String(inner.message ?? '')) ? 'disconnected' : inner.code;
      return { code, detail: typeof inner.message === 'string' ? inner.message : '' };
    }
  }
  return { code: 'unknown', detail: reason instanceof Error ? reason.message : String(reason ?? '') };
}

/** The i18n key of a failure's explanation. */
export function failureMessageKey(code: FailureCode): string {
  return `actions.errors.${code}`;
}
