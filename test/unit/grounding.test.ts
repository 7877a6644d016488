import { describe, expect, it } from 'vitest';
import { checkGrounding } from '../../src/llm/grounding.js';

const facts = {
  account: 'Acme Corp',
  health: { overall: 62.34, previous: 71.5, band: 'At Risk' },
  arr: '120000.00 USD',
  sentiment: -0.12,
  renewalDate: '2027-03-31',
  themes: [{ label: 'Support responsiveness', comments: 14 }],
};
const feedback = ['Support took three days to reply to a P1 ticket. Unacceptable.', 'Love the new dashboards!'];

describe('grounding check', () => {
  it('accepts figures from the facts with rounding, percent, separators and currency', () => {
    const text =
      'Health fell from 71.5 to 62.3 (At Risk); ARR is $120,000 and renews on 2027-03-31. Support drew 14 comments; sentiment -0.12, or -12%.';
    expect(checkGrounding(text, facts, feedback)).toEqual({ violations: [], checkedFigures: 6 });
  });

  it('flags invented figures, dates and quotations', () => {
    const text =
      'Health is 80 and will reach 90% by 2027-01-01. A customer said “the product is perfect in every way”.';
    const { violations } = checkGrounding(text, facts, feedback);
    expect(violations).toEqual([
      'quotation not found in the feedback: "the product is perfect in every way"',
      'date 2027-01-01 is not in the facts',
      'figure 80 is not in the facts',
      'figure 90% is not in the facts',
    ]);
  });

  it('accepts verbatim quotations, whatever their spacing and case', () => {
    const text =
      'One customer wrote: "support took three days to reply  to a P1 ticket." Another: “Love the new dashboards!”';
    expect(checkGrounding(text, facts, feedback).violations).toEqual([]);
  });
});
