/** The gateway's push delivery as the card shows it; each part absent when the core did not write it. */
export interface PushDelivery {
  pending?: string;
  delivered?: string;
  lastError?: string;
  /** ISO time of the next attempt. */
  nextRetryAt?: string;
}

/**
 * Reads the 'gateway-push' connection's detail, which core/gateway/gateway.ts pushConnectionOf
 * writes as "N pending; N delivered; last error: …; next retry at ISO" (parts left out when not known).
 */
export function pushDeliveryOf(detail: string | undefined): PushDelivery {
  const parts = detail?.split('; ') ?? [];
  const find = (pattern: RegExp) => parts.map((part) => pattern.exec(part)?.[1]).find((value) => value !== undefined);
  return {
    pending: find(/^(\d+) pending$/),
    delivered: find(/^(\d+) delivered$/),
    lastError: find(/^last error: (.+)$/),
    nextRetryAt: find(/^next retry at (.+)$/),
  };
}
