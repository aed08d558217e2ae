import { recordingUrl } from '../../contract';
import type { recordingsMethods } from '../../contract/methods/recordings';
import type { HandlerSet } from '../handlers';
import { withService } from './actions';

/** MixMonitor/vendor names: no `..` segments, no NUL (the stream side re-checks against its directory). */
function isSafeRecordingName(file: string): boolean {
  return !file.includes('\0') && !file.split(/[\\/]/).includes('..');
}

// Handlers of contract/methods/recordings.ts.
export const recordingsHandlers: HandlerSet<keyof typeof recordingsMethods> = {
  'recordings.url': ({ file }, context) =>
    withService(context, () =>
      isSafeRecordingName(file)
        ? { ok: true, value: { url: recordingUrl(file) } }
        : { ok: false, error: { code: 'invalid', message: `recording name ${JSON.stringify(file)} is not allowed` } }),
};
