import { describe, expect, it } from 'vitest';
import type { FeedbackSummary } from '../../src/core/feedback/summarise-feedback.js';
import type { QbrFacts } from '../../src/core/qbr/qbr-facts.js';
import { offlineSentiment } from '../../src/llm/sentiment/offline-sentiment.js';
import { templateWording } from '../../src/services/feedback/summarise-feedback.js';
import { renderQbrMarkdown, templateNarrative } from '../../src/services/qbr/qbr-template.js';

describe('offline provider: sentiment', () => {
  // Compound scores published in the VADER reference implementation's README.
  it.each([
    ['VADER is smart, handsome, and funny.', 0.8316, 'positive'],
    ['VADER is smart, handsome, and funny!', 0.8439, 'positive'],
    ['VADER is very smart, handsome, and funny.', 0.8545, 'positive'],
    ['VADER is not smart, handsome, nor funny.', -0.7424, 'negative'],
    ['The book was good.', 0.4404, 'positive'],
    ['A really bad, horrible book.', -0.8211, 'negative'],
    ['The plot was good, but the characters are uncompelling and the dialog is not great.', -0.7042, 'negative'],
    ['Make sure you :) or :D today!', 0.8633, 'positive'],
    ['It is a chair.', 0, 'neutral'],
  ])('%s -> %d', (text, compound, label) => {
    expect(offlineSentiment(text)).toEqual({ score: compound, label });
  });
});

describe('offline provider: template wording', () => {
  const summary: FeedbackSummary = {
    period: { from: '2026-08-22', to: '2026-11-20', days: 90 },
    items: 14,
    comments: 12,
    sentiment: -0.18,
    sentimentLabel: 'negative',
    previous: { comments: 9, sentiment: 0.11 },
    sentimentChange: -0.29,
    labels: { positive: 3, neutral: 2, negative: 7 },
    themes: [
      {
        key: 'support_responsiveness',
        label: 'Support responsiveness',
        comments: 6,
        sentiment: -0.52,
        mood: 'negative',
      },
      { key: 'value', label: 'Value and outcomes', comments: 4, sentiment: 0.41, mood: 'positive' },
    ],
    quotes: [],
  };

  it('words a feedback summary from its figures only', () => {
    expect(templateWording(summary, 'Acme Corp')).toEqual({
      overview:
        '12 comments from Acme Corp in the last 90 days averaged -0.18 (negative), down 0.29 from the previous 90 days. Most discussed: Support responsiveness (6, negative), Value and outcomes (4, positive).',
      highlights: ['Support responsiveness leans negative (-0.52 over 6 comments).'],
    });
  });

  it('renders a QBR with every section and tables from the facts', async () => {
    const facts: QbrFacts = {
      account: {
        name: 'Acme Corp',
        tier: 'enterprise',
        segment: 'strategic',
        arr: '240000.00',
        currency: 'USD',
        owner: 'Alex Kim',
        executiveSponsor: 'Dana Ruiz',
      },
      quarter: { label: '2026Q3', from: '2026-07-01', to: '2026-09-30', asOf: '2026-09-30', running: false },
      health: {
        end: 62.3,
        band: 'At Risk',
        start: 71.5,
        startBand: 'Healthy',
        change: -9.2,
        confidencePct: 92,
        dimensions: [
          { label: 'Product usage', score: 51, weightPct: 30 },
          { label: 'Support interaction', score: 64, weightPct: 20 },
        ],
        trend: [],
      },
      metrics: {
        'Product usage': [{ label: 'Active users', unit: 'percent', start: 72, end: 51, change: -21 }],
        'Business value': [{ label: 'ROI achieved', unit: 'percent', start: 80, end: 85, change: 5 }],
        'Support interaction': [{ label: 'Resolution time', unit: 'hours', start: 20, end: null, change: null }],
      },
      voiceOfCustomer: {
        comments: 12,
        sentiment: -0.18,
        sentimentLabel: 'negative',
        sentimentChange: -0.29,
        themes: [{ label: 'Support responsiveness', comments: 6, sentiment: -0.52 }],
        quotes: [{ text: 'Support took three days to answer.', contact: 'Jane Doe', date: '2026-08-14' }],
      },
      risks: ['Health band At Risk (62.3)'],
      recommendations: ['Schedule user training session and usage review (High)'],
      goals: [
        {
          title: 'Halve tickets',
          kpi: 'tickets per month',
          name: 'Tickets per month',
          unit: null,
          baseline: 40,
          target: 20,
          current: 30,
          status: 'in progress',
          recordedStatus: 'on track',
          dueDate: '2027-03-31',
          progressPct: 50,
          owner: 'Alex Kim',
        },
      ],
      topics: [],
      commitments: [],
      renewal: { date: '2027-01-31', daysToRenewal: 72, milestone: '90 days: renewal planning' },
    };
    const markdown = renderQbrMarkdown(
      facts,
      templateNarrative(facts),
      'template draft: no LLM is configured',
      '2026-11-20',
    );
    await expect(markdown).toMatchFileSnapshot('../fixtures/qbr-template.golden.md');
    expect(markdown).toContain(
      'Health moved from 71.5 (Healthy) to 62.3 (At Risk), \u22129.2 points over the quarter.',
    );
    expect(markdown).toContain('Active users went from 72% to 51% (\u221221).');
    // A goal where lower is better: 40 down to 30 against a target of 20 is half way, and says so.
    expect(markdown).toContain('| Halve tickets | Tickets per month | 40 | 20 | 30 | 50% | in progress | 2027-03-31 |');
    expect(markdown).not.toMatch(/goal\(s\)|\b1 customer comments/);
    // A metric without a value at the end of the quarter is left out of the prose, not shown as null.
    expect(markdown).toContain('No support metrics were recorded this quarter.');
    expect(markdown).not.toContain('null');
  });
});
