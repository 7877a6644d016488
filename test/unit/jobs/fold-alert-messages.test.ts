import { describe, expect, it } from 'vitest';
import { foldPerAccount, type OpenedAlert } from '../../../src/services/alerts/alert-store.js';

// One change, one message per account: the most severe alert carries the others.

const at = new Date('2026-09-14T09:00:00Z');
const owner = { channel: 'SLACK' as const, destination: 'UOWNER' };
const channel = { channel: 'SLACK' as const, destination: 'CALERTS' };
const opened = (
  accountId: string,
  kind: string,
  severity: 'INFO' | 'WARNING' | 'CRITICAL',
  targets = [owner, channel],
  deliverAfter = at,
): OpenedAlert => ({
  alert: {
    id: `${accountId}-${kind}`,
    accountId,
    kind,
    severity,
    dedupeKey: kind,
    title: `${accountId}: ${kind}`,
    evidence: {},
    openedAt: at,
  },
  targets,
  deliverAfter,
});

describe('folding the alerts of one change', () => {
  it('sends the most severe, naming the others, per account', () => {
    const out = foldPerAccount([
      opened('acme', 'signal:health_below_70', 'WARNING'),
      opened('acme', 'at_risk', 'CRITICAL'),
      opened('acme', 'sharp_drop', 'CRITICAL'),
      opened('globex', 'at_risk', 'WARNING'),
    ]);
    expect(out.map((o) => o.alert.id).sort()).toEqual(['acme-at_risk', 'globex-at_risk']);
    const acme = out.find((o) => o.alert.accountId === 'acme')!;
    expect((acme.alert.evidence as { alsoRaised: string[] }).alsoRaised).toEqual([
      'acme: sharp_drop',
      'acme: signal:health_below_70',
    ]);
  });

  it('keeps its own message for an alert that goes where the lead does not, or later', () => {
    const out = foldPerAccount([
      opened('acme', 'at_risk', 'CRITICAL', [owner]),
      opened('acme', 'sharp_drop', 'WARNING', [owner, channel]),
      opened('acme', 'signal:low_usage', 'WARNING', [owner], new Date(at.getTime() + 3_600_000)),
    ]);
    expect(out.map((o) => o.alert.kind).sort()).toEqual(['at_risk', 'sharp_drop', 'signal:low_usage']);
  });
});
