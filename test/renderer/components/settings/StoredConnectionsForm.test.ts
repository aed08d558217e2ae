// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { StoredConnectionsView } from '@contract';
import StoredConnectionsForm from '../../../../renderer/src/components/settings/StoredConnectionsForm.vue';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { harness, type HarnessOptions } from '../support/harness';
import { actionRefused, type Answers } from '../support/fake-core';
import { settingsReads } from '../support/settings-reads';

const stored: StoredConnectionsView = {
  ami: [{ id: 'pbx1', host: '10.0.0.5', port: 5038, username: 'callboard', isSecretSet: true }],
  vendorApi: { baseUrl: 'http://10.0.0.5:8000', pollSeconds: 30 },
  source: 'settings',
  historySource: 'settings',
};

/** The form once the Settings page has read the stored connections. */
async function mountForm(answers: Answers = {}, options: HarnessOptions = {}) {
  const h = await harness({
    locale: 'en',
    answers: { ...settingsReads({ connections: stored }), 'settings.setConnections': () => ({ ok: true, value: stored }), ...answers },
    ...options,
  });
  await useSettingsStore().load();
  const wrapper = mount(StoredConnectionsForm, { global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}
const saveButton = (wrapper: VueWrapper) => wrapper.get<HTMLButtonElement>('[data-testid="stored-connections-save"]').element;
const confirmLines = (wrapper: VueWrapper) => wrapper.findAll('[data-testid="stored-connections-confirm"] .confirm').map((line) => line.text());
async function saveConfirmed(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('form').trigger('submit');
  await wrapper.get('[data-testid="stored-connections-confirm-confirm"]').trigger('click');
  await flushPromises();
}

describe('StoredConnectionsForm', () => {
  test('a new connection takes a PBX name; a stored one keeps its own; a name the core would refuse holds the save', async () => {
    const { wrapper, core } = await mountForm();
    expect(wrapper.get('[data-testid="stored-ami-0"] [data-testid="stored-ami-name"]').text()).toBe('pbx1');
    await wrapper.get('[data-testid="stored-ami-add"]').trigger('click');
    const added = wrapper.get('[data-testid="stored-ami-1"]');
    await added.get('[data-testid="stored-ami-host"]').setValue('10.0.0.6');
    await added.get('[data-testid="stored-ami-secret"]').setValue('s3cret');
    const name = added.get('[data-testid="stored-ami-name"]');
    for (const bad of ['bj:1', 'pbx1']) {
      await name.setValue(bad);
      expect([bad, saveButton(wrapper).disabled]).toEqual([bad, true]);
    }
    await name.setValue('sh');
    expect(saveButton(wrapper).disabled).toBe(false);
    await saveConfirmed(wrapper);
    expect((core.paramsOf('settings.setConnections')[0] as { ami: unknown[] }).ami).toEqual([
      { id: 'pbx1', host: '10.0.0.5', port: 5038, username: 'callboard' },
      { id: 'sh', host: '10.0.0.6', port: 5038, username: 'admin', secret: 's3cret' },
    ]);
  });

  test('a stored secret is kept, not sent, while its row points where it was typed for', async () => {
    const { wrapper, core } = await mountForm();
    expect(wrapper.find('[data-testid="stored-ami-secret-set"]').exists()).toBe(true);
    await wrapper.get('form').trigger('submit');
    expect(confirmLines(wrapper)).toEqual([
      'The AMI secret of callboard goes to 10.0.0.5:5038.',
      'Callboard polls the PBX API at http://10.0.0.5:8000, signing with the WEBKEY.',
    ]);
    await wrapper.get('[data-testid="stored-connections-confirm-confirm"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setConnections')).toEqual([{
      isConfirmed: true, ami: [{ id: 'pbx1', host: '10.0.0.5', port: 5038, username: 'callboard' }], vendorApi: { baseUrl: 'http://10.0.0.5:8000', pollSeconds: 30 }, history: null,
    }]);
    expect(wrapper.get('[data-testid="stored-connections-message"]').text()).toBe('Saved, restart Callboard to apply');
  });

  test('moving a row to another address holds the save until its secret is typed again, said in each language', async () => {
    const { wrapper, core, setLocale } = await mountForm();
    await wrapper.get('[data-testid="stored-ami-host"]').setValue('10.0.0.6');
    expect(saveButton(wrapper).disabled).toBe(true);
    expect(wrapper.get('[data-testid="stored-ami-secret-again"]').text()).toBe('The address changed: type the secret again (a stored secret is never sent to another address).');
    await setLocale('zh-CN');
    expect(wrapper.get('[data-testid="stored-ami-secret-again"]').text()).toBe('地址已更改：请重新输入密码（已保存的密码不会发送到其他地址）。');

    await wrapper.get('[data-testid="stored-ami-secret"]').setValue('n3w');
    expect(saveButton(wrapper).disabled).toBe(false);
    await saveConfirmed(wrapper);
    expect(core.paramsOf('settings.setConnections')[0]?.ami).toEqual([{ id: 'pbx1', host: '10.0.0.6', port: 5038, username: 'callboard', secret: 'n3w' }]);
  });

  test('with every row removed and no vendor URL the confirmation says nothing is kept; a refusal is shown', async () => {
    const { wrapper, core } = await mountForm({ 'settings.setConnections': () => actionRefused('invalid', 'ami: at most 4') });
    await wrapper.get('[data-testid="stored-ami-remove"]').trigger('click');
    await wrapper.get('[data-testid="stored-vendor-url"]').setValue('  ');
    await wrapper.get('form').trigger('submit');
    expect(confirmLines(wrapper)).toEqual(['No PBX connection will be kept.']);
    await wrapper.get('[data-testid="stored-connections-confirm-confirm"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setConnections')).toEqual([{ isConfirmed: true, ami: [], vendorApi: null, history: null }]);
    expect(wrapper.get('[data-testid="stored-connections-message"]').text()).toBe('ami: at most 4');
  });

  test('a shared history is shown with its password as ***, sent back as shown, and named in the confirmation without the password', async () => {
    const withHistory = { ...stored, history: { url: 'postgres://***@10.0.0.9:5432/callboard', pbx: 'site-a' } };
    const { wrapper, core } = await mountForm({ ...settingsReads({ connections: withHistory }) }, { locale: 'zh-CN' });
    expect(wrapper.get<HTMLInputElement>('[data-testid="stored-history-url"]').element.value).toBe('postgres://***@10.0.0.9:5432/callboard');
    expect(wrapper.find('[data-testid="stored-history-flags"]').exists()).toBe(false);
    await wrapper.get('[data-testid="stored-history-url"]').setValue('postgres://cb:n3w-pw@10.0.0.10:5432/callboard');
    await wrapper.get('form').trigger('submit');
    expect(confirmLines(wrapper).at(-1)).toBe('与共享历史库 postgres://***@10.0.0.10:5432/callboard 同步通话、设置和审计日志');
    await wrapper.get('[data-testid="stored-connections-confirm-confirm"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setConnections')[0]?.history).toEqual({ url: 'postgres://cb:n3w-pw@10.0.0.10:5432/callboard', pbx: 'site-a' });
  });

  test('the shared history is tested with the URL as typed or shown, and the answer is said in the page\'s language', async () => {
    const { wrapper, core } = await mountForm({ 'settings.testHistory': () => ({ code: 'refused', message: 'connect ECONNREFUSED 10.0.0.9:5432', elapsedMs: 12 }) }, { locale: 'en' });
    const button = () => wrapper.get<HTMLButtonElement>('[data-testid="stored-history-test"]').element;
    expect(button().disabled).toBe(true);
    await wrapper.get('[data-testid="stored-history-url"]').setValue('postgres://cb:pw@10.0.0.9:5432/callboard');
    await wrapper.get('[data-testid="stored-history-test"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.testHistory')).toEqual([{ url: 'postgres://cb:pw@10.0.0.9:5432/callboard' }]);
    const result = wrapper.get('[data-testid="stored-history-result"]');
    expect([result.attributes('data-code'), result.text().replace(/\s+/g, ' ')]).toEqual(['refused', '✕ Cannot connect (port closed or host unreachable) connect ECONNREFUSED 10.0.0.9:5432 (12 ms)']);
  });

  test('a read-only screen is refused the stored connections and shows no form', async () => {
    const { wrapper } = await mountForm({}, { role: 'read' });
    expect(wrapper.find('[data-testid="stored-connections"]').exists()).toBe(false);
  });
});
