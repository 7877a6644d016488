/** Local quiet hours, e.g. 20:00-08:00 (may wrap midnight). */
export interface QuietHours {
  start: string;
  end: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return get('hour') * 60 + get('minute');
}

/**
 * When an alert raised at `now` may be delivered: now, or the end of the quiet hours it falls in.
 * (Across a daylight-saving change the end may shift by the change; alerts wait an hour more or less.)
 */
export function deliverAfter(now: Date, quiet: QuietHours | undefined, timeZone: string): Date {
  if (!quiet) return now;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const at = localMinutes(now, timeZone);
  const inside = start <= end ? at >= start && at < end : at >= start || at < end;
  if (!inside) return now;
  const wait = (end - at + 1440) % 1440;
  const next = new Date(now.getTime() + wait * 60_000);
  next.setUTCSeconds(0, 0);
  return next;
}

/** The local calendar day of `now` (for the per-day cap), as YYYY-MM-DD. */
export function localDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Start of the local day of `now`, as an instant (minute precision), for counting today's messages. */
export function startOfLocalDay(now: Date, timeZone: string): Date {
  const day = localDay(now, timeZone);
  // Walk back to the first instant that is still the same local day.
  let t = now.getTime() - (now.getTime() % 60_000);
  for (let step = 12 * 3_600_000; step >= 60_000; step /= 2)
    while (localDay(new Date(t - step), timeZone) === day) t -= step;
  return new Date(t);
}
