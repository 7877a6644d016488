import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planPlayHistory, type PastRenewal } from '../../src/services/demo/generate-play-history.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Many renewals fall on the same day (month ends); which account each draw goes to must not depend
// on the random ids the accounts got in this seeding, or the demo's report changes from run to run.
describe('demo play history', () => {
  const renewals = (ids: Map<string, string>): PastRenewal[] =>
    Array.from({ length: 60 }, (_, i) => {
      const key = `demo-${String(i).padStart(3, '0')}`;
      return {
        accountId: ids.get(key)!,
        stableKey: key,
        occurredOn: day(i % 3 === 0 ? '2026-03-31' : i % 3 === 1 ? '2026-06-30' : '2026-09-30'),
        churned: i % 4 === 0,
      };
    });
  const idsFor = () =>
    new Map(Array.from({ length: 60 }, (_, i) => [`demo-${String(i).padStart(3, '0')}`, randomUUID()]));
  const byKey = (plan: ReturnType<typeof planPlayHistory>, ids: Map<string, string>) => {
    const keyOf = new Map([...ids].map(([key, id]) => [id, key]));
    return plan.map((c) => ({ ...c, accountId: keyOf.get(c.accountId) }));
  };

  it('plans the same cases for the same seed, whatever ids the accounts got and in whatever order they come', () => {
    const first = idsFor();
    const second = idsFor();
    const plan = byKey(planPlayHistory(renewals(first), 42), first);
    const again = byKey(planPlayHistory(renewals(second).reverse(), 42), second);
    expect(again).toEqual(plan);
    expect(plan.filter((c) => c.ran).length).toBeGreaterThan(0);
    expect(byKey(planPlayHistory(renewals(first), 43), first)).not.toEqual(plan);
  });
});
