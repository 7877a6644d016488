// Figures as a client reads them, for the QBR's prose and tables (and the core's own sentences).

/** A change with its sign; a minus sign (not a hyphen) so no line breaks between it and the figure. */
export const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '\u2212' : ''}${Math.abs(n)}`;

/** A figure with its unit: "42%", "12 days", "4.2/5", "5.9" for a ratio or a count. */
export function withUnit(value: number, unit: string | null | undefined): string {
  switch (unit) {
    case 'percent':
    case '%':
      return `${value}%`;
    case 'days':
      return `${value} days`;
    case 'hours':
      return `${value} hours`;
    case 'csat':
      return `${value}/5`;
    case null:
    case undefined:
    case '':
    case 'count':
    case 'ratio':
    case 'score_0_10':
    case 'nps':
    case 'boolean':
      return `${value}`;
    default:
      return `${value} ${unit}`;
  }
}
