import { z } from 'zod';
import { playReport } from '../../services/plays/play-report.js';
import { defineIntent } from '../intent.js';
import { churnText, healthText } from '../play-report-lines.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'which plays work',
  'do our plays work',
  'plays report',
  'which playbooks reduce churn',
  'are our plays effective',
  'what is the effect of our plays',
  'which interventions save accounts',
  'does running plays help',
  'play effectiveness',
  'which plays lower churn',
  'show the plays report',
  'do the playbooks make a difference',
  'which plays are worth running',
  'how well do our plays perform',
  'which actions actually help renewals',
];

/** "which plays work?": each play's completed runs against cases with the same trigger without one. */
export default defineIntent({
  name: 'plays_report',
  examples,
  fromText: () => ({}),
  args: z.object({}),
  access: 'manager',
  tool: {
    name: 'plays_report',
    description:
      'Which plays work (managers): for each play, churn at the next renewal and health change after completed runs against cases with the same trigger without one, with counts and 95 % intervals; observational unless randomised',
    parameters: z.object({}),
    toArgs: () => ({}),
  },
  slow: true,
  help: {
    group: 'Ask me',
    order: 38,
    line: 'which plays work?: churn and health after each play, with intervals (managers)',
  },
  rules: [
    {
      priority: 29,
      match: ({ lower }) =>
        /^(?:\/tend\s+)?(?:plays report|(?:which|what|do|are) (?:our )?(?:plays|playbooks) (?:work|help|effective)\b.*|play effectiveness)\??$/.test(
          lower.trim(),
        )
          ? {}
          : undefined,
    },
  ],
  async handle({ deps, now }) {
    const report = await playReport(deps.prisma, now);
    const measured = report.plays.filter((p) => p.churn.kind === 'measured');
    if (!report.plays.length)
      return { headline: 'No plays have run on a trigger yet, so there is nothing to compare.', tone: 'info' };
    return {
      headline: `Which plays work: ${measured.length} of ${report.plays.length} plays have enough cases to compare`,
      tone: 'info',
      table: {
        columns: ['Play', 'Cases', 'Completed', 'Churn with vs without', 'Health 90 days'],
        rows: report.plays.map((p) => [
          p.name,
          String(p.cases),
          String(p.completed),
          churnText(p.churn),
          healthText(p.health.d90),
        ]),
      },
      sections: [
        {
          lines: [
            'Observational: the accounts where a play ran are not a random sample of those where it did not, so a difference is an association, not proof of an effect.',
            `Cases: every alert that names the play; "with" = a run of it completed within 14 days of the alert; "without" = not run or abandoned. Churn is at the next renewal; below ${report.minimum} cases per side there is no figure.`,
            ...report.plays
              .filter((p) => p.holdout)
              .map((p) => `${p.name}, randomised holdout of its system steps: ${churnText(p.holdout!)}`),
            ...(report.inProgress ? [`${report.inProgress} case(s) still running are left out.`] : []),
          ],
        },
      ],
    };
  },
});
