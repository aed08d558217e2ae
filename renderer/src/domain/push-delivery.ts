/** The gateway's push delivery as the card shows it; each part absent when the core did not write it. */
export interface PushDelivery {
  pending?: string;
  delivered?: string;
  /** Pushes the receiver answered with a refusal (4xx): dropped, not retried. */
  refused?: string;
  lastError?: string;
  /** ISO time of the next attempt. */
  nextRetryAt?: string;
}

/**
 * Reads the 'gateway-push' connection's detail, which core/gateway/gateway.ts pushConnectionOf
 * writes as "N pending; N delivered; N refused by the receiver; last error: …; next retry at ISO"
 * (parts left out when not known).
 */
export function pushDeliveryOf(detail: string | undefined): PushDelivery {
  const parts = detail?.split('; ') ?? [];
  const find = (pattern: RegExp) => parts.map((part) => pattern.exec(part)?.[1]).find((value) => value !== undefined);
  return {
    pending: find(/^(\d+) pending$/),
    delivered: find(/^(\d+) delivered$/),
    refused: find(/^(\d+) refused by the receiver$/),
    lastError: find(/^last error: (.+)$/),
    nextRetryAt: find(/^next retry at (.+)$/),
  };
}
