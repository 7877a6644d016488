import type { ScoredAssessment } from '../assess-account.js';
import type { FeedbackSummary } from '../feedback/summarise-feedback.js';
import type { RenewalStatus } from '../lifecycle/renewal-milestones.js';
import { goalProgress } from '../plans/goal-progress.js';
import { isAtRiskBand } from '../scoring/at-risk.js';
import { labelOf } from '../scoring/format.js';
import { roundTo } from '../scoring/rounding.js';
import { nextQuarter, type Quarter } from './quarter.js';
import { withUnit } from './qbr-units.js';

// The fact sheet of a QBR: every number the draft may use, computed here and nowhere else. The
// model receives it as JSON; the template renders it; the grounding check compares against it.

export interface QbrInputs {
  account: {
    name: string;
    tier: string;
    segment: string;
    arr: string;
    currency: string;
    owner: string | null;
    executiveSponsor: string | null;
  };
  quarter: Quarter;
  /** Scored at the quarter's start and end (end = now for a quarter still running). */
  start?: ScoredAssessment;
  end: ScoredAssessment;
  feedback: FeedbackSummary;
  goals: {
    title: string;
    kpi: string;
    unit: string | null;
    baseline: number | null;
    target: number | null;
    current: number | null;
    status: string;
    dueDate: string | null;
    owner?: string | null;
    /** The KPI's last recorded value on or before the quarter's end, when it is a stored metric. */
    atEnd?: number | null;
  }[];
  /** When the review is prepared: commitments are dated after it. */
  preparedAt?: Date;
  renewal?: RenewalStatus;
  /** The health model's bands, to colour each dimension by the band its score falls in. */
  bands?: { min: number; label: string; colour: string; atRisk?: boolean }[];
  /** When the figures are read: the quarter's end, or now for a quarter still running. */
  asOf?: Date;
  /** Weekly stored health scores over the quarter, oldest first (the deck's chart). */
  healthTrend?: { date: string; score: number }[];
}

export interface MetricMove {
  label: string;
  unit: string;
  start: number | null;
  end: number | null;
  change: number | null;
}

/** A success-plan goal as of the quarter's end: its value then, and a status that agrees with its progress. */
export interface QbrGoal {
  title: string;
  /** The KPI's key as stored ("dau_pct"). */
  kpi: string;
  /** The KPI as a person reads it ("Daily active users as % of licensed seats"). */
  name: string;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  /** The KPI's value at the quarter's end (or so far, for a running quarter); null when not measured then. */
  current: number | null;
  /** Share of the way from baseline to target, percent; right for goals where lower is better too. */
  progressPct: number | null;
  status: 'achieved' | 'in progress' | 'moving away from target' | 'missed' | 'not measured';
  /** The status the success plan records (internal: the brief shows it beside the computed one). */
  recordedStatus: string;
  dueDate: string | null;
  owner: string | null;
}

/** A risk as a client reads it: a shared topic with the figure behind it, never a trigger or a play. */
export interface QbrTopic {
  title: string;
  text: string;
}

/** Next quarter's plan as commitments: what, who, by when. */
export interface QbrCommitment {
  what: string;
  owner: string;
  due: string;
}

export interface QbrFacts {
  account: QbrInputs['account'];
  quarter: {
    label: string;
    from: string;
    to: string;
    /** The day every figure is read at: the quarter's last day, or today's for a running quarter. */
    asOf: string;
    /** True while the quarter runs: figures are "so far". */
    running: boolean;
  };
  health: {
    end: number;
    band: string;
    start: number | null;
    startBand: string | null;
    change: number | null;
    confidencePct: number;
    dimensions: {
      label: string;
      score: number | null;
      weightPct: number;
      /** The dimension's score at the quarter's start. */
      start?: number | null;
      /** The band the score falls in, with its colour (absent without the model's bands). */
      band?: { label: string; colour: string; atRisk: boolean } | null;
    }[];
    /** Weekly scores over the quarter, oldest first; empty before any was stored. */
    trend: { date: string; score: number }[];
  };
  /** Inputs of each dimension, quarter start to end, grouped by dimension label. */
  metrics: Record<string, MetricMove[]>;
  voiceOfCustomer: {
    comments: number;
    sentiment: number | null;
    sentimentLabel: string | null;
    sentimentChange: number | null;
    themes: { label: string; comments: number; sentiment: number }[];
    quotes: { text: string; contact: string | null; date: string }[];
  };
  /** Internal: the risks as Tend sees them (band, red flags, triggers and their actions). */
  risks: string[];
  /** Internal: the model's recommendations and the triggers' actions. */
  recommendations: string[];
  goals: QbrGoal[];
  /** The risks as shared topics for the client. */
  topics: QbrTopic[];
  /** Next quarter's plan as commitments with owners and dates. */
  commitments: QbrCommitment[];
  renewal: { date: string; daysToRenewal: number; milestone: string | null } | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A KPI or metric name as a client reads it: the catalogue's words without internal asides. */
export const readableMetric = (metric: string, label?: string) =>
  labelOf(metric, label)
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase());

function goalStatus(progressPct: number | null, dueDate: string | null, asOf: string): QbrGoal['status'] {
  if (progressPct === null) return 'not measured';
  if (progressPct >= 100) return 'achieved';
  if (dueDate !== null && dueDate <= asOf) return 'missed';
  if (progressPct < 0) return 'moving away from target';
  return 'in progress';
}

const bandOf = (bands: QbrInputs['bands'], score: number | null) => {
  if (!bands?.length || score === null) return null;
  let band = [...bands].sort((a, b) => a.min - b.min)[0]!;
  for (const b of [...bands].sort((a, x) => a.min - x.min)) if (score >= b.min) band = b;
  return {
    label: band.label,
    colour: band.colour.replace(/^#/, '').toUpperCase(),
    atRisk: isAtRiskBand(band),
  };
};

export function buildQbrFacts(inputs: QbrInputs): QbrFacts {
  const end = inputs.end.score;
  const start = inputs.start?.score;
  const metrics: Record<string, MetricMove[]> = {};
  for (const dimension of Object.values(end.dimensions)) {
    const before = start?.dimensions[dimension.key];
    metrics[dimension.label] = dimension.inputs.map((input) => {
      const was = before?.inputs.find((i) => i.metric === input.metric)?.value ?? null;
      const now = input.value;
      return {
        label: input.label,
        unit: input.unit,
        start: was === null ? null : roundTo(was, 1),
        end: now === null ? null : roundTo(now, 1),
        change: was === null || now === null ? null : roundTo(now - was, 1),
      };
    });
  }
  const asOf = inputs.asOf ?? new Date(inputs.quarter.to.getTime() - 1);
  const running = asOf.getTime() < inputs.quarter.to.getTime() - 1;
  const asOfDay = day(asOf);
  const endInputs = Object.values(end.dimensions).flatMap((d) => d.inputs);
  const goals: QbrGoal[] = inputs.goals.map((g) => {
    const measured = endInputs.find((i) => i.metric === g.kpi);
    // The KPI's value at the quarter's end; the plan's stored value is today's, right only while the quarter runs.
    // Then the KPI as recorded on or before that day; without either, today's value only while the quarter runs.
    const value = measured ? measured.value : (g.atEnd ?? (running ? g.current : null));
    const current = value === null ? null : roundTo(value, 1);
    const progress = goalProgress({ ...g, current });
    const progressPct = progress === null ? null : Math.round(progress * 100);
    return {
      title: g.title,
      kpi: g.kpi,
      name: readableMetric(g.kpi, measured?.label),
      unit: g.unit ?? measured?.unit ?? null,
      baseline: g.baseline,
      target: g.target,
      current,
      progressPct,
      status: goalStatus(progressPct, g.dueDate, asOfDay),
      recordedStatus: g.status.toLowerCase().replace(/_/g, ' '),
      dueDate: g.dueDate,
      owner: g.owner ?? null,
    };
  });
  const owner = inputs.account.owner ?? 'Account team';
  const next = nextQuarter(inputs.quarter);
  // Commitments start from the meeting: the next quarter's start, or the day the review is prepared if later.
  const from = Math.max(next.from.getTime(), inputs.preparedAt?.getTime() ?? 0);
  const inNextQuarter = (days: number) => day(new Date(from + days * 86_400_000));
  const topics: (QbrTopic & { weight: number })[] = [];
  for (const dimension of Object.values(end.dimensions)) {
    const before = start?.dimensions[dimension.key];
    if (dimension.score === null) continue;
    const fell = before && before.score !== null ? roundTo(dimension.score - before.score, 1) : null;
    // A dimension in an at-risk band (below 60 without the model's bands) is worth a conversation too.
    const low = bandOf(inputs.bands, dimension.score)?.atRisk ?? dimension.score < 60;
    if (!(fell !== null && fell <= -5) && !low) continue;
    // The input that moved most against the account: what the conversation is about.
    const worst = dimension.inputs
      .map((i) => {
        const was = before?.inputs.find((b) => b.metric === i.metric);
        return { i, was, drop: (was?.normalised ?? i.normalised ?? 0) - (i.normalised ?? 0) };
      })
      .filter((x) => x.i.value !== null && x.was?.value !== null && x.was?.value !== undefined && x.drop > 0)
      .sort((a, b) => b.drop - a.drop)[0];
    const detail = worst
      ? ` ${readableMetric(worst.i.metric, worst.i.label)} went from ${withUnit(roundTo(worst.was!.value!, 1), worst.i.unit)} to ${withUnit(roundTo(worst.i.value!, 1), worst.i.unit)}.`
      : '';
    const where =
      fell !== null && fell <= -5
        ? `${dimension.label} fell from ${roundTo(before!.score!, 1)} to ${roundTo(dimension.score, 1)} of 100 over the quarter.`
        : `${dimension.label} stands at ${roundTo(dimension.score, 1)} of 100${running ? ' so far' : " at the quarter's end"}.`;
    topics.push({
      weight: (fell ?? 0) + dimension.score / 10,
      title: dimension.label,
      text: `${where}${detail} We propose a joint review with your team.`,
    });
  }
  // The three that moved most: a meeting works on a few topics, the brief has the rest.
  const shared: QbrTopic[] = topics
    .sort((a, b) => a.weight - b.weight)
    .slice(0, 3)
    .map(({ title, text }) => ({ title, text }));
  const commitments: QbrCommitment[] = [
    ...shared.map((t) => ({ what: `Joint review of ${t.title.toLowerCase()}`, owner, due: inNextQuarter(30) })),
    ...goals
      .filter((g) => g.status !== 'achieved' && g.target !== null)
      .map((g) => ({
        what: `${g.title}: ${g.name} to ${withUnit(g.target!, g.unit)}`,
        owner: g.owner ?? owner,
        due: g.dueDate ?? inNextQuarter(91),
      })),
    ...(goals.length
      ? []
      : [{ what: 'Agree two or three measurable goals for a success plan', owner, due: inNextQuarter(30) }]),
    { what: 'Next business review', owner, due: inNextQuarter(91) },
  ];
  const risks = [
    ...(end.band.atRisk ? [`Health band ${end.band.label} (${end.overall})`] : []),
    ...end.redFlags.map((f) => `${f.label}: ${roundTo(f.value, 1)} (${f.threshold})`),
    ...inputs.end.signals.filter((s) => s.severity !== 'info').map((s) => `${s.label}: ${s.humanAction}`),
    ...(inputs.renewal && inputs.renewal.daysToRenewal <= 120 && end.band.atRisk
      ? [`Renewal in ${inputs.renewal.daysToRenewal} days while at risk`]
      : []),
  ];
  return {
    account: inputs.account,
    quarter: {
      label: inputs.quarter.label,
      from: day(inputs.quarter.from),
      to: day(new Date(inputs.quarter.to.getTime() - 86_400_000)),
      asOf: asOfDay,
      running,
    },
    health: {
      end: end.overall,
      band: end.band.label,
      start: start?.overall ?? null,
      startBand: start?.band.label ?? null,
      change: start ? roundTo(end.overall - start.overall, 1) : null,
      confidencePct: Math.round(end.confidence * 100),
      dimensions: Object.values(end.dimensions).map((d) => {
        const was = start?.dimensions[d.key]?.score;
        return {
          label: d.label,
          score: d.score === null ? null : roundTo(d.score, 1),
          weightPct: d.weight,
          start: was === undefined || was === null ? null : roundTo(was, 1),
          band: bandOf(inputs.bands, d.score === null ? null : roundTo(d.score, 1)),
        };
      }),
      trend: (inputs.healthTrend ?? []).map((p) => ({ date: p.date, score: roundTo(p.score, 1) })),
    },
    metrics,
    voiceOfCustomer: {
      comments: inputs.feedback.comments,
      sentiment: inputs.feedback.sentiment,
      sentimentLabel: inputs.feedback.sentimentLabel,
      sentimentChange: inputs.feedback.sentimentChange,
      themes: inputs.feedback.themes
        .slice(0, 4)
        .map((t) => ({ label: t.label, comments: t.comments, sentiment: t.sentiment })),
      quotes: inputs.feedback.quotes.slice(0, 3).map((q) => ({ text: q.text, contact: q.contact, date: q.receivedAt })),
    },
    risks,
    recommendations: [
      ...end.recommendations.map((r) => `${r.action} (${r.priority})`),
      ...inputs.end.signals.map((s) => s.humanAction),
    ].filter((r, i, all) => all.indexOf(r) === i),
    goals,
    topics: shared,
    commitments,
    renewal: inputs.renewal
      ? {
          date: inputs.renewal.renewalDate,
          daysToRenewal: inputs.renewal.daysToRenewal,
          milestone: inputs.renewal.current?.label ?? null,
        }
      : null,
  };
}
