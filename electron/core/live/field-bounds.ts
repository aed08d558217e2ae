import type { AmiMessage } from '../ami/message';
import type { LiveLimits } from './live-limits';

/** Repeated headers (ChanVariable lines) kept per event: a channel has a handful of channelvars. */
const MAX_REPEATS = 64;

/** Headers whose values are variable values (file paths), with the longer bound. */
function isVariableHeader(name: string): boolean {
  return name === 'value' || name.endsWith('chanvariable') || name === 'variable';
}

/**
 * The first `limit` characters as a string of their own. A plain slice of a long value
 * would keep the whole original (V8 slices point into their parent) and with it the
 * 900 KB the bound is there to drop; the concatenation flattens into a fresh copy.
 */
function cut(value: string, limit: number): string {
  return (' ' + value.slice(0, limit)).slice(1);
}

/**
 * An AMI event with every header value within the live model's bounds: the edge where
 * headers become model fields (channel and caller names, numbers, queue and member
 * names, variable values). Returns the message itself when nothing is too long, else
 * a copy (other listeners of the same event keep what the PBX sent), and tells
 * `onCut` once per event that needed cutting.
 */
export function boundFields(message: AmiMessage, limits: Pick<LiveLimits, 'maxFieldChars' | 'maxValueChars'>, onCut: () => void): AmiMessage {
  // Every event passes here: the common case (nothing near either bound) costs one length compare per
  // value and allocates nothing; only a value past the smaller bound asks which of the two is its own.
  const fieldLimit = limits.maxFieldChars;
  const anyLimit = Math.min(fieldLimit, limits.maxValueChars);
  let copy: AmiMessage | undefined;
  for (const key in message) {
    const value = message[key];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      if (value.length > anyLimit) {
        const limit = limitOf(key, limits);
        if (value.length > limit) (copy ??= { ...message })[key] = cut(value, limit);
      }
    } else if (Array.isArray(value)) {
      if (value.length > MAX_REPEATS || value.some((item) => item.length > anyLimit)) {
        const limit = limitOf(key, limits);
        if (value.length > MAX_REPEATS || value.some((item) => item.length > limit)) {
          (copy ??= { ...message })[key] = value.slice(0, MAX_REPEATS).map((item) => (item.length > limit ? cut(item, limit) : item));
        }
      }
    } else if (needsBounding(value, key, limits)) {
      const limit = limitOf(key, limits);
      const bounded: Record<string, string> = {};
      let kept = 0;
      for (const name in value) {
        if (kept++ === MAX_REPEATS) break;
        bounded[cut(name, fieldLimit)] = cut(value[name]!, limit);
      }
      (copy ??= { ...message })[key] = bounded;
    }
  }
  if (copy) onCut();
  return copy ?? message;
}

function limitOf(key: string, limits: Pick<LiveLimits, 'maxFieldChars' | 'maxValueChars'>): number {
  return isVariableHeader(key) ? limits.maxValueChars : limits.maxFieldChars;
}

/** A name=value record (ChanVariable headers) with too many entries or a name or value past its bound. */
function needsBounding(value: Record<string, string>, key: string, limits: Pick<LiveLimits, 'maxFieldChars' | 'maxValueChars'>): boolean {
  let count = 0;
  for (const name in value) {
    if (++count > MAX_REPEATS || name.length > limits.maxFieldChars) return true;
    const length = value[name]!.length;
    if (length > limits.maxFieldChars || length > limits.maxValueChars) {
      if (length > limitOf(key, limits)) return true;
    }
  }
  return false;
}
