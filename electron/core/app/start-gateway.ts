import { readFileSync } from 'node:fs';
import type { AmiBackend } from '../ami/backend';
import type { ActionService } from '../actions/service';
import type { CoreConfig } from '../config/config';
import { gatewayConfigFromApiConf, pushConnectionOf, startGateway } from '../gateway';
import type { LiveModel } from '../live/model';
import type { Db } from '../store/database';
import type { Lifetime } from './lifetime';
import type { Logger } from './logger';

/**
 * The vendor API gateway inside the app (`--gateway api.conf`): the 15
 * endpoints and the pushes over the first AMI connection, sharing the app's
 * action service (so wrap-up and audit are one), with the push delivery
 * state shown as a connection.
 */
export async function startAppGateway(
  apiConfPath: string,
  config: CoreConfig,
  backend: AmiBackend,
  services: { model: LiveModel; db: Db; actions: ActionService; log: Logger },
  lifetime: Lifetime,
): Promise<void> {
  const { model, db, actions, log } = services;
  const gatewayConfig = gatewayConfigFromApiConf(readFileSync(apiConfPath, 'utf8'), {
    timeZone: config.timeZone,
    ...(config.recordingsDir ? { recordingsDir: config.recordingsDir } : {}),
  });
  if (gatewayConfig.pauseTime) actions.configureWrapup({ isEnabled: true, seconds: gatewayConfig.wrapupSeconds }, { who: 'api.conf' });
  const gateway = await startGateway({ config: gatewayConfig, backend, model, db, log, service: actions });
  lifetime.defer(() => gateway.close());
  gateway.onPushStatus((status) => model.putConnection(pushConnectionOf(status, model.now())));
  log.info(`vendor API gateway on ${gatewayConfig.bindHost}:${gateway.port ?? gatewayConfig.bindPort}, pushing to ${gatewayConfig.url ?? '(no URL)'}`);
}
