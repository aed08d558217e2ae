import { describe, expect, test } from 'vitest';
import { failureMessageKey, failureOf, type FailureCode } from '../../../renderer/src/domain/action-errors';
import { messages } from '../../../renderer/src/i18n';

const { 'zh-CN': zhCN, en } = messages;

const actionCodes = ['not_found', 'not_in_call', 'pbx_refused', 'disconnected', 'invalid', 'forbidden', 'timeout', 'unsupported', 'exists'] as const;

describe('failureOf', () => {
  test('an ActionResult error keeps its code and the core message as detail', () => {
    for (const code of actionCodes) expect(failureOf({ code, message: `why ${code}` })).toEqual({ code, detail: `why ${code}` });
  });

  test('an ApiError-like value (transport ContractError under .error) is unwrapped', () => {
    const apiError = Object.assign(new Error('actions.pause: forbidden: read-only'), { error: { code: 'forbidden', message: 'this client may only read' } });
    expect(failureOf(apiError)).toEqual({ code: 'forbidden', detail: 'this client may only read' });
  });

  test('the WebSocket bridge dropping the link reads as disconnected, other internal errors stay internal', () => {
    expect(failureOf({ code: 'internal', message: 'disconnected from Callboard core' }).code).toBe('disconnected');
    expect(failureOf({ code: 'internal', message: 'handler threw' }).code).toBe('internal');
  });

  test('anything else is unknown, with its text kept', () => {
    expect(failureOf(new Error('boom'))).toEqual({ code: 'unknown', detail: 'boom' });
    expect(failureOf({ code: 'teapot', message: 'x' }).code).toBe('unknown');
    expect(failureOf(undefined)).toEqual({ code: 'unknown', detail: '' });
  });
});

describe('every failure code has a message in both languages', () => {
  const codes: FailureCode[] = [...actionCodes, 'bad_request', 'unknown_method', 'internal', 'unknown'];
  const lookup = (messages: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  for (const [name, messages] of [['zh-CN', zhCN], ['en', en]] as const) {
    test(name, () => {
      for (const code of codes) {
        const text = lookup(messages, failureMessageKey(code));
        expect(typeof text, `${name} ${code}`).toBe('string');
        expect((text as string).length).toBeGreaterThan(3);
      }
    });
  }

  test('the two languages say different things (zh-CN is not an English copy)', () => {
    expect(lookup(zhCN, failureMessageKey('not_in_call'))).not.toBe(lookup(en, failureMessageKey('not_in_call')));
  });
});
