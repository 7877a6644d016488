import { CronExpressionParser } from 'cron-parser';

/**
 * The slot a job run belongs to: the latest scheduled time at or before `now`, in the schedule's
 * time zone. Runs are keyed by it, so every replica that wakes for the same tick claims the same
 * slot, and a process that was down for several ticks catches up only the latest.
 */
export function latestSlot(schedule: string, now: Date, timeZone: string): Date {
  // Ticks can fire a few milliseconds early or late; the minute they fire in is the slot's minute.
  const probe = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 1_000);
  return CronExpressionParser.parse(schedule, { currentDate: probe, tz: timeZone }).prev().toDate();
}

export function nextSlot(schedule: string, now: Date, timeZone: string): Date {
  return CronExpressionParser.parse(schedule, { currentDate: now, tz: timeZone }).next().toDate();
}

export function isValidSchedule(schedule: string): boolean {
  try {
    CronExpressionParser.parse(schedule);
    return true;
  } catch {
    return false;
  }
}
