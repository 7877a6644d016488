import type { EventRule } from './event-rules.js';

export interface ActivityEvent {
  userId: string;
  event: string;
  occurredAt: Date;
}

const dayMs = 86_400_000;

/**
 * A rule's value over the window ending at `windowEnd` (exclusive of events after it): rolling,
 * so a value computed mid-morning is not a half-empty day. Undefined when it cannot be computed
 * (no seats for a seat share, no active users for a per-user rate).
 */
export function measureRule(
  rule: EventRule,
  events: readonly ActivityEvent[],
  windowEnd: Date,
  seatsLicensed: number | null,
): number | undefined {
  const start = windowEnd.getTime() - rule.windowDays * dayMs;
  const counted = rule.events?.length ? new Set(rule.events) : undefined;
  const inWindow = events.filter(
    (e) => e.occurredAt.getTime() > start && e.occurredAt.getTime() <= windowEnd.getTime(),
  );
  const matching = counted ? inWindow.filter((e) => counted.has(e.event)) : inWindow;
  // Activity is any event in the window; a rule's event list narrows what it counts.
  const activeUsers = new Set(inWindow.map((e) => e.userId)).size;
  switch (rule.measure) {
    case 'active_users':
      return new Set(matching.map((e) => e.userId)).size;
    case 'active_users_pct_of_seats': {
      if (!seatsLicensed || seatsLicensed <= 0) return undefined;
      const users = new Set(matching.map((e) => e.userId)).size;
      return round(Math.min(100, (users / seatsLicensed) * 100));
    }
    case 'event_count':
      return matching.length;
    case 'events_per_active_user':
      return activeUsers === 0 ? undefined : round(matching.length / activeUsers);
    case 'distinct_events_pct': {
      const features = rule.events ?? [];
      const used = new Set(matching.map((e) => e.event)).size;
      return round((used / features.length) * 100);
    }
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The longest window the rules read, so callers load only the events they need. */
export const longestWindowDays = (rules: readonly EventRule[]): number =>
  Math.max(1, ...rules.map((r) => r.windowDays));
