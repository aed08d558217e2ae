// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { AuditEntry } from '@contract';
import AuditView from '../../../../renderer/src/views/AuditView.vue';
import { harness } from '../support/harness';
import { testNow } from '../../../support/live-model';

// The audit page of a console on a shared history: its own acts and the other consoles', in time order.

const entries: AuditEntry[] = [
  { id: 9, at: testNow, who: 'operator:wang@10.0.0.7', action: 'queue.pause', target: '801', params: { queue: '630', reason: 'lunch' }, result: 'ok', console: '3f0c2a9e-5b1d-4c7e-9a11-2b6f0d8e4c55' },
  { id: 4, at: testNow - 60_000, who: 'desktop', action: 'queue.unpause', target: '801', params: { queue: '630' }, result: 'ok' },
];

describe('AuditView', () => {
  test("marks another console's act with that console, and leaves this console's own unmarked", async () => {
    const h = await harness({ locale: 'zh-CN', answers: { 'audit.list': () => entries, 'settings.pauseReasons': () => [] } });
    const page = mount(AuditView, { global: h.global });
    await h.settle();
    const marks = page.findAll('[data-testid="audit-who-cell"]').map((cell) => cell.find('[data-testid="audit-console"]'));
    expect(marks[0]!.text()).toBe('另一台控制台 3f0c2a9e');
    expect(marks[0]!.attributes('title')).toBe('3f0c2a9e-5b1d-4c7e-9a11-2b6f0d8e4c55');
    expect(marks[1]!.exists()).toBe(false);
    await h.setLocale('en');
    expect(page.get('[data-testid="audit-console"]').text()).toBe('at another console (3f0c2a9e)');
  });
});
