import { z } from 'zod';
import { isoDay } from '../../core/lifecycle/calendar.js';
import { timeToFirstValueFor } from '../../services/portfolio/time-to-first-value.js';
import { teamOwnerIds } from '../../services/portfolio/team-members.js';
import { defineIntent } from '../intent.js';
import { filterFrom, periodIn } from '../phrases.js';

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

const name = z.string().min(1).max(60);
const dayMs = 86_400_000;
const scopeOf = (lower: string) => {
  const f = filterFrom(lower);
  return {
    ...(f.segment ? { segment: f.segment } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.tier ? { tier: f.tier } : {}),
    ...(/\b(?:my|our) team\b/.test(lower) ? { team: true } : f.mine ? { mine: true } : {}),
  };
};

export default defineIntent({
  name: 'time_to_value',
  examples,
  fromText: (phrase) => ({ days: Math.max(7, periodIn(phrase.lower) ?? 365), ...scopeOf(phrase.lower) }),
  args: z.object({
    /** First values reached in this trailing period count; a year by default. */
    days: z.number().int().min(7).max(3650),
    segment: name.optional(),
    region: name.optional(),
    tier: name.optional(),
    team: z.boolean().optional(),
    mine: z.boolean().optional(),
  }),
  verbs: ['ttfv'],
  access: 'reader',
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
          ? { days: Math.max(7, periodIn(lower) ?? 365), ...scopeOf(lower) }
          : undefined,
    },
  ],
  tool: {
    name: 'time_to_first_value',
    description:
      'Time to first value: days from contract start to the first-value milestone of new customers, the share within the 30-day target, and onboardings still waiting',
    parameters: z.object({
      days: z.number().int().min(7).max(3650).nullable(),
      segment: z.string().min(1).max(60).nullable(),
      region: z.string().min(1).max(60).nullable(),
    }),
    toArgs: (p) => ({
      days: typeof p.days === 'number' ? p.days : 365,
      ...(typeof p.segment === 'string' ? { segment: p.segment.toLowerCase() } : {}),
      ...(typeof p.region === 'string' ? { region: p.region.toUpperCase() } : {}),
    }),
  },
  async handle({ deps, actor, now }, { days, segment, region, tier, team, mine }) {
    const ownerIds =
      team && actor.userId
        ? await teamOwnerIds(deps.prisma, actor.userId)
        : mine && actor.userId
          ? [actor.userId]
          : undefined;
    const from = new Date(now.getTime() - days * dayMs);
    const figure = await timeToFirstValueFor(deps.prisma, {
      from,
      to: now,
      ...(segment ? { segment } : {}),
      ...(region ? { region } : {}),
      ...(tier ? { tier } : {}),
      ...(ownerIds ? { ownerIds } : {}),
    });
    const scope = [tier, segment, region, team ? "your team's" : mine ? 'your' : ''].filter(Boolean).join(' ');
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
