import { isoDay } from '../../core/lifecycle/calendar.js';
import { timeToFirstValueFor } from '../../services/portfolio/time-to-first-value.js';
import { defineIntent } from '../intent.js';
import { kpiScopeArgs, kpiScopeFromText, kpiTool, resolveKpiScope } from '../kpi-scope.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'time to first value',
  'how long does onboarding take',
  'time to value',
  'how fast do new customers get value',
  'days to first value',
  'how quickly do customers go live',
  'onboarding speed',
  'are onboardings on time',
  'ttfv',
  'how long until customers see value',
  'average time to value for new accounts',
  'are new customers reaching value within 30 days',
  'onboarding KPI',
  'how long do implementations take',
  'which onboardings are running late',
];

export default defineIntent({
  name: 'time_to_value',
  examples,
  fromText: (phrase) => kpiScopeFromText(phrase.lower),
  args: kpiScopeArgs,
  verbs: ['ttfv'],
  access: 'reader',
  scoped: true,
  help: {
    group: 'Ask me',
    order: 56,
    line: 'time to value [segment | region | my team]: days from contract start to first value (target < 30)',
  },
  rules: [
    {
      priority: 58,
      match: ({ lower }) =>
        /\b(?:time[ -]to[ -](?:first[ -])?value|ttfv|ttv|days to (?:first )?value)\b/.test(lower)
          ? kpiScopeFromText(lower)
          : undefined,
    },
  ],
  tool: kpiTool(
    'time_to_first_value',
    'Time to first value: days from contract start to the first-value milestone of new customers, the share within the 30-day target, and onboardings still waiting',
  ),
  async handle({ deps, actor, now, scope: asked }, args) {
    const { filter, label: scope } = await resolveKpiScope(deps.prisma, actor, now, args, asked);
    const from = filter.from;
    const figure = await timeToFirstValueFor(deps.prisma, filter);
    const window = `first value reached ${isoDay(from)} to ${isoDay(now)}`;
    const how =
      'Days from the contract start to the first milestone that records first value ("milestone <account>: first value ..."). Accounts still onboarding without it are counted as waiting.';
    if (figure.kind === 'insufficient')
      return {
        headline: `Not enough data for time to first value${scope ? ` (${scope} accounts)` : ''}: ${figure.reached} account(s) with ${window}; at least ${figure.minimum} are needed. ${figure.waiting} still onboarding.`,
        tone: 'info',
        sections: [{ lines: [how] }],
      };
    return {
      headline: `Time to first value: median ${figure.medianDays} days${scope ? ` (${scope} accounts)` : ''}, ${figure.withinTarget} of ${figure.reached} within ${figure.targetDays} days (${window})`,
      tone: figure.medianDays <= figure.targetDays ? 'good' : 'warning',
      table: {
        columns: [
          'Reached first value',
          'Median days',
          `Within ${figure.targetDays} days`,
          'Still onboarding',
          `Waiting > ${figure.targetDays} days`,
        ],
        rows: [
          [
            String(figure.reached),
            String(figure.medianDays),
            `${figure.withinTargetPct} %`,
            String(figure.waiting),
            String(figure.waitingPastTarget),
          ],
        ],
      },
      sections: [
        {
          lines: [
            how,
            `The share within ${figure.targetDays} days counts the onboardings already waiting longer than that as misses.`,
          ],
        },
      ],
    };
  },
});
