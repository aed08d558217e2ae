import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach } from 'vitest';
import { createApp, type Plugin } from 'vue';
import type { Role, Snapshot } from '@contract';
import { createCoreClient, provideCoreClient, type CoreClient } from '../../../../renderer/src/api';
import { i18n, type AppLocale } from '../../../../renderer/src/i18n';
import { useLiveStore, useSessionStore } from '../../../../renderer/src/stores';
import { FakeCore, type Answers } from './fake-core';
import { snapshot } from '../../../support/live-model';

export interface HarnessOptions {
  /** What the fake core answers, by method. */
  answers?: Answers;
  /** The live model the core's first (reset) batch carries. */
  live?: Snapshot;
  locale?: AppLocale;
  /** The desktop acts; a LAN browser without a token only reads. */
  role?: Role;
}

export interface Harness {
  core: FakeCore;
  client: CoreClient;
  pinia: Pinia;
  /** For `mount(Component, { global: harness.global })`: the app's real Pinia stores, i18n and core client. */
  global: { plugins: Plugin[] };
  setLocale(locale: AppLocale): Promise<void>;
  /** Until the live store's coalesced flush (at most 50 ms and a frame) and every pending answer are done. */
  settle(): Promise<void>;
}

enableAutoUnmount(afterEach);

/**
 * What main.ts sets up, around a fake core: the real client over the preload seam
 * (`window.callboard`, as on the desktop), fresh real stores, the app's i18n, and the
 * live store following the core, fed `live` as its first reset.
 */
export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  localStorage.clear();
  // The live store reads the past samples after every reset: none, unless a test says otherwise.
  const core = new FakeCore({ 'live.samples': () => ({}), ...options.answers }, options.role);
  window.callboard = core;
  const client = createCoreClient();
  delete window.callboard;
  if (options.role) client.link.set({ role: options.role });

  const withClient: Plugin = { install: (app) => provideCoreClient(app, client) };
  const pinia = createPinia();
  // Stores made before the mount (below) need an app to inject the client from, as in main.ts.
  createApp({}).use(withClient).use(pinia);
  setActivePinia(pinia);

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 60));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await flushPromises();
  };
  const session = useSessionStore();
  const setLocale = async (locale: AppLocale) => {
    session.locale = locale;
    await flushPromises();
  };
  await setLocale(options.locale ?? 'zh-CN');
  const live = useLiveStore();
  live.start();
  core.push([{ kind: 'reset', snapshot: options.live ?? snapshot() }]);
  await settle();
  return { core, client, pinia, global: { plugins: [withClient, pinia, i18n] }, setLocale, settle };
}
