// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
// squares). Small and transparent on purpose: a handful of dimensions, a few thousand outcomes.

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
}

/** Solves A x = b for a small dense system (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) throw new Error('the fit is singular: a dimension has no spread');
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f) for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Fits P(y = 1 | x) = sigmoid(b0 + b . x), minimising the negative log-likelihood plus
 * lambda / 2 x |b|^2 (the intercept is not penalised). Deterministic: starts from zero.
 */
export function fitLogistic(
  x: readonly number[][],
  y: readonly boolean[],
  lambda: number,
  maxIterations = 50,
): LogisticFit {
  const p = x[0]?.length ?? 0;
  let beta = new Array<number>(p + 1).fill(0); // [intercept, ...coefficients]
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gradient = new Array<number>(p + 1).fill(0);
    const hessian = Array.from({ length: p + 1 }, () => new Array<number>(p + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [1, ...x[i]!];
      let z = 0;
      for (let j = 0; j <= p; j++) z += beta[j]! * row[j]!;
      const mu = sigmoid(z);
      const w = Math.max(mu * (1 - mu), 1e-10);
      const r = (y[i] ? 1 : 0) - mu;
      for (let j = 0; j <= p; j++) {
        gradient[j]! += r * row[j]!;
        for (let k = 0; k <= p; k++) hessian[j]![k]! += w * row[j]! * row[k]!;
      }
    }
    for (let j = 1; j <= p; j++) {
      gradient[j]! -= lambda * beta[j]!;
      hessian[j]![j]! += lambda;
    }
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) {
      iterations++;
      break;
    }
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations };
}

/** The fitted linear predictor (log-odds) for one row. */
export const logOdds = (fit: LogisticFit, row: readonly number[]): number =>
  row.reduce((sum, v, j) => sum + v * fit.coefficients[j]!, fit.intercept);
