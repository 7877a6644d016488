import { formatMoney } from '../../core/metrics/format-money.js';
import type { MetricMove, QbrFacts } from '../../core/qbr/qbr-facts.js';
import type { QbrDraft } from './draft-qbr.js';
import {
  goalColumnsOf,
  goalRows,
  metricsFor,
  moveColumnsOf,
  moveRow,
  sectionPatterns,
  signed,
} from './qbr-template.js';

// What the client sees, slide by slide and section by section: the checked narrative of the
// outcome sections and tables straight from the fact sheet. Both renderers draw this; neither
// computes a figure. Plays, triggers, severities, fact ids and how the text was worded are for the
// account team only: they are in the prep brief (qbr-brief.ts), never here.

export type TableRows = (string | number | null)[][];

export interface OutlineSection {
  key: 'summary' | 'health' | 'value' | 'adoption' | 'support' | 'voice' | 'risks' | 'next';
  title: string;
  text: string;
  table?: TableRows;
  quotes?: { text: string; by: string | null }[];
  bullets?: string[];
}

export interface QbrOutline {
  title: string;
  subtitle: string;
  /** When the figures are read, said once on the title slide and under every slide. */
  asOfLine: string;
  preparedLine: string;
  sections: OutlineSection[];
}

function movesTable(facts: QbrFacts, moves: (MetricMove & { dimension: string })[]): TableRows {
  const known = moves.filter((m) => m.end !== null || m.start !== null);
  return known.length ? [moveColumnsOf(facts.quarter.running), ...known.map(moveRow)] : [];
}

/** "so far (to 2026-09-14)" or "at the quarter's end (2026-09-30)": the one point in time of every figure. */
export const asOfWords = (facts: QbrFacts) =>
  facts.quarter.running
    ? `so far this quarter, to ${facts.quarter.asOf}`
    : `at the quarter's end, ${facts.quarter.asOf}`;

export function qbrOutline(draft: QbrDraft): QbrOutline {
  const { facts, narrative } = draft;
  const h = facts.health;
  const q = facts.quarter;
  const goals: TableRows = facts.goals.length ? [goalColumnsOf(q.running), ...goalRows(facts)] : [];
  const healthLabel = q.running ? 'Health score so far' : "Health score at the quarter's end";
  return {
    title: `${facts.account.name}: quarterly business review, ${q.label}`,
    subtitle: `Quarterly business review, ${q.label} (${q.from} to ${q.to})`,
    asOfLine: q.running
      ? `The quarter is still running: figures are so far, as of ${q.asOf}.`
      : `Figures as of the quarter's end, ${q.asOf}.`,
    preparedLine: `Prepared by ${facts.account.owner ?? 'your account team'} on ${draft.preparedAt.toISOString().slice(0, 10)}`,
    sections: [
      {
        key: 'summary',
        title: 'Executive summary',
        text: narrative.executiveSummary.text,
        table: [
          ['Figure', 'Value'],
          [healthLabel, `${h.end} out of 100 (${h.band})`],
          ...(h.change === null
            ? []
            : [[q.running ? 'Change so far this quarter' : 'Change over the quarter', `${signed(h.change)} points`]]),
          ...(facts.renewal ? [['Renewal date', facts.renewal.date]] : []),
          ['Annual contract value', formatMoney(facts.account.arr, facts.account.currency)],
        ],
      },
      {
        key: 'health',
        title: q.running ? 'Health so far this quarter' : 'Health over the quarter',
        text: narrative.healthAndTrend.text,
      },
      {
        key: 'value',
        title: 'Value delivered',
        text: narrative.valueDelivered.text,
        table: goals.length ? goals : movesTable(facts, metricsFor(facts, sectionPatterns.value)),
      },
      {
        key: 'adoption',
        title: 'Adoption',
        text: narrative.adoption.text,
        table: movesTable(facts, metricsFor(facts, sectionPatterns.adoption)),
      },
      {
        key: 'support',
        title: 'Support',
        text: narrative.support.text,
        table: movesTable(facts, metricsFor(facts, sectionPatterns.support)),
      },
      {
        key: 'voice',
        title: 'Voice of the customer',
        text: narrative.voiceOfCustomer.text,
        quotes: facts.voiceOfCustomer.quotes.map((x) => ({
          text: x.text,
          by: x.contact ? `${x.contact}, ${x.date}` : x.date,
        })),
      },
      {
        key: 'risks',
        title: 'Topics to work on together',
        text: facts.topics.length
          ? `Where the figures ${q.running ? 'so far' : "at the quarter's end"} suggest we look together:`
          : `Nothing in the figures ${q.running ? 'so far' : "at the quarter's end"} calls for a joint review.`,
        bullets: facts.topics.map((t) => t.text),
      },
      {
        key: 'next',
        title: `Next quarter: what we commit to`,
        text: 'Each commitment has an owner and a date; we review them at the next business review.',
        table: [['Commitment', 'Owner', 'By'], ...facts.commitments.map((c) => [c.what, c.owner, c.due])],
      },
    ],
  };
}
