import { describe, expect, it } from 'vitest';
import { snoozedDueAt } from '../../../../src/core/plays/snooze-task.js';
import { daysAfterTestNow, testNow } from '../../../support/test-clock.js';

describe('snoozedDueAt', () => {
  it('adds the days to the due date when the task is not due yet (never earlier than before)', () => {
    expect(snoozedDueAt(daysAfterTestNow(5), testNow, 3)).toEqual(daysAfterTestNow(8));
  });
  it('adds the days to now when the task is already late', () => {
    expect(snoozedDueAt(daysAfterTestNow(-4), testNow, 3)).toEqual(daysAfterTestNow(3));
  });
  it('never returns a date before the due date, whatever the days', () => {
    for (const due of [-10, -1, 0, 1, 10])
      for (const days of [1, 3, 7])
        expect(snoozedDueAt(daysAfterTestNow(due), testNow, days).getTime()).toBeGreaterThan(
          daysAfterTestNow(due).getTime(),
        );
  });
});
