import { app, session } from 'electron';
import { join } from 'node:path';
import type { Logger } from '../core/base/logger';

/**
 * Exports arrive as attachment downloads from app://callboard/api/export/…:
 * each asks where to save it (the Downloads folder and the export's own name
 * proposed), and its outcome goes to the log.
 */
export function saveDownloadsWithDialog(log: Logger): void {
  session.defaultSession.on('will-download', (_event, item) => {
    const name = item.getFilename();
    item.setSaveDialogOptions({ title: name, defaultPath: join(app.getPath('downloads'), name) });
    item.once('done', (_done, state) => {
      if (state === 'completed') log.info(`saved ${name} to ${item.getSavePath()}`);
      else log.warn(`download of ${name} ${state}`);
    });
  });
}
