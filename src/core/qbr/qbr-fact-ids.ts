import type { QbrFacts } from './qbr-facts.js';

// Every figure of a QBR fact sheet under a stable id ("health.end", "renewal.days",
// "goals.2.progress"): the model cites the ids a paragraph states, and the claim check reads each
// figure against what its paragraph cites, not against every number on the sheet.

export type FactUnit = 'score' | 'points' | '%' | 'days' | 'count' | 'currency' | 'sentiment' | (string & {});

export interface StatedFact {
  id: string;
  /** What the figure is, in the words a sentence would name it by: "health score", "Active seats". */
  label: string;
  value: number;
  unit: FactUnit;
  /** A level (where something stands) or a change (how far it moved). */
  kind: 'level' | 'change';
  /** The movement this figure belongs to: "rose to 62" is wrong if this change is negative. */
  change?: number | null;
  /** Whose figure it is: this account's name. */
  entity: string;
  /** Words a sentence names this figure by (its label's and its dimension's), lower case. */
  keywords: string[];
}

/** Words too common to say which figure a sentence means. */
const common = new Set([
  'the',
  'and',
  'of',
  'for',
  'per',
  'rate',
  'total',
  'number',
  'count',
  'average',
  'avg',
  'days',
  'week',
  'month',
  'quarter',
  'year',
]);

/** The words of a label a sentence would name it by. */
export const keywordsOf = (text: string) => [
  ...new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3 && !common.has(w) && !/^\d+$/.test(w)),
  ),
];

export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The id of a metric's figures: `${metricFactId(d, m)}.start`, `.end`, `.change`. */
export const metricFactId = (dimension: string, metric: string) => `metrics.${slug(dimension)}.${slug(metric)}`;

const figureInText = /(?<![\w.])[-+−]?\d+(?:\.\d+)?(%?)(\s*days?\b)?/g;

/** Every figure of the sheet with its id; null figures (no data) have no id: they cannot be stated. */
export function qbrFactIndex(facts: QbrFacts): StatedFact[] {
  const entity = facts.account.name;
  const out: StatedFact[] = [];
  const add = (fact: Omit<StatedFact, 'entity' | 'keywords' | 'value'> & { value: number | null; topic?: string }) => {
    const { topic, ...rest } = fact;
    if (fact.value === null || !Number.isFinite(fact.value)) return;
    out.push({ ...rest, value: fact.value, entity, keywords: keywordsOf(`${fact.label} ${topic ?? ''}`) });
  };
  const arr = Number(facts.account.arr);
  add({ id: 'account.arr', label: 'ARR', value: Number.isFinite(arr) ? arr : null, unit: 'currency', kind: 'level' });
  const h = facts.health;
  add({ id: 'health.end', label: 'health score', value: h.end, unit: 'score', kind: 'level', change: h.change });
  add({ id: 'health.start', label: 'health score', value: h.start, unit: 'score', kind: 'level', change: h.change });
  add({ id: 'health.change', label: 'health score', value: h.change, unit: 'points', kind: 'change' });
  add({ id: 'health.confidence', label: 'data coverage', value: h.confidencePct, unit: '%', kind: 'level' });
  for (const p of h.trend)
    add({ id: `health.trend.${p.date}`, label: 'health score', value: p.score, unit: 'score', kind: 'level' });
  for (const d of h.dimensions) {
    add({
      id: `health.dimensions.${slug(d.label)}.score`,
      label: `${d.label} score`,
      value: d.score,
      unit: 'score',
      kind: 'level',
    });
    add({
      id: `health.dimensions.${slug(d.label)}.weight`,
      label: `${d.label} weight`,
      value: d.weightPct,
      unit: '%',
      kind: 'level',
    });
  }
  for (const [dimension, moves] of Object.entries(facts.metrics))
    for (const m of moves) {
      const base = metricFactId(dimension, m.label);
      const move = { label: m.label, unit: m.unit, topic: dimension };
      add({ ...move, id: `${base}.start`, value: m.start, kind: 'level', change: m.change });
      add({ ...move, id: `${base}.end`, value: m.end, kind: 'level', change: m.change });
      add({ ...move, id: `${base}.change`, value: m.change, kind: 'change' });
    }
  const v = facts.voiceOfCustomer;
  add({ id: 'voice.comments', label: 'customer comments', value: v.comments, unit: 'count', kind: 'level' });
  add({
    id: 'voice.sentiment',
    label: 'sentiment',
    value: v.sentiment,
    unit: 'sentiment',
    kind: 'level',
    change: v.sentimentChange,
  });
  add({ id: 'voice.sentimentChange', label: 'sentiment', value: v.sentimentChange, unit: 'sentiment', kind: 'change' });
  v.themes.forEach((t) =>
    add({
      id: `voice.themes.${slug(t.label)}.comments`,
      label: `${t.label} comments`,
      value: t.comments,
      unit: 'count',
      kind: 'level',
    }),
  );
  facts.goals.forEach((g, i) => {
    const label = g.kpi || g.title;
    const unit = g.unit ?? 'count';
    add({ id: `goals.${i}.baseline`, label, value: g.baseline, unit, kind: 'level' });
    add({ id: `goals.${i}.target`, label, value: g.target, unit, kind: 'level' });
    add({ id: `goals.${i}.current`, label, value: g.current, unit, kind: 'level' });
    add({ id: `goals.${i}.progress`, label: `${label} progress`, value: g.progressPct, unit: '%', kind: 'level' });
  });
  if (facts.goals.length)
    add({ id: 'goals.count', label: 'success-plan goals', value: facts.goals.length, unit: 'count', kind: 'level' });
  // Risks and recommendations are sentences the core wrote; their figures are stated as written.
  for (const [list, items] of [
    ['risks', facts.risks],
    ['recommendations', facts.recommendations],
  ] as const)
    items.forEach((text, i) => {
      let j = 0;
      for (const m of text.matchAll(figureInText))
        add({
          id: `${list}.${i}.${j++}`,
          label: text,
          value: Number(m[0].replace(/[−]/g, '-').replace(/[%\sdays]/g, '')),
          unit: m[1] ? '%' : m[2] ? 'days' : 'count',
          kind: 'level',
        });
    });
  if (facts.renewal)
    add({ id: 'renewal.days', label: 'renewal', value: facts.renewal.daysToRenewal, unit: 'days', kind: 'level' });
  return out;
}
