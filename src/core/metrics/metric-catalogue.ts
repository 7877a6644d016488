// The metrics Tend knows by name, with their units and scales. Imports and health models refer to
// these keys; an unknown key in a model is rejected, and the unit says how a value is read.

export type MetricUnit =
  | 'percent' // 0..100
  | 'count'
  | 'ratio'
  | 'hours'
  | 'days'
  | 'score_0_10'
  | 'nps' // -100..100
  | 'csat' // 1..5
  | 'boolean'; // 0 or 1

export interface MetricDefinition {
  key: string;
  unit: MetricUnit;
  /** How often a source is expected to report it. */
  cadence: 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'event';
  description: string;
  range?: readonly [number, number];
}

const definitions = [
  {
    key: 'dau_pct',
    unit: 'percent',
    cadence: 'weekly',
    description: 'Daily active users as % of licensed seats',
    range: [0, 100],
  },
  { key: 'seats_active', unit: 'count', cadence: 'weekly', description: 'Seats used at least once in the period' },
  {
    key: 'logins_per_user_weekly',
    unit: 'ratio',
    cadence: 'weekly',
    description: 'Average logins per active user per week',
  },
  {
    key: 'feature_adoption_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Share of key features in regular use',
    range: [0, 100],
  },
  { key: 'support_tickets', unit: 'count', cadence: 'weekly', description: 'Support tickets opened in the week' },
  {
    key: 'tickets_per_user_monthly',
    unit: 'ratio',
    cadence: 'monthly',
    description: 'Support tickets per active user per month',
  },
  { key: 'avg_resolution_hours', unit: 'hours', cadence: 'monthly', description: 'Average ticket resolution time' },
  {
    key: 'escalation_rate_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Share of tickets escalated',
    range: [0, 100],
  },
  {
    key: 'support_satisfaction_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Support satisfaction, 0-100',
    range: [0, 100],
  },
  {
    key: 'product_satisfaction_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Product satisfaction, 0-100',
    range: [0, 100],
  },
  { key: 'meetings', unit: 'count', cadence: 'monthly', description: 'Customer meetings held in the month' },
  {
    key: 'stakeholder_engagement_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Stakeholder engagement, 0-100',
    range: [0, 100],
  },
  {
    key: 'advocacy_pct',
    unit: 'percent',
    cadence: 'quarterly',
    description: 'Advocacy (references, case studies), 0-100',
    range: [0, 100],
  },
  { key: 'training_no_shows', unit: 'count', cadence: 'monthly', description: 'Training sessions booked and missed' },
  {
    key: 'xla_achievement_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Experience-level agreements met',
    range: [0, 100],
  },
  {
    key: 'roi_realization_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Share of the projected ROI realised',
    range: [0, 100],
  },
  {
    key: 'efficiency_gain_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Process efficiency gained',
    range: [0, 100],
  },
  {
    key: 'time_saved_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Time saved against the baseline (MIYAR value model)',
    range: [0, 100],
  },
  {
    key: 'expansion_readiness_pct',
    unit: 'percent',
    cadence: 'monthly',
    description: 'Expansion readiness, 0-100',
    range: [0, 100],
  },
  {
    key: 'project_delay_days',
    unit: 'days',
    cadence: 'monthly',
    description: 'Days the current project cycle runs late',
  },
  {
    key: 'nps',
    unit: 'nps',
    cadence: 'event',
    description: 'Net Promoter Score of the period, -100..100',
    range: [-100, 100],
  },
  { key: 'csat', unit: 'csat', cadence: 'event', description: 'Average CSAT of the period, 1..5', range: [1, 5] },
  {
    key: 'comment_sentiment_pct',
    unit: 'percent',
    cadence: 'event',
    description:
      'Mean sentiment of customer comments in the period, 0 (all negative) .. 100 (all positive); 50 is neutral',
    range: [0, 100],
  },
] as const satisfies readonly MetricDefinition[];

export type MetricKey = (typeof definitions)[number]['key'];

export const metricCatalogue: ReadonlyMap<string, MetricDefinition> = new Map(
  definitions.map((d) => [d.key, d as MetricDefinition]),
);

export function isKnownMetric(key: string): key is MetricKey {
  return metricCatalogue.has(key);
}

/**
 * The values a metric can plausibly take: its own range, else one by unit. Anything outside is a
 * data error refused at the door (a count of 1e308 once stopped scoring for every account).
 */
const rangeByUnit: Record<MetricUnit, readonly [number, number]> = {
  percent: [0, 100],
  count: [0, 10_000_000],
  ratio: [0, 100_000],
  hours: [0, 100_000],
  days: [0, 36_500],
  score_0_10: [0, 10],
  nps: [-100, 100],
  csat: [1, 5],
  boolean: [0, 1],
};

export function plausibleRange(key: string): readonly [number, number] | undefined {
  const definition = metricCatalogue.get(key);
  return definition ? (definition.range ?? rangeByUnit[definition.unit]) : undefined;
}
