import { z } from 'zod';
import { backtestHealth } from '../../services/outcomes/backtest-health.js';
import { backtestReply } from '../backtest-replies.js';
import { defineIntent } from '../intent.js';
import { afterVerb } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'how good is the health score',
  'does the score predict churn',
  'how accurate is the health model',
  'backtest the score',
  'is our health score reliable',
  'how well does the model work',
  'can I trust the health score',
  'score accuracy',
  'validate the health model',
  'how predictive is the score',
  'does health predict renewals',
  'quality of the health score',
  'show the backtest',
  'model performance',
  'how often is the score right',
];

/**
 * "How good is our health score?": the scores as they were given, checked against real renewals and
 * churn (AUC, at-risk precision and recall, lead time, the churns it missed). For managers.
 */
export default defineIntent({
  name: 'score_quality',
  examples,
  fromText: () => ({}),
  args: z.object({ days: z.number().int().min(7).max(365).optional() }),
  verbs: ['backtest'],
  access: 'manager',
  slow: true,
  help: {
    group: 'Ask me',
    order: 80,
    line: 'backtest [days]: how well the health score foresaw real churn (managers; also "how good is our health score?")',
  },
  rules: [
    {
      priority: 50,
      match: ({ lower }) =>
        /^(?:how (?:good|accurate|reliable|predictive|well calibrated) is|can we trust|is) (?:our |the )?health scores?(?: (?:any good|accurate|reliable|predictive))?$/.test(
          lower,
        ) ||
        /^does (?:our |the )?health score (?:predict|foresee|catch) churn$/.test(lower) ||
        /\b(?:health )?score\b.*\bpredicts?\b|\bpredict\w*\b.*\b(?:health )?score\b/.test(lower)
          ? {}
          : undefined,
    },
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'backtest');
        if (rest === undefined) return undefined;
        const days = /^(\d+)(?:\s*d(?:ays?)?)?$/i.exec(rest)?.[1];
        return days ? { days: Number(days) } : {};
      },
    },
  ],
  tool: {
    name: 'health_score_backtest',
    description: 'How well the health score predicted real churn and renewals (AUC, precision, recall, misses)',
    parameters: z.object({}),
    toArgs: () => ({}),
  },
  async handle({ deps, now }, { days }) {
    const run = await backtestHealth(deps.prisma, days ? { focusHorizon: days, horizons: [days] } : {}, now);
    return backtestReply(run);
  },
});
