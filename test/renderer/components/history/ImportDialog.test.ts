// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Job } from '@contract';
import ImportDialog from '../../../../renderer/src/components/history/ImportDialog.vue';
import { useJobsStore } from '../../../../renderer/src/stores/jobs';
import { harness, type Harness } from '../support/harness';
import { extension, queue, snapshot, testNow } from '../../../support/live-model';

/** What POST /api/import was sent, and the answer the test gives it (the upload goes over HTTP, not the bridge). */
interface Upload {
  url: string;
  method?: string;
  body?: BodyInit | null;
}

function serveImport(status: number, reply: object): Upload[] {
  const uploads: Upload[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) => {
    uploads.push({ url, method: init.method, body: init.body });
    return Promise.resolve(new Response(JSON.stringify(reply), { status, headers: { 'content-type': 'application/json' } }));
  });
  return uploads;
}
afterEach(() => vi.unstubAllGlobals());

async function mountDialog(locale: 'zh-CN' | 'en' = 'en'): Promise<{ h: Harness; wrapper: VueWrapper }> {
  const h = await harness({ locale });
  return { h, wrapper: mount(ImportDialog, { props: { open: true }, global: h.global }) };
}

async function choose(wrapper: VueWrapper, name: string): Promise<File> {
  const file = new File(['uniqueid,calldate\n'], name);
  const input = wrapper.get('[data-testid="import-file"]');
  Object.defineProperty(input.element, 'files', { value: [file] });
  await input.trigger('change');
  return file;
}

const job = (parts: Partial<Job>): Job => ({ id: 'imp-1', kind: 'import', label: 'calls.csv', state: 'running', done: 0, unit: 'bytes', startedAt: testNow, ...parts });
const startButton = (wrapper: VueWrapper) => wrapper.get<HTMLButtonElement>('[data-testid="import-start"]').element;

describe('ImportDialog', () => {
  test('nothing to start without a file; a .csv file picks the CSV format', async () => {
    const { wrapper } = await mountDialog();
    expect(startButton(wrapper).disabled).toBe(true);
    await choose(wrapper, 'Calls-December.CSV');
    expect(startButton(wrapper).disabled).toBe(false);
    expect(wrapper.get<HTMLSelectElement>('[data-testid="import-format"]').element.value).toBe('csv');
  });

  test('uploads the file with its format and table, then follows the core\'s job to its result', async () => {
    const uploads = serveImport(202, { jobId: 'imp-1' });
    const { h, wrapper } = await mountDialog();
    const file = await choose(wrapper, 'calls.csv');
    await wrapper.get('[data-testid="import-table"]').setValue('cdr');
    await wrapper.get('[data-testid="import-start"]').trigger('click');
    await flushPromises();
    expect(uploads).toEqual([{ url: '/api/import?format=csv&name=calls.csv&table=cdr', method: 'POST', body: file }]);
    // Accepted, but the core has not reported the job yet: still busy.
    expect(wrapper.get('[data-testid="import-progress"] .muted').text()).toBe('Uploading…');
    expect(startButton(wrapper).disabled).toBe(true);

    h.core.push([{ kind: 'job', job: job({ done: 250, total: 1_000, rows: 1_200 }) }]);
    await flushPromises();
    expect(wrapper.get('[data-testid="import-progress"] .muted').text()).toBe('Importing… 25% (1200 rows read)');

    h.core.push([{ kind: 'job', job: job({ state: 'done', done: 1_000, total: 1_000, rows: 1_198, errorCount: 2, errors: [{ line: 7, message: 'no calldate' }] }) }]);
    await flushPromises();
    expect(wrapper.emitted('done')).toHaveLength(1);
    expect(wrapper.get('[data-testid="import-result"] b').text()).toBe('1198 rows imported');
    expect(wrapper.get('.errors-count').text()).toBe('2 lines skipped');
    expect(wrapper.get('.errors li').text()).toBe('line 7: no calldate');
    expect(startButton(wrapper).disabled).toBe(false);

    await h.setLocale('zh-CN');
    expect(wrapper.get('[data-testid="import-result"] b').text()).toBe('已导入 1198 行');
  });

  test('a refused upload says why in the supervisor\'s language', async () => {
    serveImport(403, { error: { message: 'forbidden' } });
    const zh = await mountDialog('zh-CN');
    await choose(zh.wrapper, 'calls.jsonl');
    await zh.wrapper.get('[data-testid="import-start"]').trigger('click');
    await flushPromises();
    expect(zh.wrapper.get('[data-testid="import-failure"]').text()).toBe('导入需要操作员权限。');

    serveImport(413, {});
    const en = await mountDialog('en');
    await choose(en.wrapper, 'huge.jsonl');
    await en.wrapper.get('[data-testid="import-start"]').trigger('click');
    await flushPromises();
    expect(en.wrapper.get('[data-testid="import-failure"]').text()).toBe('The file is too large (limit 512 MB).');

    serveImport(400, { error: { message: 'unknown table "cdrx"' } });
    await en.wrapper.get('[data-testid="import-start"]').trigger('click');
    await flushPromises();
    expect(en.wrapper.get('[data-testid="import-failure"]').text()).toBe('unknown table "cdrx"');
  });

  test('closing after a finished import forgets its job and tells the page', async () => {
    serveImport(202, { jobId: 'imp-1' });
    const { h, wrapper } = await mountDialog();
    await choose(wrapper, 'calls.csv');
    await wrapper.get('[data-testid="import-start"]').trigger('click');
    await flushPromises();
    h.core.push([{ kind: 'job', job: job({ state: 'failed', message: 'bad header' }) }]);
    await flushPromises();
    expect(wrapper.get('[data-testid="import-progress"] .muted').text()).toBe('Import failed: bad header');
    await wrapper.get('[data-testid="import-close"]').trigger('click');
    expect(wrapper.emitted('close')).toHaveLength(1);
    expect(wrapper.find('[data-testid="import-progress"]').exists()).toBe(false);
    expect(useJobsStore().jobs).toEqual({});
  });

  test('a console of several PBXs asks which PBX the file is from, and sends it; a console of one does not ask', async () => {
    const uploads = serveImport(202, { jobId: 'imp-1' });
    const live = snapshot({
      extensions: [extension('bj:800', { pbx: 'bj' }), extension('sh:800', { pbx: 'sh' })],
      queues: [{ ...queue('bj:600'), pbx: 'bj' }, { ...queue('sh:600'), pbx: 'sh' }],
    });
    const h = await harness({ live, locale: 'zh-CN' });
    const wrapper = mount(ImportDialog, { props: { open: true }, global: h.global });
    await choose(wrapper, 'queue_log.csv');
    const select = wrapper.get<HTMLSelectElement>('[data-testid="import-pbx"]');
    expect([...select.element.options].map((option) => option.text)).toEqual(['请选择 PBX', 'bj', 'sh']);
    expect(startButton(wrapper).disabled).toBe(true);
    await select.setValue('sh');
    expect(startButton(wrapper).disabled).toBe(false);
    await wrapper.get('[data-testid="import-start"]').trigger('click');
    await flushPromises();
    expect(uploads.map((upload) => upload.url)).toEqual(['/api/import?format=csv&name=queue_log.csv&pbx=sh']);

    const { wrapper: single } = await mountDialog();
    expect(single.find('[data-testid="import-pbx"]').exists()).toBe(false);
  });
});
