import type { Db } from './database';

// Refused pushes (008_rejected_samples.sql): every one is counted per UTC day and
// reason; only a sample is kept for inspection, a few KB each, at a bounded pace and
// in a table of bounded rows. Whoever can reach the receiver can send refused pushes
// as fast as the rate limit lets them: none of that may grow the cache without bound.

export type RejectKind = 'unauthorized' | 'undecodable' | 'invalid' | 'too_large';

export const rejectedSampleLimits = {
  /** Bytes of a refused body kept (UTF-8, cut on a character boundary). */
  bodyBytes: 4 * 1024,
  /** Samples kept per minute; the rest are only counted. */
  perMinute: 30,
  /** Rows of rejected_events kept; older samples are deleted as new ones come. */
  maxRows: 1_000,
};

/** The first `limit` bytes of `text`, never splitting a character. */
export function truncateUtf8(text: string, limit: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  let end = limit;
  // Back up over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

/** Decides which refusals become samples: at most `perMinute` per clock minute. */
export function createSampleBudget(perMinute = rejectedSampleLimits.perMinute) {
  let minute = -1;
  let taken = 0;
  return (at: number): boolean => {
    const current = Math.floor(at / 60_000);
    if (current !== minute) {
      minute = current;
      taken = 0;
    }
    if (taken >= perMinute) return false;
    taken += 1;
    return true;
  };
}

/** Refusals are counted per UTC day (the zone of the PBX does not matter for a tally). */
export const utcDayOf = (at: number) => Math.floor(at / 86_400_000);

/** Statements for one commit of the event log: add counts, insert samples, trim to the row cap. */
export function rejectedStatements(db: Db, maxRows = rejectedSampleLimits.maxRows) {
  const count = db.prepare('INSERT INTO rejected_counts (day, reason, count) VALUES (?, ?, ?) ON CONFLICT(day, reason) DO UPDATE SET count = count + excluded.count');
  const sample = db.prepare('INSERT INTO rejected_events (received_at, remote, reason, content_type, body, body_bytes) VALUES (?, ?, ?, ?, ?, ?)');
  const trim = db.prepare('DELETE FROM rejected_events WHERE id <= (SELECT max(id) FROM rejected_events) - ?');
  return {
    count: (day: number, kind: RejectKind, n: number) => count.run(day, kind, n),
    sample: (at: number, remote: string | null, reason: string, contentType: string | null, body: string) =>
      sample.run(at, remote, reason, contentType, truncateUtf8(body, rejectedSampleLimits.bodyBytes), Buffer.byteLength(body)),
    trim: () => trim.run(maxRows),
  };
}

/** How many refused pushes of each reason were counted since `fromDay` (UTC day number). */
export function rejectedCounts(db: Db, fromDay = 0): Record<string, number> {
  const rows = db.prepare('SELECT reason, sum(count) AS n FROM rejected_counts WHERE day >= ? GROUP BY reason').all(fromDay) as { reason: string; n: number }[];
  return Object.fromEntries(rows.map((row) => [row.reason, row.n]));
}
