import { formatMoney } from '../../core/metrics/format-money.js';
import { metricFactId, qbrFactIndex, type StatedFact } from '../../core/qbr/qbr-fact-ids.js';
import type { MetricMove } from '../../core/qbr/qbr-facts.js';
import type { QbrNarrative } from '../../../prompts/draft-qbr/schema.js';
import type { QbrDraft } from './draft-qbr.js';
import { metricsFor, moveColumns, moveRow, sectionPatterns } from './qbr-template.js';

// What a QBR deck and document say, slide by slide and section by section: the checked narrative
// and tables straight from the fact sheet. Both renderers draw this; neither computes a figure.

export type TableRows = (string | number | null)[][];

export interface OutlineSection {
  key: 'summary' | 'health' | 'value' | 'adoption' | 'support' | 'voice' | 'risks' | 'next';
  title: string;
  text: string;
  /** One line in large type under the text: the figure the slide is about. */
  headline?: string;
  table?: TableRows;
  quotes?: { text: string; by: string | null }[];
  bullets?: string[];
  /** The fact ids of every figure the section shows, for the speaker notes. */
  factIds: string[];
}

export interface QbrOutline {
  title: string;
  subtitle: string;
  preparedLine: string;
  sections: OutlineSection[];
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;
const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function movesTable(moves: (MetricMove & { dimension: string })[]): { rows: TableRows; ids: string[] } {
  const known = moves.filter((m) => m.end !== null || m.start !== null);
  return {
    rows: known.length ? [moveColumns, ...known.map(moveRow)] : [],
    ids: known.flatMap((m) => ['start', 'end', 'change'].map((w) => `${metricFactId(m.dimension, m.label)}.${w}`)),
  };
}

export function qbrOutline(draft: QbrDraft): QbrOutline {
  const { facts, narrative } = draft;
  const h = facts.health;
  const value = movesTable(metricsFor(facts, sectionPatterns.value));
  const adoption = movesTable(metricsFor(facts, sectionPatterns.adoption));
  const support = movesTable(metricsFor(facts, sectionPatterns.support));
  const goals: TableRows = facts.goals.length
    ? [
        ['Goal', 'KPI', 'Baseline', 'Target', 'Current', 'Progress %', 'Status', 'Due'],
        ...facts.goals.map((g) => [
          g.title,
          g.kpi,
          g.baseline,
          g.target,
          g.current,
          g.progressPct,
          g.status.toLowerCase().replace('_', ' '),
          g.dueDate,
        ]),
      ]
    : [];
  const goalIds = facts.goals.flatMap((_, i) =>
    ['baseline', 'target', 'current', 'progress'].map((w) => `goals.${i}.${w}`),
  );
  const cited = (k: keyof QbrNarrative) => narrative[k].facts;
  return {
    title: `${facts.account.name}: quarterly business review, ${facts.quarter.label}`,
    subtitle: `Quarterly business review, ${facts.quarter.label} (${facts.quarter.from} to ${facts.quarter.to})`,
    preparedLine: `Prepared by ${facts.account.owner ?? 'the account team'} with Tend on ${draft.preparedAt.toISOString().slice(0, 10)}`,
    sections: [
      {
        key: 'summary',
        title: 'Executive summary',
        text: narrative.executiveSummary.text,
        table: [
          ['Figure', 'Value'],
          ['Health score', `${h.end} (${h.band})`],
          ...(h.change === null ? [] : [['Change over the quarter', `${signed(h.change)} points`]]),
          ...(facts.renewal ? [['Renewal', `${facts.renewal.date} (in ${facts.renewal.daysToRenewal} days)`]] : []),
          ['ARR', formatMoney(facts.account.arr, facts.account.currency)],
        ],
        factIds: [...cited('executiveSummary'), 'health.end', 'health.change', 'renewal.days', 'account.arr'],
      },
      {
        key: 'health',
        title: 'Health now and over the quarter',
        text: narrative.healthAndTrend.text,
        factIds: [...cited('healthAndTrend'), ...h.trend.map((p) => `health.trend.${p.date}`)],
      },
      {
        key: 'value',
        title: 'Value delivered',
        text: narrative.valueDelivered.text,
        table: goals.length ? goals : value.rows,
        factIds: [...cited('valueDelivered'), ...(goals.length ? goalIds : value.ids)],
      },
      {
        key: 'adoption',
        title: 'Adoption',
        text: narrative.adoption.text,
        table: adoption.rows,
        factIds: [...cited('adoption'), ...adoption.ids],
      },
      {
        key: 'support',
        title: 'Support',
        text: narrative.support.text,
        table: support.rows,
        factIds: [...cited('support'), ...support.ids],
      },
      {
        key: 'voice',
        title: 'Voice of the customer',
        text: narrative.voiceOfCustomer.text,
        quotes: facts.voiceOfCustomer.quotes.map((q) => ({
          text: q.text,
          by: q.contact ? `${q.contact}, ${q.date}` : q.date,
        })),
        factIds: cited('voiceOfCustomer'),
      },
      {
        key: 'risks',
        title: 'Risks',
        text: narrative.risks.text,
        bullets: facts.risks,
        factIds: cited('risks'),
      },
      {
        key: 'next',
        title: 'Next quarter',
        text: `${narrative.nextQuarterGoals.text} ${narrative.recommendations.text}`,
        // The core's recommendations the wording above does not already spell out.
        bullets: facts.recommendations.filter((r) => !narrative.recommendations.text.includes(r)),
        factIds: [...cited('nextQuarterGoals'), ...cited('recommendations')],
      },
    ],
  };
}

/** Speaker notes: where each figure on a slide comes from and how fresh its data was. */
export function qbrFigureNotes(draft: QbrDraft): {
  title: string;
  general: string;
  sections: Partial<Record<OutlineSection['key'], string>>;
} {
  const index = new Map(qbrFactIndex(draft.facts).map((f) => [f.id, f]));
  const data = draft.sources.length
    ? `Data behind these figures: ${draft.sources
        .map((s) => `${s.source} last sent data ${minute(s.lastArrivedAt)}${s.stale ? ' (stale)' : ''}`)
        .join('; ')}.`
    : 'No source has reported when it last sent data about this account.';
  const figure = (f: StatedFact) => `${f.label}: ${f.value}${f.unit === '%' ? '%' : ` ${f.unit}`} [${f.id}]`;
  const wording =
    draft.source.kind === 'template'
      ? `Wording: Tend's template, not a model (${draft.source.reason}).`
      : `Wording: drafted by ${draft.source.model}; every figure was checked against the fact sheet.`;
  const general = `Every figure comes from Tend's fact sheet of ${minute(draft.preparedAt)}. ${data}`;
  const sections: Partial<Record<OutlineSection['key'], string>> = {};
  for (const section of qbrOutline(draft).sections) {
    const figures = [...new Set(section.factIds)].flatMap((id) => (index.has(id) ? [figure(index.get(id)!)] : []));
    sections[section.key] = [
      figures.length
        ? `Figures on this slide:\n${figures.map((f) => `- ${f}`).join('\n')}`
        : 'No figures on this slide.',
      general,
    ].join('\n\n');
  }
  return {
    title: [`${draft.note}.`, wording, general].join('\n\n'),
    general,
    sections,
  };
}
