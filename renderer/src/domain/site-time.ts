// Every time a page shows is the site's: the zone the core counts days and hours in
// (live.timeZone, the PBX's), not the browser's. A TV or a laptop set to another zone then
// shows the same times as the exports, the reports' hours, the day filters and the status
// bar's clock. Without a zone yet (no PBX day seen), the browser's.

export type TimeStyle = 'time' | 'hourMinute' | 'dateTime' | 'monthDayTime' | 'monthDayHourMinute' | 'longDate';

const styles: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  hourMinute: { hour: '2-digit', minute: '2-digit' },
  dateTime: { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  monthDayTime: { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  monthDayHourMinute: { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  longDate: { month: 'long', day: 'numeric', weekday: 'long' },
};

// One formatter per locale × zone × style (a handful): a table formats hundreds of times a render.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `at` (UTC ms) as the site's wall time, in the console's language. */
export function formatSiteTime(at: number, locale: string | undefined, timeZone: string | undefined, style: TimeStyle): string {
  const key = `${locale ?? ''}|${timeZone ?? ''}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // h23: hour12 false alone gives "24:05" past midnight in some locales.
    formatter = new Intl.DateTimeFormat(locale, { ...styles[style], hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) });
    formatters.set(key, formatter);
  }
  return formatter.format(at);
}
