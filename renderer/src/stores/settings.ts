import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ActionResult, PauseReason, WrapupOptions } from '@contract';
import type { ConnectionTestResult, GatewaySettings, ReceiverUrls, StoredConnectionsView } from '@contract';
import { ApiError, useCoreClient } from '../api';

export interface AmiTestForm {
  host: string;
  port: number;
  username: string;
  /** Sent once for the test; never stored in the renderer beyond the form field. */
  secret: string;
}

export interface VendorTestForm {
  baseUrl: string;
  webkey: string;
}

/** The gateway form: webkey empty = keep the stored one (the core never sends it back). */
export interface GatewayForm {
  isEnabled: boolean;
  bindHost: string;
  bindPort: number;
  url: string;
  webkey: string;
  /** Explicitly drop the stored WEBKEY (no check, no header). */
  clearWebkey: boolean;
  mac: string;
  popUrl: string;
  pauseTime: boolean;
  wrapupSeconds: number;
}

/** One row of the stored-connections form: secret empty = keep the stored one (never sent back by the core). */
export interface StoredAmiForm {
  id?: string;
  host: string;
  port: number;
  username: string;
  secret: string;
  isSecretSet: boolean;
  /** Explicitly drop the stored secret. */
  clearSecret: boolean;
  /** Where the stored secret belongs; a row moved elsewhere must have its secret typed again. */
  storedAddress?: string;
}

/** The core keeps a stored AMI secret only for the address it was typed for. */
export function needsSecretAgain(row: StoredAmiForm): boolean {
  return row.storedAddress !== undefined && row.isSecretSet && !row.clearSecret && row.secret === '' && `${row.host.trim()}:${Number(row.port)}` !== row.storedAddress;
}

type Saved = { ok: true } | { ok: false; message: string };

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.error.message : error instanceof Error ? error.message : String(error);
}

function savedOf(result: ActionResult<unknown>): Saved {
  return result.ok ? { ok: true } : { ok: false, message: result.error.message };
}

/**
 * The core-side settings of the Settings page (settings.* and the pause reason /
 * wrap-up methods of the actions domain). Thresholds have their own store, read by
 * the wallboard.
 */
export const useSettingsStore = defineStore('settings', () => {
  const client = useCoreClient();
  const retentionDays = ref<number>();
  const receiver = shallowRef<ReceiverUrls>();
  const pauseReasons = ref<PauseReason[]>([]);
  const wrapup = ref<WrapupOptions>();
  const amiTest = shallowRef<ConnectionTestResult>();
  const vendorTest = shallowRef<ConnectionTestResult>();
  const historyTest = shallowRef<ConnectionTestResult>();
  const isTesting = ref<'ami' | 'vendor' | 'history'>();
  const loadError = ref<string>();
  const gateway = shallowRef<GatewaySettings>();
  const connections = shallowRef<StoredConnectionsView>();

  async function load(): Promise<void> {
    loadError.value = undefined;
    try {
      const [reasons, wrapupOptions] = await Promise.all([
        client.call('settings.pauseReasons', {}),
        client.call('settings.wrapup', {}),
      ]);
      pauseReasons.value = reasons.map((reason) => ({ ...reason, labels: { ...reason.labels } }));
      wrapup.value = wrapupOptions;
      const [retention, urls] = await Promise.all([client.call('settings.retention', {}), client.call('settings.receiverUrls', {})]);
      retentionDays.value = retention.rawEventDays;
      receiver.value = urls;
      gateway.value = await client.call('settings.gateway', {});
      connections.value = await client.call('settings.connections', {});
    } catch (error) {
      loadError.value = messageOf(error);
    }
  }

  async function saveRetention(days: number): Promise<Saved> {
    try {
      const saved = savedOf(await client.call('settings.setRetention', { rawEventDays: days }));
      if (saved.ok) retentionDays.value = days;
      return saved;
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  async function savePauseReasons(reasons: PauseReason[]): Promise<Saved> {
    try {
      const saved = savedOf(await client.call('settings.setPauseReasons', { reasons: reasons.filter((reason) => !reason.isSystem) }));
      if (saved.ok) await load();
      return saved;
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  async function saveWrapup(options: WrapupOptions): Promise<Saved> {
    try {
      const saved = savedOf(await client.call('settings.setWrapup', options));
      if (saved.ok) wrapup.value = { ...options };
      return saved;
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  /**
   * Stores the form, or imports an api.conf text; the core applies it at its next start.
   * The caller has asked the supervisor first (it opens a listener): hence isConfirmed.
   */
  async function saveGateway(input: GatewayForm | { apiConfText: string }): Promise<Saved> {
    const params =
      'apiConfText' in input
        ? { apiConfText: input.apiConfText, isConfirmed: true as const }
        : {
            isConfirmed: true as const,
            isEnabled: input.isEnabled,
            bindHost: input.bindHost.trim(),
            bindPort: Number(input.bindPort),
            pauseTime: input.pauseTime,
            wrapupSeconds: Number(input.wrapupSeconds),
            mac: input.mac.trim(),
            ...(input.url.trim() ? { url: input.url.trim() } : {}),
            ...(input.popUrl.trim() ? { popUrl: input.popUrl.trim() } : {}),
            ...(input.clearWebkey ? { webkey: '' } : input.webkey ? { webkey: input.webkey } : {}),
          };
    try {
      const result = await client.call('settings.setGateway', params);
      if (result.ok) gateway.value = result.value;
      return savedOf(result);
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  /** Stores the PBX connections (the caller has asked first: secrets go where they say); the core applies them at its next start. */
  async function saveConnections(ami: StoredAmiForm[], vendorBaseUrl: string, history: { url: string; pbx: string } = { url: '', pbx: '' }): Promise<Saved> {
    const baseUrl = vendorBaseUrl.trim();
    const historyUrl = history.url.trim();
    const params = {
      isConfirmed: true as const,
      ami: ami.map((target) => ({
        ...(target.id ? { id: target.id } : {}),
        host: target.host.trim(),
        port: Number(target.port),
        username: target.username.trim(),
        ...(target.clearSecret ? { secret: '' } : target.secret ? { secret: target.secret } : {}),
      })),
      vendorApi: baseUrl ? { baseUrl, ...(connections.value?.vendorApi ? { pollSeconds: connections.value.vendorApi.pollSeconds } : {}) } : null,
      history: historyUrl ? { url: historyUrl, ...(history.pbx.trim() ? { pbx: history.pbx.trim() } : {}) } : null,
    };
    try {
      const result = await client.call('settings.setConnections', params);
      if (result.ok) connections.value = result.value;
      return savedOf(result);
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  async function testAmi(form: AmiTestForm): Promise<void> {
    isTesting.value = 'ami';
    amiTest.value = undefined;
    try {
      amiTest.value = await client.call('settings.testAmi', { host: form.host.trim(), port: Number(form.port), username: form.username.trim(), secret: form.secret });
    } catch (error) {
      amiTest.value = { code: 'error', message: messageOf(error), elapsedMs: 0 };
    } finally {
      isTesting.value = undefined;
    }
  }

  async function testVendor(form: VendorTestForm): Promise<void> {
    isTesting.value = 'vendor';
    vendorTest.value = undefined;
    try {
      // The core fetches this URL for us: the caller has asked the supervisor first.
      vendorTest.value = await client.call('settings.testVendorApi', { baseUrl: form.baseUrl.trim(), ...(form.webkey ? { webkey: form.webkey } : {}), isConfirmed: true });
    } catch (error) {
      vendorTest.value = { code: 'error', message: messageOf(error), elapsedMs: 0 };
    } finally {
      isTesting.value = undefined;
    }
  }

  /** One connection to the shared history, as the AMI test: the core connects where the URL says and answers how it went. */
  async function testHistory(url: string): Promise<void> {
    isTesting.value = 'history';
    historyTest.value = undefined;
    try {
      historyTest.value = await client.call('settings.testHistory', { url: url.trim() });
    } catch (error) {
      historyTest.value = { code: 'error', message: messageOf(error), elapsedMs: 0 };
    } finally {
      isTesting.value = undefined;
    }
  }

  return {
    retentionDays, receiver, pauseReasons, wrapup, amiTest, vendorTest, historyTest, isTesting, loadError, gateway,
    connections,
    load, saveRetention, savePauseReasons, saveWrapup, saveGateway, saveConnections, testAmi, testVendor, testHistory,
  };
});
