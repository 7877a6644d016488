import type { InsufficientData } from '../scoring/data-sufficiency.js';
import type { HealthScore } from '../scoring/health-score.js';
import { explainChange } from '../scoring/explain-change.js';
import { dataFreshness } from '../scoring/freshness.js';
import { roundTo } from '../scoring/rounding.js';
import type { Signal } from '../signals/evaluate-triggers.js';

// Which alerts an account's latest score calls for. Conditions, not events: an alert exists while
// its condition holds and resolves when it no longer does, so restarts and re-runs change nothing.

export type AlertSeverity = 'INFO' | 'WARNING' | 'CRITICAL';

/** Every alert explains itself: what changed, the evidence, how fresh the data is, what to do. */
export interface AlertEvidence {
  whatChanged: string;
  evidence: string[];
  dataAsOf: string | null;
  suggestedAction: string;
  /** Null on a data-gap notice: there was not enough data for a score. */
  score: number | null;
  band: string;
  escalationPath?: string;
  /** Sources that had gone quiet about the account when the alert opened: what they feed may be old. */
  staleSources?: string[];
  /** The sources that fed the account, each with when it last delivered, to the minute, newest first. */
  sources?: string[];
  /** Other alerts opened for the account by the same change, told in this one message. */
  alsoRaised?: string[];
  /** Survey alerts: the feedback themes of the client's comment (theme keys). */
  themes?: string[];
}

export interface AlertCandidate {
  kind: string;
  severity: AlertSeverity;
  title: string;
  evidence: AlertEvidence;
}

export interface HealthAlertPolicy {
  /** A drop of more than this many points against the baseline is a sharp drop. */
  dropPoints: number;
  dropDays: number;
}

/** Alert kinds this module owns (and resolves when their condition clears). */
export const isHealthAlertKind = (kind: string) =>
  kind === 'at_risk' || kind === 'sharp_drop' || kind === dataGapKind || kind.startsWith('signal:');

/** One alert per warning or critical trigger signal, with its evidence and the framework's actions. */
export function signalAlerts(
  accountName: string,
  signals: readonly Signal[],
  base: Pick<AlertEvidence, 'dataAsOf' | 'score' | 'band' | 'whatChanged' | 'staleSources' | 'sources'>,
): AlertCandidate[] {
  return signals
    .filter((signal) => signal.severity !== 'info')
    .map((signal) => ({
      kind: `signal:${signal.ruleId}`,
      severity: severityOf(signal.severity),
      title: `${accountName}: ${signal.label}`,
      evidence: {
        ...base,
        evidence: signal.evidence,
        suggestedAction: `${signal.humanAction} (${signal.systemResponse})`,
        ...(signal.escalationPath ? { escalationPath: signal.escalationPath } : {}),
      },
    }));
}

/** The notice that an account has too little data for a score; for its owner, not the alert channel. */
export const dataGapKind = 'data_gap';

/** One notice while an account cannot be scored: what is missing and since when, never a score of 0. */
export function dataGapAlert(accountName: string, gap: InsufficientData): AlertCandidate {
  return {
    kind: dataGapKind,
    severity: 'INFO',
    title: `${accountName}: not enough data to score`,
    evidence: {
      whatChanged: gap.text,
      evidence: gap.missing
        .slice(0, 6)
        .map((m) => `${m.label}: ${m.lastSeen ? `last value ${m.lastSeen}` : 'never received'}`),
      dataAsOf: gap.newestData,
      suggestedAction:
        gap.reason === 'before-start'
          ? 'Nothing to do until the contract starts.'
          : 'Check the sources that feed this account (tend sources) and import or connect its missing data.',
      score: null,
      band: 'not enough data',
    },
  };
}

const severityOf = (s: Signal['severity']): AlertSeverity =>
  s === 'critical' ? 'CRITICAL' : s === 'warning' ? 'WARNING' : 'INFO';

export function healthAlerts(
  input: {
    accountName: string;
    current: HealthScore;
    signals: readonly Signal[];
    baseline?: HealthScore;
    staleSources?: readonly string[];
    sources?: readonly string[];
  },
  policy: HealthAlertPolicy,
): AlertCandidate[] {
  const { current, baseline, accountName } = input;
  const fresh = dataFreshness(current);
  const sinceBaseline = baseline ? explainChange(current, baseline) : undefined;
  const whatChanged = sinceBaseline
    ? `Since ${sinceBaseline.previousAt.slice(0, 10)}: ${sinceBaseline.summary}`
    : (current.change?.summary ?? 'No earlier score to compare with.');
  const drivers = current.drivers.negative.slice(0, 3).map((d) => d.text);
  const flags = current.redFlags.map((f) => `${f.label}: ${roundTo(f.value, 1)} (${f.threshold})`);
  const topAction = current.recommendations[0];
  const base = {
    dataAsOf: fresh.newest,
    score: current.overall,
    band: current.band.label,
    ...(input.staleSources?.length ? { staleSources: [...input.staleSources] } : {}),
    ...(input.sources?.length ? { sources: [...input.sources] } : {}),
  };
  const out: AlertCandidate[] = [];

  if (current.band.atRisk) {
    const turned = baseline && !baseline.band.atRisk;
    out.push({
      kind: 'at_risk',
      severity: current.overall < 40 ? 'CRITICAL' : 'WARNING',
      title: `${accountName} ${turned ? 'turned' : 'is'} ${current.band.label}: ${current.overall}/100`,
      evidence: {
        ...base,
        whatChanged,
        evidence: [...flags, ...drivers],
        suggestedAction: topAction
          ? `${topAction.action} (${topAction.priority})`
          : (current.band.meaning ?? 'Review the account with its owner.'),
      },
    });
  }

  if (baseline && baseline.overall - current.overall > policy.dropPoints) {
    const drop = roundTo(baseline.overall - current.overall, 1);
    out.push({
      kind: 'sharp_drop',
      severity: drop > 2 * policy.dropPoints ? 'CRITICAL' : 'WARNING',
      title: `${accountName} dropped ${drop} points in ${policy.dropDays} days (${baseline.overall} → ${current.overall})`,
      evidence: {
        ...base,
        whatChanged,
        evidence: drivers,
        suggestedAction: topAction
          ? `${topAction.action} (${topAction.priority})`
          : 'Find out what changed with the account’s champion.',
      },
    });
  }

  out.push(...signalAlerts(accountName, input.signals, { ...base, whatChanged }));
  return out;
}
