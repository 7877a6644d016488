// Money as people read it: "$579,555", "€120,000", "CA$9,000", "AED 50,000"; whole units, the
// currency's own symbol where it has an unambiguous one. Amounts arrive as decimal strings (exact) or numbers.

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat | undefined {
  const code = currency.toUpperCase();
  let f = formatters.get(code);
  if (f) return f;
  try {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: code,
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
    });
  } catch {
    return undefined;
  }
  formatters.set(code, f);
  return f;
}

/** "$579,555" for 579555.00 USD; a code the runtime does not know is written out: "579,555 XYZ". */
export function formatMoney(amount: string | number, currency: string): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  const f = formatterFor(currency);
  if (!f) return `${Math.round(value).toLocaleString('en-US')} ${currency.toUpperCase()}`;
  // "$" is only the US dollar's (CA$, A$ for the others); a code is followed by a space ("AED 50,000").
  return f.format(value).replace(/^([A-Z]{3})(?=\d)/, '$1 ');
}
