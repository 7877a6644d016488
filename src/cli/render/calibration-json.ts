import type { CalibrationReport } from '../../services/outcomes/calibrate-health.js';

/** The stable JSON shape of `tend calibrate --json`: the held-out figures first, the in-sample ones labelled. */
export function calibrationJson(result: CalibrationReport) {
  return {
    fit: result.fit,
    boundary: result.boundary,
    calibrated: result.calibrated,
    // The headline figures: both weightings on the later outcomes the fit never saw.
    heldOut: {
      split: result.split,
      before: result.before.report,
      after: result.after.report,
      // What makes the held-out figures weak (few cases on a side, an AUC interval through 0.5).
      warnings: result.after.report.warnings,
    },
    inSample: {
      note: 'on the outcomes the weights were fitted on: optimistic by construction',
      before: result.inSample.before.report,
      after: result.inSample.after.report,
    },
    window: result.before.window,
    written: result.written,
    ...(result.notStoredBecause ? { notStoredBecause: result.notStoredBecause } : {}),
  };
}
