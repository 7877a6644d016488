import type { MetricMove, QbrFacts } from '../../core/qbr/qbr-facts.js';
import { metricFactId, qbrFactIndex, slug } from '../../core/qbr/qbr-fact-ids.js';
import { signed, withUnit } from '../../core/qbr/qbr-units.js';
import type { QbrNarrative, QbrSection } from '../../../prompts/draft-qbr/schema.js';

// The deterministic QBR: what Tend writes offline, and whenever a model's draft is rejected.

export { signed, withUnit };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The metrics of dimensions whose name matches, e.g. /usage|adoption/ for the adoption section. */
export function metricsFor(facts: QbrFacts, pattern: RegExp): (MetricMove & { dimension: string })[] {
  return Object.entries(facts.metrics)
    .filter(([label]) => pattern.test(label))
    .flatMap(([dimension, moves]) => moves.map((m) => ({ ...m, dimension })));
}

export const sectionPatterns = {
  value: /value|business|roi/i,
  adoption: /usage|adoption|engagement/i,
  support: /support/i,
};

function describeMoves(moves: (MetricMove & { dimension: string })[], none: string): QbrSection {
  const known = moves.filter((m) => m.end !== null);
  if (!known.length) return { text: none, facts: [] };
  const facts: string[] = [];
  const parts = known.map((m) => {
    const id = metricFactId(m.dimension, m.label);
    if (m.change === null || m.start === null) {
      facts.push(`${id}.end`);
      return `${m.label}: ${withUnit(m.end!, m.unit)}`;
    }
    facts.push(`${id}.start`, `${id}.end`, `${id}.change`);
    return `${m.label} went from ${withUnit(m.start, m.unit)} to ${withUnit(m.end!, m.unit)} (${signed(m.change)})`;
  });
  return { text: `${parts.join('; ')}.`, facts };
}

/** Risk and recommendation sentences as the core wrote them, citing their own figures. */
function listed(facts: QbrFacts, list: 'risks' | 'recommendations', none: string): QbrSection {
  const items = facts[list];
  if (!items.length) return { text: none, facts: [] };
  const ids = qbrFactIndex(facts)
    .filter((f) => f.id.startsWith(`${list}.`))
    .map((f) => f.id);
  return { text: items.join('. ') + '.', facts: ids };
}

export function templateNarrative(facts: QbrFacts): QbrNarrative {
  const h = facts.health;
  const q = facts.quarter;
  const moved = h.start !== null && h.change !== null;
  const span = q.running ? `so far this quarter (to ${q.asOf})` : 'over the quarter';
  const trend = moved
    ? `Health moved from ${h.start} (${h.startBand}) to ${h.end} (${h.band}), ${signed(h.change!)} points ${span}.`
    : `Health is ${h.end} (${h.band}) ${q.running ? `as of ${q.asOf}` : "at the quarter's end"}; there is no score from the start of the quarter to compare with.`;
  const healthIds = moved ? ['health.start', 'health.end', 'health.change'] : ['health.end'];
  const voice = facts.voiceOfCustomer;
  const themeIds = voice.themes.map((t) => `voice.themes.${slug(t.label)}.comments`);
  return {
    executiveSummary: {
      text:
        (q.running
          ? `So far in ${q.label} (to ${q.asOf}), ${facts.account.name} has a health score of ${h.end} (${h.band}). `
          : `${facts.account.name} ended ${q.label} at a health score of ${h.end} (${h.band}). `) +
        trend +
        (facts.renewal ? ` The renewal is due on ${facts.renewal.date}.` : ''),
      facts: healthIds,
    },
    healthAndTrend: {
      text: `${trend} Data covered ${h.confidencePct}% of what the score is built from.`,
      facts: [...healthIds, 'health.confidence'],
    },
    valueDelivered: describeMoves(
      metricsFor(facts, sectionPatterns.value),
      'No value metrics were recorded this quarter.',
    ),
    adoption: describeMoves(
      metricsFor(facts, sectionPatterns.adoption),
      'No usage metrics were recorded this quarter.',
    ),
    support: describeMoves(
      metricsFor(facts, sectionPatterns.support),
      'No support metrics were recorded this quarter.',
    ),
    voiceOfCustomer: voice.comments
      ? {
          text:
            `${plural(voice.comments, 'customer comment')} this quarter, average sentiment ${signed(voice.sentiment!)} (${voice.sentimentLabel})` +
            (voice.sentimentChange === null ? '.' : `, ${signed(voice.sentimentChange)} against the quarter before.`) +
            (voice.themes.length
              ? ` Most discussed: ${voice.themes.map((t) => `${t.label} (${t.comments})`).join(', ')}.`
              : ''),
          facts: [
            'voice.comments',
            'voice.sentiment',
            ...(voice.sentimentChange === null ? [] : ['voice.sentimentChange']),
            ...themeIds,
          ],
        }
      : { text: 'No customer comments were recorded this quarter.', facts: [] },
    risks: listed(facts, 'risks', 'No open risks in the data.'),
    recommendations: listed(facts, 'recommendations', 'No recommendations from the model.'),
    nextQuarterGoals: facts.goals.length
      ? {
          text: `${plural(facts.goals.length, 'success-plan goal')} ${facts.goals.length === 1 ? 'carries' : 'carry'} into next quarter.`,
          facts: ['goals.count'],
        }
      : {
          text: 'There is no success plan yet: agree two or three measurable goals with the customer.',
          facts: [],
        },
  };
}

const cell = (v: number | string | null) => (v === null ? '' : String(v)).replace(/\|/g, '\\|');

function table(columns: string[], rows: (string | number | null)[][]): string {
  if (!rows.length) return '';
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** A metric's move as a table: its header and one row per metric (the Markdown, the deck and the document). */
export const moveColumnsOf = (running: boolean) => [
  'Metric',
  'Start of quarter',
  running ? 'So far' : 'End of quarter',
  'Change',
];
export const moveRow = (m: MetricMove) => [
  m.label,
  m.start === null ? null : withUnit(m.start, m.unit),
  m.end === null ? null : withUnit(m.end, m.unit),
  m.change === null ? null : signed(m.change),
];

/** The goals as a table: value at the quarter's end (or so far), progress and a status that agrees with it. */
export function goalRows(facts: QbrFacts): (string | number | null)[][] {
  return facts.goals.map((g) => [
    g.title,
    g.name,
    g.baseline === null ? null : withUnit(g.baseline, g.unit),
    g.target === null ? null : withUnit(g.target, g.unit),
    g.current === null ? null : withUnit(g.current, g.unit),
    g.progressPct === null ? null : `${signed(g.progressPct).replace('+', '')}%`,
    g.status,
    g.dueDate,
  ]);
}
export const goalColumnsOf = (running: boolean) => [
  'Goal',
  'KPI',
  'Baseline',
  'Target',
  running ? 'So far' : 'At quarter end',
  'Progress',
  'Status',
  'Due',
];

const moveTable = (facts: QbrFacts, moves: MetricMove[]) =>
  table(moveColumnsOf(facts.quarter.running), moves.map(moveRow));

/** The QBR as Markdown: the narrative (model's or template's) with tables straight from the facts. */
export function renderQbrMarkdown(facts: QbrFacts, narrative: QbrNarrative, note: string, preparedOn: string): string {
  const parts = [
    `# QBR draft: ${facts.account.name}, ${facts.quarter.label}`,
    `_${facts.quarter.from} to ${facts.quarter.to}; figures ${facts.quarter.running ? `so far, as of ${facts.quarter.asOf}` : `as of the quarter's end, ${facts.quarter.asOf}`}. Prepared by Tend on ${preparedOn} (${note}). Every figure comes from Tend's data; review before sharing._`,
    '## Executive summary',
    narrative.executiveSummary.text,
    '## Health and trend',
    narrative.healthAndTrend.text,
    table(
      ['Dimension', 'Score', 'Weight %'],
      facts.health.dimensions.map((d) => [d.label, d.score, d.weightPct]),
    ),
    '## Value delivered',
    narrative.valueDelivered.text,
    moveTable(facts, metricsFor(facts, sectionPatterns.value)),
    '## Adoption',
    narrative.adoption.text,
    moveTable(facts, metricsFor(facts, sectionPatterns.adoption)),
    '## Support',
    narrative.support.text,
    moveTable(facts, metricsFor(facts, sectionPatterns.support)),
    '## Voice of the customer',
    narrative.voiceOfCustomer.text,
    ...facts.voiceOfCustomer.quotes.map(
      (q) => `> “${q.text}”${q.contact ? ` (${q.contact}, ${q.date})` : ` (${q.date})`}`,
    ),
    '## Risks',
    narrative.risks.text,
    '## Recommendations',
    narrative.recommendations.text,
    '## Next-quarter goals',
    narrative.nextQuarterGoals.text,
    table(goalColumnsOf(facts.quarter.running), goalRows(facts)),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
