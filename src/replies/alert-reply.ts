import type { AlertEvidence } from '../core/alerts/health-alerts.js';
import { intentButton, type Reply } from './reply.js';

export interface AlertView {
  id: string;
  title: string;
  severity: 'INFO' | 'WARNING' | 'CRITICAL';
  state: 'OPEN' | 'ACKNOWLEDGED' | 'SNOOZED' | 'RESOLVED';
  evidence: AlertEvidence | null;
  accountName: string;
  owner: string | null;
  assignee: string | null;
  openedAt: Date;
  snoozedUntil: Date | null;
  resolvedAt: Date | null;
  escalationLevel: number;
  resolution?: string;
  /** The play the alert names, and whether a run of it is open on the account. */
  play?: { id: string; name: string; running: boolean };
}

const tone = { INFO: 'info', WARNING: 'warning', CRITICAL: 'critical' } as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** An alert as a neutral message: what changed, evidence, freshness, action, and its buttons. */
export function alertReply(alert: AlertView): Reply {
  const e = alert.evidence;
  const status =
    alert.state === 'RESOLVED'
      ? `Resolved ${alert.resolvedAt ? day(alert.resolvedAt) : ''}${alert.resolution ? `: ${alert.resolution}` : ''}`
      : alert.state === 'SNOOZED'
        ? `Snoozed until ${alert.snoozedUntil ? day(alert.snoozedUntil) : '?'}`
        : alert.state === 'ACKNOWLEDGED'
          ? `Acknowledged${alert.assignee ? `, claimed by ${alert.assignee}` : ''}`
          : alert.assignee
            ? `Claimed by ${alert.assignee}`
            : `Open${alert.escalationLevel ? `, escalated to level ${alert.escalationLevel}` : ''}`;
  const act = (action: 'ack' | 'claim' | 'snooze', days: number) => ({ alertId: alert.id, action, days });
  const why = intentButton('Why?', `why ${alert.accountName}`, 'why', { account: alert.accountName });
  return {
    headline: alert.state === 'RESOLVED' ? `Resolved: ${alert.title}` : alert.title,
    tone: alert.state === 'RESOLVED' ? 'good' : tone[alert.severity],
    facts: [
      ...(e ? [{ label: 'Health', value: e.score === null ? e.band : `${e.score} (${e.band})` }] : []),
      { label: 'Owner', value: alert.owner ?? 'nobody' },
      { label: 'Status', value: status.trim() },
      ...(alert.play ? [{ label: 'Play', value: `${alert.play.name}${alert.play.running ? ' (running)' : ''}` }] : []),
      ...(e
        ? [
            {
              label: 'Data as of',
              value: `${e.dataAsOf ?? 'no data'}${e.staleSources?.length ? ` (stale: ${e.staleSources.join(', ')})` : ''}`,
            },
            ...(e.sources?.length ? [{ label: 'Sources', value: e.sources.slice(0, 4).join(', ') }] : []),
          ]
        : []),
    ],
    sections: e
      ? [
          { title: 'What changed', lines: [e.whatChanged] },
          ...(e.evidence.length ? [{ title: 'Evidence', lines: e.evidence }] : []),
          ...(e.alsoRaised?.length ? [{ title: 'Also raised by this change', lines: e.alsoRaised }] : []),
          {
            title: 'Suggested action',
            lines: [e.suggestedAction, ...(e.escalationPath ? [`Escalation path: ${e.escalationPath}`] : [])],
          },
        ]
      : [],
    buttons:
      alert.state === 'RESOLVED'
        ? [why]
        : [
            intentButton('Acknowledge', `alert ack ${alert.id}`, 'alert', act('ack', 7), { style: 'primary' }),
            intentButton('Snooze 7 days', `alert snooze ${alert.id} 7`, 'alert', act('snooze', 7)),
            intentButton('Claim', `alert claim ${alert.id}`, 'alert', act('claim', 7)),
            alert.play && !alert.play.running
              ? intentButton('Start play', `start play ${alert.play.id} for ${alert.accountName}`, 'start_play', {
                  play: alert.play.id,
                  account: alert.accountName,
                })
              : intentButton('Next steps', `what should I do about ${alert.accountName}`, 'next_steps', {
                  account: alert.accountName,
                }),
            why,
          ],
  };
}
