export type Comparison = '<' | '<=' | '>' | '>=';

/** `value op threshold`, for red flags and trigger rules. */
export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}
