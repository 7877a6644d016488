/**
 * The moment every test that reads the demo runs at. The demo is generated for this day and every
 * time-dependent path is given it, so answers never depend on the day the suite runs (CI runs the
 * conversation and channel suites again with the machine's clock moved to prove it).
 *
 * A Monday late in a quarter; on it the demo's CSM Alex Kim has an account that fell (his first suggested prompt).
 */
export const testNow = new Date('2026-09-14T09:00:00.000Z');

/** `testNow` plus some days, for tests that move time on (snoozes, memory expiry, reminders). */
export const daysAfterTestNow = (days: number): Date => new Date(testNow.getTime() + days * 86_400_000);

/** A clock that always reads `testNow`, for `startTend` and the conversation deps. */
export const testClock = { now: (): Date => new Date(testNow) };
