import type { CadenceStatus } from '../lifecycle/cadence-status.js';
import type { RenewalStatus } from '../lifecycle/renewal-milestones.js';
import type { AlertCandidate } from './health-alerts.js';

/**
 * A renewal reminder for the milestone now in progress (e.g. 90 / 60 / 30 days out), with the
 * reference tasks. Its kind names the renewal date and milestone, so each fires once per renewal.
 */
export function renewalAlert(input: {
  accountName: string;
  renewal: RenewalStatus;
  score?: { overall: number; band: string; atRisk: boolean };
}): AlertCandidate | undefined {
  const { renewal, score } = input;
  const milestone = renewal.current;
  if (!milestone || renewal.daysToRenewal < 0) return undefined;
  return {
    kind: `renewal:${renewal.renewalDate}:${milestone.daysBefore}`,
    severity: score?.atRisk ? (renewal.daysToRenewal <= 30 ? 'CRITICAL' : 'WARNING') : 'INFO',
    title: `${input.accountName} renews in ${renewal.daysToRenewal} days (${renewal.renewalDate}): ${milestone.label}`,
    evidence: {
      whatChanged: `The ${milestone.daysBefore}-day renewal milestone began on ${milestone.due}.`,
      evidence: score
        ? [`Health ${score.overall} (${score.band})${score.atRisk ? ', at risk' : ''}`]
        : ['No health score yet'],
      dataAsOf: null,
      suggestedAction: milestone.tasks.join('; '),
      score: score?.overall ?? null,
      band: score?.band ?? 'not scored',
    },
  };
}

export const isRenewalKind = (kind: string) => kind.startsWith('renewal:');

/** Touchpoints of the account's cadence that are overdue, as one alert. */
export function cadenceAlert(input: {
  accountName: string;
  cadence: CadenceStatus;
  score?: { overall: number; band: string };
}): AlertCandidate | undefined {
  const overdue = input.cadence.touchpoints.filter((t) => t.state === 'overdue');
  if (!overdue.length) return undefined;
  const worst = Math.max(...overdue.map((t) => t.overdueDays));
  return {
    kind: 'touchpoint_overdue',
    severity: worst > 30 ? 'WARNING' : 'INFO',
    title: `${input.accountName}: ${overdue.map((t) => t.label).join(', ')} overdue (${input.cadence.planLabel})`,
    evidence: {
      whatChanged: `${overdue.length} touchpoint(s) past due, the oldest by ${worst} days.`,
      evidence: overdue.map((t) => `${t.label}: every ${t.everyDays} days, last ${t.last ?? 'never'}, due ${t.due}`),
      dataAsOf: null,
      suggestedAction: `Schedule the ${overdue[0]!.label.toLowerCase()} and log it (note ${input.accountName}: ...).`,
      score: input.score?.overall ?? null,
      band: input.score?.band ?? 'not scored',
    },
  };
}
