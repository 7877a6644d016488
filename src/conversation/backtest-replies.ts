import { minAucCases, type Interval } from '../core/backtest/auc-interval.js';
import type { Reply } from '../replies/reply.js';
import { coverageAdvice } from './coverage-advice.js';
import type { BacktestRun } from '../services/outcomes/backtest-health.js';
import type { CalibrationReport } from '../services/outcomes/calibrate-health.js';

const pct = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v * 100)} %`);
const auc = (v: number | null) => (v === null ? 'not enough data' : v.toFixed(2));
/** An AUC with its 95 % interval, or "not enough data" when a side had too few cases for one. */
const aucWithInterval = (v: number | null, interval: Interval | null) =>
  v === null || interval === null
    ? 'not enough data'
    : `${v.toFixed(2)} (95 % interval ${interval.low.toFixed(2)} to ${interval.high.toFixed(2)})`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How well the health score foresaw real renewals and churn: AUC, flags, lead time, misses. */
export function backtestReply(run: BacktestRun, options: { maxMisses?: number } = {}): Reply {
  const { report } = run;
  const o = report.outcomes;
  if (!o.total)
    return {
      headline: 'No renewal outcomes to check the health score against yet.',
      tone: 'info',
      sections: [
        {
          lines: [
            'Record what happened at each contract end (renewed, expanded, contracted or churned): tend import <file.csv> --kind outcomes, or the ingest API. Churned accounts whose contract has ended are recorded automatically.',
          ],
        },
      ],
    };
  const focus = report.horizons.find((h) => h.days === report.calibration.horizon) ?? report.horizons.at(-1)!;
  const score = focus.aucChurn;
  const maxMisses = options.maxMisses ?? 10;
  const warned = report.warnings.length > 0;
  return {
    headline: `Health score against ${plural(o.total, 'real outcome')}: churn AUC ${aucWithInterval(score, focus.aucChurnInterval)} ${focus.days} days ahead${
      score === null
        ? ` (${focus.churn.positives} churned and ${focus.scored - focus.churn.positives} did not among the scored; an AUC needs ${minAucCases} of each)`
        : ''
    }`,
    tone: warned ? 'warning' : score === null ? 'info' : score >= 0.75 ? 'good' : score >= 0.65 ? 'info' : 'warning',
    facts: [
      {
        label: 'Outcomes',
        value: `${o.churned} churned, ${o.contracted} contracted, ${o.expanded} expanded, ${o.renewed} renewed`,
      },
      ...windowFact(run),
      { label: 'Model', value: run.model },
      {
        label: 'Lead time',
        value: report.leadTime.withheld
          ? `not given: the at-risk flag is little better than flagging at random (see below); ${report.leadTime.flaggedChurns} of ${report.leadTime.churns} churns were flagged before they happened`
          : report.leadTime.medianDays === null
            ? 'no churn was flagged ahead'
            : `median ${report.leadTime.medianDays} days (${report.leadTime.flaggedChurns} of ${report.leadTime.churns} churns flagged before they happened)`,
      },
    ],
    table: {
      columns: [
        'Days ahead',
        'Scored',
        'Churn AUC',
        'At-risk precision',
        'Churn base rate',
        'Recall',
        'Contraction AUC',
        'Precision',
        'Recall',
      ],
      rows: report.horizons.map((h) => [
        String(h.days),
        `${h.scored}${h.unscored ? ` (+${h.unscored} unscored${h.insufficientData ? `, ${h.insufficientData} of them not enough data` : ''})` : ''}`,
        auc(h.aucChurn),
        pct(h.churn.precision),
        pct(h.churn.baseRate),
        pct(h.churn.recall),
        auc(h.aucContraction),
        pct(h.contraction.precision),
        pct(h.contraction.recall),
      ]),
    },
    sections: [
      ...(warned ? [{ title: 'Read with care', lines: report.warnings }] : []),
      ...(run.threshold ? [thresholdSection(run.threshold, focus.days)] : []),
      ...(run.coverage?.length
        ? [{ title: 'Why outcomes were not scored', lines: run.coverage.flatMap((gaps) => coverageAdvice(gaps)) }]
        : []),
      {
        title: `Churn by band, ${report.calibration.horizon} days ahead`,
        lines: report.calibration.bands
          .filter((b) => b.outcomes > 0)
          .map(
            (b) =>
              `${b.label}${b.atRisk ? ' (at risk)' : ''}: ${plural(b.outcomes, 'outcome')}, ${b.churned} churned (${b.churnRatePct} %), ${b.contracted} contracted`,
          ),
      },
      {
        title: `Missed: churned while scored healthy (${focus.churn.positives ? run.misses.length : 'not enough data'})`,
        lines: !focus.churn.positives
          ? [`No churn was scored ${focus.days} days ahead: not enough data to say which churns were missed.`]
          : run.misses.length
            ? [
                ...run.misses
                  .slice(0, maxMisses)
                  .map(
                    (m) =>
                      `${m.accountName} churned ${m.occurredOn}; scored ${m.score} (${m.bandLabel}) on ${m.scoredOn}: ${m.explanation}`,
                  ),
                ...(run.misses.length > maxMisses ? [`... and ${run.misses.length - maxMisses} more`] : []),
              ]
            : ['None: every churn was flagged at risk.'],
      },
      {
        lines: [
          'AUC 0.5 is a coin toss; 1.0 means every account that churned scored below every one that renewed. Precision: of the accounts flagged at risk, the share that churned; the base rate is the share of all scored accounts that churned, what flagging at random would give. Recall: of the churns, the share flagged.',
        ],
      },
    ],
  };
}

/** The at-risk boundary fitted for a precision or recall, headlined on the outcomes the fit never saw. */
function thresholdSection(
  threshold: NonNullable<BacktestRun['threshold']>,
  days: number,
): { title: string; lines: string[] } {
  const target = `${threshold.target.metric} ${pct(threshold.target.value)}`;
  const title = `At-risk boundary fitted for ${target}, ${days} days ahead`;
  if ('refused' in threshold) return { title, lines: [threshold.refused] };
  const { heldOut: h, fitted: f } = threshold;
  return {
    title,
    lines: [
      `"At risk" below ${threshold.boundary}. On ${plural(h.outcomes, 'later outcome')} the fit never saw (${h.from} to ${h.to}, ${h.churns} churned): precision ${pct(h.precision)} against a base rate of ${pct(h.baseRate)}, recall ${pct(h.recall)}, ${pct(h.flagRate)} flagged.`,
      `Fitted on the ${plural(f.outcomes, 'earlier outcome')} (${f.from} to ${f.to}, ${f.churns} churned): precision ${pct(f.precision)}, recall ${pct(f.recall)}; optimistic by construction. The bands are not changed: set this boundary in the preset if you agree.`,
      ...(h.churns < 30 || h.outcomes - h.churns < 30
        ? [
            `Only ${h.churns} churn(s) and ${h.outcomes - h.churns} other outcome(s) were held out: the held-out figures are uncertain.`,
          ]
        : []),
    ],
  };
}

/** The outcomes window a run read, and the recorded outcomes it left out (never silently). */
function windowFact(run: BacktestRun): { label: string; value: string }[] {
  const w = run.window;
  if (!w) return [];
  const left = w.leftOutBefore + w.leftOutAfter;
  return [
    {
      label: 'Window',
      value: `outcomes from ${w.from} to ${w.to}${
        left
          ? `; ${left} recorded outcome(s) left out (${[
              w.leftOutBefore ? `${w.leftOutBefore} before ${w.from}` : '',
              w.leftOutAfter ? `${w.leftOutAfter} after ${w.to}` : '',
            ]
              .filter(Boolean)
              .join(', ')}; widen with --from / --to)`
          : ''
      }`,
    },
  ];
}

/** Old and new weights side by side, judged on held-out later outcomes the fit never saw. */
export function calibrationReply(result: CalibrationReport): Reply {
  const horizon = result.before.report.calibration.horizon;
  const at = (run: BacktestRun) => run.report.horizons.find((h) => h.days === horizon)!;
  const before = at(result.before);
  const after = at(result.after);
  const base = result.base.model!;
  const cv = result.fit.crossValidation.find((c) => c.lambda === result.fit.lambda)?.meanAuc ?? null;
  const { train, test } = result.split;
  const inBefore = at(result.inSample.before);
  const inAfter = at(result.inSample.after);
  return {
    headline: `Calibrated ${result.base.id}: churn AUC ${horizon} days ahead on ${plural(test.outcomes, 'held-out outcome')} ${auc(before.aucChurn)} → ${auc(after.aucChurn)}`,
    tone: !result.after.report.warnings.length && (after.aucChurn ?? 0) > (before.aucChurn ?? 0) ? 'good' : 'warning',
    facts: [
      {
        label: 'Time split',
        value: `fitted on ${train.outcomes} outcomes from ${train.from} to ${train.to} (${train.churns} churned); judged on ${test.outcomes} later ones from ${test.from} to ${test.to} (${test.churns} churned)`,
      },
      {
        label: 'Fit',
        value: `ridge logistic regression, lambda ${result.fit.lambda} (chosen by forward-chaining cross-validation on the fitted outcomes: AUC ${auc(cv)})`,
      },
      {
        label: 'Held-out at-risk precision / recall',
        value: `${pct(before.churn.precision)} / ${pct(before.churn.recall)} → ${pct(after.churn.precision)} / ${pct(after.churn.recall)}`,
      },
      {
        label: 'In-sample AUC (optimistic)',
        value: `${auc(inBefore.aucChurn)} → ${auc(inAfter.aucChurn)} on the ${train.outcomes} outcomes the weights were fitted on`,
      },
      ...windowFact(result.before),
    ],
    table: {
      columns: ['Dimension', 'Weight now', 'Calibrated', 'Log-odds of churn per point short'],
      rows: base.dimensions.map((d) => [
        d.label ?? d.key,
        String(d.weight),
        String(result.fit.weights[d.key]),
        result.fit.coefficients[d.key]!.toFixed(3),
      ]),
    },
    sections: [
      ...(result.after.report.warnings.length
        ? [{ title: 'Read with care (the held-out outcomes)', lines: result.after.report.warnings }]
        : []),
      ...(result.boundary
        ? [
            {
              title: 'Suggested at-risk boundary',
              lines: [
                `On the calibrated score, "at risk" below ${result.boundary.boundary} would have flagged ${pct(result.boundary.recall)} of churns and ${pct(result.boundary.falseAlarmRate)} of the accounts that stayed. The bands are not changed; edit them in the preset if you agree.`,
              ],
            },
          ]
        : []),
      {
        lines: [
          result.written
            ? `Stored as preset ${result.calibrated.id} version ${result.calibrated.model!.version}. Adopt it with: tend presets use ${result.calibrated.id}`
            : result.notStoredBecause
              ? `Not stored: ${result.notStoredBecause}.`
              : `Nothing was stored (--dry-run). Without it, the result is stored as preset ${result.calibrated.id} if it beats the current weights on the held-out outcomes, to adopt with tend presets use ${result.calibrated.id}.`,
          ...(result.fit.dropped.length
            ? [
                `No effect on churn found for: ${result.fit.dropped.join(', ')} (kept at 1 % so their data still shows).`,
              ]
            : []),
        ],
      },
    ],
  };
}
