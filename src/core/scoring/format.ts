import { metricCatalogue, type MetricUnit } from '../metrics/metric-catalogue.js';
import { roundTo } from './rounding.js';

/** A value with its unit as people read it: "72 %", "4.5 /5", "9", "+12 NPS". */
export function formatValue(value: number, unit: MetricUnit | string): string {
  const v = roundTo(value, Math.abs(value) >= 100 ? 0 : 1);
  switch (unit) {
    case 'percent':
      return `${v} %`;
    case 'hours':
      return `${v} h`;
    case 'days':
      return `${v} d`;
    case 'csat':
      return `${v}/5`;
    case 'nps':
      return `${v > 0 ? '+' : ''}${v}`;
    case 'boolean':
      return value >= 0.5 ? 'yes' : 'no';
    default:
      return `${v}`;
  }
}

export function unitOf(metric: string): MetricUnit {
  return metricCatalogue.get(metric)?.unit ?? 'count';
}

export function labelOf(metric: string, label?: string): string {
  return label ?? metricCatalogue.get(metric)?.description ?? metric;
}

export function signed(value: number, decimals = 1): string {
  const v = roundTo(value, decimals);
  return `${v > 0 ? '+' : v < 0 ? '' : '±'}${v}`;
}
