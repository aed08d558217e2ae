// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { GatewaySettings } from '@contract';
import GatewayCard from '../../../../renderer/src/components/settings/GatewayCard.vue';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { harness, type HarnessOptions } from '../support/harness';
import { actionRefused, type Answers } from '../support/fake-core';
import { gatewayOff, settingsReads } from '../support/settings-reads';
import { connection, snapshot } from '../../../support/live-model';

/** The card once the Settings page has read the core's settings. */
async function mountCard(gateway: GatewaySettings, answers: Answers = {}, options: HarnessOptions = {}) {
  const h = await harness({
    locale: 'en',
    answers: { ...settingsReads({ gateway }), 'settings.setGateway': (params) => ({ ok: true, value: 'isEnabled' in params ? { ...gateway, isEnabled: params.isEnabled } : gateway }), ...answers },
    ...options,
  });
  await useSettingsStore().load();
  const wrapper = mount(GatewayCard, { global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}
const confirmLines = (wrapper: VueWrapper) => wrapper.findAll('[data-testid="gateway-confirm"] .confirm').map((line) => line.text());

describe('GatewayCard', () => {
  test('saving asks first, saying who may reach the listener and where pushes go', async () => {
    const { wrapper, core } = await mountCard(gatewayOff);
    await wrapper.get('[data-testid="gateway-enabled"]').setValue(true);
    await wrapper.get('[data-testid="gateway-bind-port"]').setValue(8001);
    await wrapper.get('[data-testid="gateway-url"]').setValue(' http://crm.local/push ');
    await wrapper.get('form').trigger('submit');
    expect(confirmLines(wrapper)).toEqual([
      'From its next start Callboard listens on 0.0.0.0:8001 with no WEBKEY check: whoever can reach it may dial, transfer and hang up calls.',
      'Events of every call will be pushed to http://crm.local/push.',
    ]);
    expect(core.methods).not.toContain('settings.setGateway');

    await wrapper.get('[data-testid="gateway-webkey"]').setValue('s3cret');
    expect(confirmLines(wrapper)[0]).toMatch(/and knows the WEBKEY/);
    await wrapper.get('[data-testid="gateway-confirm-confirm"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setGateway')).toEqual([{
      isConfirmed: true, isEnabled: true, bindHost: '0.0.0.0', bindPort: 8001, pauseTime: false, wrapupSeconds: 30, mac: '', url: 'http://crm.local/push', webkey: 's3cret',
    }]);
    expect(wrapper.get('[data-testid="gateway-message"]').text()).toBe('Saved; restart Callboard to apply.');
  });

  test('a kept WEBKEY is neither shown nor sent, unless dropped on purpose', async () => {
    const { wrapper, core } = await mountCard({ ...gatewayOff, isEnabled: true, isWebkeySet: true });
    expect(wrapper.get<HTMLInputElement>('[data-testid="gateway-webkey"]').element.value).toBe('');
    await wrapper.get('form').trigger('submit');
    expect(confirmLines(wrapper)[0]).toMatch(/and knows the WEBKEY/);
    await wrapper.get('[data-testid="gateway-confirm-confirm"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setGateway')[0]).not.toHaveProperty('webkey');

    await wrapper.get('[data-testid="gateway-clear-webkey"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    expect(confirmLines(wrapper)[0]).toMatch(/with no WEBKEY check/);
    await wrapper.get('[data-testid="gateway-confirm-confirm"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setGateway')[1]).toMatchObject({ webkey: '' });
  });

  test('cancelling sends nothing; a refusal is shown as the core said it, in Chinese too', async () => {
    const { wrapper, core } = await mountCard(gatewayOff, { 'settings.setGateway': () => actionRefused('invalid', 'bindPort: in use') }, { locale: 'zh-CN' });
    await wrapper.get('form').trigger('submit');
    expect(confirmLines(wrapper)).toEqual(['网关保持关闭。']);
    await wrapper.get('[data-testid="gateway-confirm-cancel"]').trigger('click');
    expect(core.methods).not.toContain('settings.setGateway');
    await wrapper.get('form').trigger('submit');
    await wrapper.get('[data-testid="gateway-confirm-confirm"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="gateway-message"]').text()).toBe('bindPort: in use');
  });

  test('the push delivery reads the gateway\'s connection from the live model', async () => {
    const none = await mountCard(gatewayOff);
    expect(none.wrapper.get('[data-testid="gateway-delivery-none"]').text()).toBe('The gateway is not running or has no push URL.');

    const push = connection('gateway-push', { kind: 'receiver', target: 'http://crm.local/push', state: 'lost', detail: '4 pending; 9 delivered; last error: HTTP 502' });
    const { wrapper } = await mountCard(gatewayOff, {}, { live: snapshot({ connections: [push] }) });
    expect(wrapper.get('[data-testid="gateway-delivery"]').attributes('data-state')).toBe('lost');
    expect(wrapper.get('[data-testid="gateway-pending"]').text()).toBe('4');
    expect(wrapper.get('[data-testid="gateway-last-error"]').text()).toBe('HTTP 502');
    expect(wrapper.find('[data-testid="gateway-next-retry"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="gateway-refused"]').exists()).toBe(false);

    const refusing = connection('gateway-push', { kind: 'receiver', target: 'http://crm.local/push', detail: '0 pending; 9 delivered; 2 refused by the receiver' });
    const refused = await mountCard(gatewayOff, {}, { live: snapshot({ connections: [refusing] }) });
    expect(refused.wrapper.get('[data-testid="gateway-refused"]').text()).toBe('2');
  });
});
