import { join } from 'node:path';
import type { CoreConfig } from '../config/config';
import { LiveModel } from '../live/model';
import { openDatabase, type Db } from '../store/database';
import { startHttpServer, type RunningHttpServer } from '../server/http-server';
import { createDispatcher, type Dispatch } from './dispatcher';
import type { CoreContext } from './context';
import { allHandlers } from './handlers/all';
import type { Logger } from './logger';

export interface CoreOptions {
  log: Logger;
  /** Built renderer to serve over HTTP (headless mode); omit for API only. */
  webRoot?: string;
  /** Start the HTTP/WebSocket server (headless, LAN wallboard). */
  serveHttp: boolean;
}

export interface Core {
  config: CoreConfig;
  model: LiveModel;
  db: Db;
  dispatch: Dispatch;
  http?: RunningHttpServer;
  close(): Promise<void>;
}

/**
 * Starts everything that is not Electron: the SQLite cache, the live model,
 * the PBX connections, the push receiver and (optionally) the HTTP server.
 * Both `callboard serve` and the desktop main process call this.
 */
export async function startCore(config: CoreConfig, options: CoreOptions): Promise<Core> {
  const { log } = options;
  const db = openDatabase(join(config.dataDir, 'callboard.db'));
  const model = new LiveModel();
  const context: CoreContext = { model, db, log };
  const dispatch = createDispatcher(allHandlers, context);
  const closers: (() => Promise<void> | void)[] = [() => void db.close()];
  let isReady = false;

  try {
    const http = options.serveHttp
      ? await startHttpServer(config.http.host, config.http.port, {
          model,
          dispatch,
          log,
          access: { token: config.token },
          webRoot: options.webRoot,
          isReady: () => isReady,
        })
      : undefined;
    if (http) closers.unshift(() => http.close());
    isReady = true;
    return {
      config,
      model,
      db,
      dispatch,
      http,
      close: async () => {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close();
    throw error;
  }
}
