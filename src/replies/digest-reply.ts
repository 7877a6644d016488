import { formatMoney } from '../core/metrics/format-money.js';
import { intentButton, type Reply } from './reply.js';

/** The week in numbers for a set of accounts, as the weekly digest reports them. */
export interface DigestFigures {
  accounts: number;
  atRisk: number;
  atRiskWeekAgo: number;
  arrAtRisk: Record<string, string>;
  bandChanges: { name: string; from: string; to: string }[];
  renewals: { name: string; date: string; days: number; atRisk: boolean }[];
  movers: { name: string; from: number; to: number; delta: number }[];
  openAlerts: number;
  alertsLastWeek: number;
  actedOn: number;
  /** Share of last week's alerts acknowledged or claimed within the action window, 0..100. */
  actionRatePct: number | null;
  /** Helpful / not helpful pressed on Tend's answers in the last week, by everyone. */
  answerFeedback: { helpful: number; notHelpful: number };
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

export function digestReply(scope: string, f: DigestFigures, actionWindowHours: number): Reply {
  return {
    headline: `Weekly digest, ${scope}: ${f.atRisk} of ${f.accounts} accounts at risk (${signed(f.atRisk - f.atRiskWeekAgo)} this week)`,
    tone: f.atRisk > f.atRiskWeekAgo ? 'warning' : 'info',
    facts: [
      {
        label: 'ARR at risk',
        value:
          Object.entries(f.arrAtRisk)
            .map(([c, v]) => formatMoney(v, c))
            .join(', ') || 'none',
      },
      { label: 'Band changes', value: String(f.bandChanges.length) },
      {
        label: 'Renewals in 90 days',
        value: `${f.renewals.length} (${f.renewals.filter((r) => r.atRisk).length} at risk)`,
      },
      { label: 'Open alerts', value: String(f.openAlerts) },
      {
        label: `Alert-to-action (${actionWindowHours} h)`,
        value:
          f.actionRatePct === null
            ? 'no alerts this week'
            : `${f.actionRatePct} % (${f.actedOn} of ${f.alertsLastWeek})`,
      },
      {
        label: 'Answers rated this week',
        value:
          f.answerFeedback.helpful + f.answerFeedback.notHelpful
            ? `${f.answerFeedback.helpful} helpful, ${f.answerFeedback.notHelpful} not helpful`
            : 'none rated',
      },
    ],
    sections: [
      ...(f.movers.length
        ? [{ title: 'Top movers', lines: f.movers.map((m) => `${m.name}: ${m.from} → ${m.to} (${signed(m.delta)})`) }]
        : []),
      ...(f.bandChanges.length
        ? [{ title: 'Band changes', lines: f.bandChanges.slice(0, 15).map((c) => `${c.name}: ${c.from} → ${c.to}`) }]
        : []),
      ...(f.renewals.length
        ? [
            {
              title: 'Renewals due',
              lines: f.renewals
                .slice(0, 15)
                .map((r) => `${r.name}: ${r.date} (${r.days} days)${r.atRisk ? ', at risk' : ''}`),
            },
          ]
        : []),
    ],
    buttons: [
      intentButton('At-risk accounts', 'at-risk', 'at_risk', { filter: {} }),
      intentButton('Renewals (90 days)', 'renewals 90', 'renewals', { days: 90 }),
    ],
  };
}
