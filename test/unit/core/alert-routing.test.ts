import { describe, expect, it } from 'vitest';
import { alertRoutingSchema, routeAlert } from '../../../src/core/alerts/alert-routing.js';

const routing = alertRoutingSchema.parse({
  rules: [
    { when: { segment: 'strategic' }, send: [{ slack: 'CSTRATEGIC' }, { teams: '19:strategic@thread.tacv2' }] },
    { when: { minSeverity: 'CRITICAL' }, send: [{ slack: 'CLEADERSHIP' }] },
    { when: { kinds: ['renewal:'], region: 'EMEA' }, send: [{ slack: 'CRENEWALS' }] },
    { when: { owner: 'alex@tend.example' }, send: ['owner', { slack: 'CALEX' }] },
  ],
});
const alert = (over: Partial<Parameters<typeof routeAlert>[0]> = {}) => ({
  kind: 'at_risk',
  severity: 'WARNING' as const,
  account: { segment: 'standard', tier: 'professional', region: 'NA' },
  owner: { email: 'sam@tend.example', slackUserId: 'USAM' },
  ...over,
});

describe('alert routing', () => {
  it('sends to the owner and every destination of every matching rule, once each', () => {
    expect(routeAlert(alert(), routing)).toEqual([{ channel: 'SLACK', destination: 'USAM' }]);
    expect(
      routeAlert(
        alert({ severity: 'CRITICAL', account: { segment: 'Strategic', tier: 'enterprise', region: 'NA' } }),
        routing,
      ),
    ).toEqual([
      { channel: 'SLACK', destination: 'USAM' },
      { channel: 'SLACK', destination: 'CSTRATEGIC' },
      { channel: 'TEAMS', destination: '19:strategic@thread.tacv2' },
      { channel: 'SLACK', destination: 'CLEADERSHIP' },
    ]);
    expect(
      routeAlert(
        alert({ kind: 'renewal:2027-01-31:90', account: { segment: 'standard', tier: 'x', region: 'emea' } }),
        routing,
      ),
    ).toContainEqual({
      channel: 'SLACK',
      destination: 'CRENEWALS',
    });
    expect(routeAlert(alert({ owner: { email: 'ALEX@tend.example', slackUserId: 'UALEX' } }), routing)).toEqual([
      { channel: 'SLACK', destination: 'UALEX' },
      { channel: 'SLACK', destination: 'CALEX' },
    ]);
  });

  it('can leave the owner out, and rejects malformed rules with their path', () => {
    const channelOnly = alertRoutingSchema.parse({ alwaysOwner: false, rules: [{ send: [{ slack: 'CALL' }] }] });
    expect(routeAlert(alert(), channelOnly)).toEqual([{ channel: 'SLACK', destination: 'CALL' }]);
    const bad = alertRoutingSchema.safeParse({
      rules: [{ when: { minSeverity: 'LOUD' }, send: [{ slack: '#general' }] }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'rules.0.when.minSeverity',
      'rules.0.send.0.slack',
    ]);
  });
});
