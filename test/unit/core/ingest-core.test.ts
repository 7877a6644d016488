import { describe, expect, it } from 'vitest';
import { monthlyRecurringCents } from '../../../src/core/billing/recurring-revenue.js';
import { eventRuleSchema } from '../../../src/core/events/event-rules.js';
import { measureRule } from '../../../src/core/events/roll-up-events.js';
import { mapRecord } from '../../../src/core/mapping/field-mapping.js';

describe('field mappings', () => {
  const record = {
    id: '11',
    properties: {
      name: 'Acme',
      domain: 'https://www.Acme.example/about',
      closed: 1794819720000,
      tier: 'Ent',
      empty: '',
    },
  };
  it('reads paths, constants, templates, defaults, value maps and transforms', () => {
    expect(
      mapRecord(record, {
        external_id: { template: 'hubspot-{id}' },
        name: 'properties.name',
        domains: { path: 'properties.domain', transform: 'domain' },
        renewal_date: { path: 'properties.closed', transform: 'date' },
        tier: { path: 'properties.tier', map: { Ent: 'enterprise' } },
        segment: { path: 'properties.empty', default: 'mid-market' },
        lifecycle_stage: { const: 'adoption' },
        region: 'properties.missing.deeper',
      }),
    ).toEqual({
      external_id: 'hubspot-11',
      name: 'Acme',
      domains: 'acme.example',
      renewal_date: '2026-11-16',
      tier: 'enterprise',
      segment: 'mid-market',
      lifecycle_stage: 'adoption',
    });
  });
  it('reads epoch seconds and cents', () => {
    expect(
      mapRecord(
        { at: 1794819720, amount: 123450 },
        { d: { path: 'at', transform: 'date' }, a: { path: 'amount', transform: 'cents' } },
      ),
    ).toEqual({ d: '2026-11-16', a: '1234.50' });
  });
});

describe('recurring revenue', () => {
  it('normalises yearly, monthly and weekly prices to a month', () => {
    expect(
      monthlyRecurringCents([
        { unitAmount: 1000, quantity: 100, interval: 'month', intervalCount: 1 },
        { unitAmount: 1_200_000, quantity: 1, interval: 'year', intervalCount: 1 },
        { unitAmount: 30_000, quantity: 1, interval: 'month', intervalCount: 3 },
        { unitAmount: null, quantity: 5, interval: 'month', intervalCount: 1 },
      ]),
    ).toBe(100_000 + 100_000 + 10_000);
  });
});

describe('event roll-up rules', () => {
  const end = new Date('2026-11-16T12:00:00Z');
  const at = (hoursAgo: number) => new Date(end.getTime() - hoursAgo * 3_600_000);
  const events = [
    { userId: 'a', event: 'Signed In', occurredAt: at(1) },
    { userId: 'a', event: 'Report Exported', occurredAt: at(2) },
    { userId: 'b', event: 'Signed In', occurredAt: at(30) },
    { userId: 'c', event: 'Dashboard Shared', occurredAt: at(24 * 8) },
  ];
  const rule = (r: object) => eventRuleSchema.parse(r);
  it('measures over rolling windows ending at the given time', () => {
    expect(
      measureRule(rule({ metric: 'dau_pct', measure: 'active_users_pct_of_seats', windowDays: 1 }), events, end, 10),
    ).toBe(10);
    expect(measureRule(rule({ metric: 'seats_active', measure: 'active_users', windowDays: 7 }), events, end, 10)).toBe(
      2,
    );
    expect(
      measureRule(
        rule({
          metric: 'logins_per_user_weekly',
          measure: 'events_per_active_user',
          windowDays: 7,
          events: ['Signed In'],
        }),
        events,
        end,
        10,
      ),
    ).toBe(1);
    expect(
      measureRule(
        rule({
          metric: 'feature_adoption_pct',
          measure: 'distinct_events_pct',
          windowDays: 30,
          events: ['Report Exported', 'Dashboard Shared', 'Alert Created', 'API Used'],
        }),
        events,
        end,
        10,
      ),
    ).toBe(50);
  });
  it('has no seat share without seats, and refuses rules that cannot work', () => {
    expect(
      measureRule(rule({ metric: 'dau_pct', measure: 'active_users_pct_of_seats', windowDays: 1 }), events, end, null),
    ).toBeUndefined();
    expect(eventRuleSchema.safeParse({ metric: 'dau', measure: 'active_users', windowDays: 1 }).success).toBe(false);
    expect(
      eventRuleSchema.safeParse({ metric: 'feature_adoption_pct', measure: 'distinct_events_pct', windowDays: 30 })
        .success,
    ).toBe(false);
  });
});
