// Revenue retention from renewal outcomes, as OmniGaze and MIYAR name the KPIs: of the ARR that came
// up for renewal in a period, how much stayed (gross: churn and contraction lost, expansion not
// counted; net: expansion counted) and how many logos left. Per currency: amounts in different
// currencies are never added. Below `minimum` renewals a figure is "not enough data", not a rate.

import { appendTo } from '../collections/append-to.js';

export interface RenewalOutcomeFact {
  kind: 'RENEWED' | 'EXPANDED' | 'CONTRACTED' | 'CHURNED';
  arrBefore: number | null;
  arrAfter: number | null;
  currency: string;
}

export type RetentionFigures =
  | {
      kind: 'measured';
      currency: string;
      renewals: number;
      churned: number;
      arrUp: number;
      arrKept: number;
      arrAfter: number;
      /** Percentages to one decimal. */
      grossRevenueRetention: number;
      netRevenueRetention: number;
      logoChurn: number;
      expansion: number;
      /** Outcomes without ARR before, left out of the revenue figures. */
      withoutArr: number;
    }
  | { kind: 'insufficient'; currency: string; renewals: number; minimum: number };

const pct = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

export function retentionFigures(outcomes: readonly RenewalOutcomeFact[], minimum = 5): RetentionFigures[] {
  const byCurrency = new Map<string, RenewalOutcomeFact[]>();
  for (const o of outcomes) appendTo(byCurrency, o.currency, o);
  return [...byCurrency]
    .map(([currency, list]): RetentionFigures => {
      if (list.length < minimum) return { kind: 'insufficient', currency, renewals: list.length, minimum };
      const priced = list.filter((o) => o.arrBefore !== null && o.arrBefore > 0);
      const after = (o: RenewalOutcomeFact) => (o.kind === 'CHURNED' ? 0 : (o.arrAfter ?? o.arrBefore!));
      const arrUp = priced.reduce((s, o) => s + o.arrBefore!, 0);
      const arrKept = priced.reduce((s, o) => s + Math.min(after(o), o.arrBefore!), 0);
      const arrAfter = priced.reduce((s, o) => s + after(o), 0);
      const expanded = priced.reduce((s, o) => s + Math.max(0, after(o) - o.arrBefore!), 0);
      const churned = list.filter((o) => o.kind === 'CHURNED').length;
      if (!priced.length) return { kind: 'insufficient', currency, renewals: 0, minimum };
      return {
        kind: 'measured',
        currency,
        renewals: list.length,
        churned,
        arrUp,
        arrKept,
        arrAfter,
        grossRevenueRetention: pct(arrKept, arrUp),
        netRevenueRetention: pct(arrAfter, arrUp),
        logoChurn: pct(churned, list.length),
        expansion: pct(expanded, arrUp),
        withoutArr: list.length - priced.length,
      };
    })
    .sort((a, b) => b.renewals - a.renewals);
}
