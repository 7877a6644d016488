import { describe, expect, it } from 'vitest';
import type { ScoredAssessment } from '../../../src/core/assess-account.js';
import { buildQbrFacts, type QbrInputs } from '../../../src/core/qbr/qbr-facts.js';
import { parseQuarter } from '../../../src/core/qbr/quarter.js';

// The fact sheet's goals, shared topics and commitments: one point in time (the quarter's end, or
// so far), progress that is right for goals where lower is better, and a status that agrees with it.

const quarter = parseQuarter('2026Q3')!;

/** An assessment with the parts the fact sheet reads: dimensions with their inputs, the band. */
function assessed(dimensions: { key: string; label: string; score: number; inputs: Record<string, number> }[]) {
  return {
    kind: 'scored',
    signals: [
      { label: 'More than 5 support tickets in a week', severity: 'warning', humanAction: 'Call the customer' },
    ],
    trends: {},
    score: {
      overall: 70,
      band: { key: 'at_risk', label: 'At Risk', colour: '#f2c744', atRisk: true },
      confidence: 1,
      redFlags: [],
      recommendations: [{ action: 'Review support processes', priority: 'Medium' }],
      dimensions: Object.fromEntries(
        dimensions.map((d) => [
          d.key,
          {
            key: d.key,
            label: d.label,
            score: d.score,
            weight: 50,
            inputs: Object.entries(d.inputs).map(([metric, value]) => ({
              metric,
              label: metric === 'tickets_per_month' ? 'Tickets per month' : 'Active users',
              unit: metric === 'tickets_per_month' ? 'count' : 'percent',
              value,
              normalised: metric === 'tickets_per_month' ? 100 - value : value,
            })),
          },
        ]),
      ),
    },
  } as unknown as ScoredAssessment;
}

const goal = (over: Partial<QbrInputs['goals'][number]>): QbrInputs['goals'][number] => ({
  title: 'Halve tickets',
  kpi: 'tickets_per_month',
  unit: null,
  baseline: 40,
  target: 20,
  current: 35,
  status: 'ON_TRACK',
  dueDate: '2027-03-31',
  owner: 'Alex Kim',
  ...over,
});

const inputs = (over: Partial<QbrInputs>): QbrInputs => ({
  account: {
    name: 'Acme Corp',
    tier: 'enterprise',
    segment: 'strategic',
    arr: '240000.00',
    currency: 'USD',
    owner: 'Alex Kim',
    executiveSponsor: null,
  },
  quarter,
  start: assessed([
    { key: 'support', label: 'Support interaction', score: 80, inputs: { tickets_per_month: 25 } },
    { key: 'usage', label: 'Product usage', score: 75, inputs: { dau_pct: 60 } },
  ]),
  end: assessed([
    { key: 'support', label: 'Support interaction', score: 66, inputs: { tickets_per_month: 30 } },
    { key: 'usage', label: 'Product usage', score: 76, inputs: { dau_pct: 61 } },
  ]),
  feedback: {
    comments: 0,
    sentiment: null,
    sentimentLabel: null,
    sentimentChange: null,
    themes: [],
    quotes: [],
  } as unknown as QbrInputs['feedback'],
  goals: [goal({})],
  asOf: new Date('2026-09-30T23:59:59.999Z'),
  preparedAt: new Date('2026-11-20T09:00:00Z'),
  ...over,
});

describe('the QBR fact sheet', () => {
  it('values a goal where lower is better at the quarter’s end, with a status that agrees with its progress', () => {
    const facts = buildQbrFacts(inputs({}));
    // 40 down to 30 against a target of 20: half way; the plan's stored 35 (today's) is not used.
    expect(facts.goals[0]).toMatchObject({
      current: 30,
      progressPct: 50,
      status: 'in progress',
      name: 'Tickets per month',
    });
    expect(facts.quarter).toMatchObject({ asOf: '2026-09-30', running: false });
  });

  it('says a goal moving away from its target is, whatever the plan records', () => {
    const end = assessed([
      { key: 'support', label: 'Support interaction', score: 60, inputs: { tickets_per_month: 45 } },
    ]);
    const facts = buildQbrFacts(inputs({ end }));
    expect(facts.goals[0]).toMatchObject({
      current: 45,
      progressPct: -25,
      status: 'moving away from target',
      recordedStatus: 'on track',
    });
  });

  it('does not take today’s value for a past quarter: a KPI not measured then is not measured', () => {
    const facts = buildQbrFacts(
      inputs({ goals: [goal({ kpi: 'time_saved_pct', current: 25, target: 30, baseline: 0 })] }),
    );
    expect(facts.goals[0]).toMatchObject({ current: null, progressPct: null, status: 'not measured' });
    // The KPI as recorded on the quarter's last day counts; reached is achieved.
    const recorded = buildQbrFacts(
      inputs({ goals: [goal({ kpi: 'time_saved_pct', current: 10, target: 30, baseline: 0, atEnd: 31 })] }),
    );
    expect(recorded.goals[0]).toMatchObject({ current: 31, progressPct: 103, status: 'achieved' });
  });

  it('reads a running quarter so far, and a goal due before its end and not reached as missed', () => {
    const facts = buildQbrFacts(
      inputs({
        asOf: new Date('2026-08-15T10:00:00Z'),
        goals: [goal({ kpi: 'nps', current: 20, dueDate: '2026-08-01' })],
      }),
    );
    expect(facts.quarter).toMatchObject({ asOf: '2026-08-15', running: true });
    expect(facts.goals[0]).toMatchObject({ current: 20, progressPct: 100, status: 'achieved' });
    const late = buildQbrFacts(
      inputs({
        asOf: new Date('2026-08-15T10:00:00Z'),
        goals: [goal({ kpi: 'nps', current: 30, dueDate: '2026-08-01' })],
      }),
    );
    expect(late.goals[0]).toMatchObject({ progressPct: 50, status: 'missed' });
  });

  it('turns what fell into a shared topic and commitments dated after the meeting, with no trigger wording', () => {
    const facts = buildQbrFacts(inputs({}));
    expect(facts.topics).toEqual([
      {
        title: 'Support interaction',
        text: 'Support interaction fell from 80 to 66 of 100 over the quarter. Tickets per month went from 25 to 30. We propose a joint review with your team.',
      },
    ]);
    // The trigger and its action stay internal: in the risks and recommendations the brief shows.
    expect(facts.risks.join(' ')).toContain('More than 5 support tickets in a week');
    expect(JSON.stringify([facts.topics, facts.commitments])).not.toMatch(/ticket.+week|Call the customer|Medium/);
    expect(facts.commitments).toEqual([
      { what: 'Joint review of support interaction', owner: 'Alex Kim', due: '2026-12-20' },
      { what: 'Halve tickets: Tickets per month to 20', owner: 'Alex Kim', due: '2027-03-31' },
      { what: 'Next business review', owner: 'Alex Kim', due: '2027-02-19' },
    ]);
  });
});
