import type { Notice } from '../contract';
import type { LiveModel } from '../live/model';
import { storeErrorOf } from './database';

// The cache's conditions as live-model notices, so a supervisor sees them on
// screen and not only whoever reads the log.

/** The one notice for "history is not being written"; read-only and disk-full replace each other. */
export const storeWriteNoticeId = 'db_write';

/** The cache file was damaged, moved aside and replaced: say where the old history is. */
export function recoveredNotice(file: string, movedTo: string, message: string, at: number): Notice {
  return { id: 'db_recovered', level: 'warning', code: 'db_recovered', params: { file, movedTo }, message, at };
}

/**
 * A failed write as a notice when the disk is the cause (full, read-only);
 * undefined for anything else, which is a bug for the log, not the supervisor.
 */
export function storeFailureNotice(error: unknown, at: number, file?: string): Notice | undefined {
  const storeError = storeErrorOf(error, file);
  const code = storeError?.code === 'disk_full' ? 'db_disk_full' : storeError?.code === 'read_only' ? 'db_read_only' : undefined;
  if (!storeError || !code) return undefined;
  return { id: storeWriteNoticeId, level: 'error', code, params: file ? { file } : {}, message: storeError.message, at };
}

/**
 * Follows a writer's outcomes: a failure the disk caused raises the write
 * notice, the next success takes it down (space freed, disk remounted).
 */
export function storeWriteWatch(model: LiveModel, file: string): { failed(error: unknown): void; succeeded(): void; track<T>(write: Promise<T>): Promise<T> } {
  const failed = (error: unknown) => {
    const notice = storeFailureNotice(error, model.now(), file);
    if (notice) model.putNotice(notice);
  };
  const succeeded = () => model.removeNotice(storeWriteNoticeId);
  return {
    failed,
    succeeded,
    track: (write) =>
      write.then(
        (value) => {
          succeeded();
          return value;
        },
        (error: unknown) => {
          failed(error);
          throw error;
        },
      ),
  };
}
