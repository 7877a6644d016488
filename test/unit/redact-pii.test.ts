import { describe, expect, it } from 'vitest';
import { redactPii } from '../../src/llm/redact-pii.js';

describe('PII redaction before text leaves Tend', () => {
  it.each([
    ['Mail me at jane.doe+cs@acme-corp.co.uk please', 'Mail me at [email] please'],
    ['Call +44 20 7946 0958 or (555) 123-4567 tomorrow', 'Call [phone] or [phone] tomorrow'],
    ['0049 170 1234567', '[phone]'],
  ])('%s', (input, output) => {
    expect(redactPii(input)).toBe(output);
  });

  it('keeps ordinary numbers, dates and versions', () => {
    const text = 'We moved 120 seats on 2026-03-01, NPS went from 32 to 41, version 4.2.1, ticket 12345.';
    expect(redactPii(text)).toBe(text);
  });
});
