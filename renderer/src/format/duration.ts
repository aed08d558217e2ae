/** "m:ss" under an hour, "h:mm:ss" above; negative clock skew shows as 0:00. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export function secondsSince(since: number | undefined, now: number): number | undefined {
  return since === undefined ? undefined : (now - since) / 1000;
}

export function formatPercent(value: number | undefined): string {
  return value === undefined ? '—' : `${Math.round(value)}%`;
}

/** A 0–1 ratio of the core's figures as a percent (null: nothing to divide by). */
export function percentOf(ratio: number | null | undefined): number | undefined {
  return ratio === null || ratio === undefined ? undefined : ratio * 100;
}
