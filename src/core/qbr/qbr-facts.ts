import type { ScoredAssessment } from '../assess-account.js';
import type { FeedbackSummary } from '../feedback/summarise-feedback.js';
import type { RenewalStatus } from '../lifecycle/renewal-milestones.js';
import { goalProgress } from '../plans/goal-progress.js';
import { roundTo } from '../scoring/rounding.js';
import type { Quarter } from './quarter.js';

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
  }[];
  renewal?: RenewalStatus;
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

export interface QbrFacts {
  account: QbrInputs['account'];
  quarter: { label: string; from: string; to: string };
  health: {
    end: number;
    band: string;
    start: number | null;
    startBand: string | null;
    change: number | null;
    confidencePct: number;
    dimensions: { label: string; score: number | null; weightPct: number }[];
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
  risks: string[];
  recommendations: string[];
  goals: (QbrInputs['goals'][number] & { progressPct: number | null })[];
  renewal: { date: string; daysToRenewal: number; milestone: string | null } | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

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
    },
    health: {
      end: end.overall,
      band: end.band.label,
      start: start?.overall ?? null,
      startBand: start?.band.label ?? null,
      change: start ? roundTo(end.overall - start.overall, 1) : null,
      confidencePct: Math.round(end.confidence * 100),
      dimensions: Object.values(end.dimensions).map((d) => ({
        label: d.label,
        score: d.score === null ? null : roundTo(d.score, 1),
        weightPct: d.weight,
      })),
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
    goals: inputs.goals.map((g) => {
      const progress = goalProgress(g);
      return { ...g, progressPct: progress === null ? null : Math.round(progress * 100) };
    }),
    renewal: inputs.renewal
      ? {
          date: inputs.renewal.renewalDate,
          daysToRenewal: inputs.renewal.daysToRenewal,
          milestone: inputs.renewal.current?.label ?? null,
        }
      : null,
  };
}
