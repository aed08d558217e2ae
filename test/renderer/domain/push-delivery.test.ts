import { describe, expect, test } from 'vitest';
import { pushDeliveryOf } from '../../../renderer/src/domain/push-delivery';

describe('push delivery', () => {
  test('reads every part the gateway writes, in any order, ignoring the ones the card does not show', () => {
    const detail = '3 pending; 120 delivered; 2 refused by the receiver; last error: connect ECONNREFUSED 10.0.0.9:80; next retry at 2026-12-06T10:00:05.000Z';
    expect(pushDeliveryOf(detail)).toEqual({ pending: '3', delivered: '120', refused: '2', lastError: 'connect ECONNREFUSED 10.0.0.9:80', nextRetryAt: '2026-12-06T10:00:05.000Z' });
  });

  test('a healthy gateway writes counts only; no detail at all reads as nothing known', () => {
    expect(pushDeliveryOf('0 pending; 7 delivered')).toEqual({ pending: '0', delivered: '7', refused: undefined, lastError: undefined, nextRetryAt: undefined });
    expect(pushDeliveryOf(undefined)).toEqual({ pending: undefined, delivered: undefined, refused: undefined, lastError: undefined, nextRetryAt: undefined });
  });
});
