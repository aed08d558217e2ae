import { combineFigures, type QueueFigures, type ReportReply, type ReportRow } from '@contract';

/** One category on a report chart's x axis: a time bucket, or a queue/agent over the whole range. */
export type ReportPoint = QueueFigures & { label: string };

/**
 * Chart categories: per time bucket for the total, per queue/agent over the range
 * otherwise (the table under the chart keeps every bucket × key row). Rows of one
 * category are combined as the core combines queues (sums, then ratios of the sums).
 * The busiest `limit` queues/agents are kept so the bars stay readable.
 */
export function reportPoints(reply: ReportReply, limit = 30): ReportPoint[] {
  const isTotal = reply.rows.every((row) => row.key === '');
  const groups = new Map<string, ReportRow[]>();
  for (const row of reply.rows) {
    const label = isTotal ? row.bucketLabel : row.key;
    groups.set(label, [...(groups.get(label) ?? []), row]);
  }
  const points = [...groups].map(([label, rows]): ReportPoint => ({ ...(rows.length === 1 ? rows[0]! : combineFigures(rows)), label }));
  if (isTotal) return points;
  return points.sort((a, b) => b.offered - a.offered || a.label.localeCompare(b.label)).slice(0, limit);
}
