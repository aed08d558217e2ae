import type { APIRequestContext, Page } from '@playwright/test';
import { webkeyToken } from '../../../electron/core/vendor-api/webkey';

/**
 * What the renderer specs need from the global setup (playwright.config.ts):
 * - `use.baseURL`: the headless core serving out/web, connected to the demo PBX.
 * - CALLBOARD_RECEIVER_URL (optional): the core's push receiver, e.g. http://127.0.0.1:18090/
 * - CALLBOARD_WEBKEY (optional): the WEBKEY the receiver checks.
 */
export const receiverUrl = process.env.CALLBOARD_RECEIVER_URL;
export const webkey = process.env.CALLBOARD_WEBKEY ?? '';

/** POST one vendor event to the receiver, as the PBX does (coocenter-api.md, Pushed events). */
export async function pushEvent(request: APIRequestContext, fields: Record<string, string | number>): Promise<number> {
  if (!receiverUrl) throw new Error('CALLBOARD_RECEIVER_URL is not set');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (webkey) headers.authorization = webkeyToken(webkey, Date.now());
  const response = await request.post(receiverUrl, { data: fields, headers });
  return response.status();
}

/** Open a console page and wait until the live model has arrived (the core link is open and the first reset applied). */
export async function openConsole(page: Page, route: string): Promise<void> {
  await page.goto(`/#/${route}`);
  if (!route.startsWith('tv')) {
    await page.getByTestId('core-link').and(page.locator('[data-state="open"]')).waitFor();
  }
}

export const screenshotDir = 'test-results';
