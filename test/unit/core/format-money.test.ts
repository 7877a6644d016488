import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../src/core/metrics/format-money.js';

describe('money as people read it', () => {
  it('uses the currency symbol, thousands separators and whole units', () => {
    expect(formatMoney('579555.00', 'USD')).toBe('$579,555');
    expect(formatMoney('120000.50', 'EUR')).toBe('€120,001');
    expect(formatMoney(9000, 'CAD')).toBe('CA$9,000');
    // A code keeps its number on the same line (a no-break space).
    expect(formatMoney('50000', 'AED')).toBe('AED\u00a050,000');
    expect(formatMoney('0.00', 'GBP')).toBe('£0');
  });

  it('writes out a code the runtime does not know, and never hides a bad amount', () => {
    expect(formatMoney('1234', 'usd')).toBe('$1,234');
    expect(formatMoney('1234', 'ZZ')).toBe('1,234 ZZ');
    expect(formatMoney('n/a', 'USD')).toBe('n/a USD');
  });
});
