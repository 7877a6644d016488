import { z } from 'zod';
import { openRunsOf, suggestedPlaysFor } from '../../services/plays/play-views.js';
import { loadPlayCatalogue } from '../../services/plays/play-catalogue.js';
import { accountArg } from '../nlu/account-from-text.js';
import { intentButton } from '../../replies/reply.js';
import { accountOrReply, accountText, accountTool, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { taskButtons, taskLine } from '../play-replies.js';
import { stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'what should I do about {account}',
  'what do I do with {account}',
  'next steps for {account}',
  'how do we save {account}',
  'how can I turn {account} around',
  'how do we win back {account}',
  'what should we do next at {account}',
  'action plan for {account}',
  'which play should I run for {account}',
  'what can I do to help {account}',
  'recommended actions for {account}',
  "what's next for {account}",
  'how do I fix {account}',
  'playbook for {account}',
  'what are my next steps on {account}',
  'what needs doing for {account}',
];

/**
 * "What should I do about Acme?": the open play's next steps, or the play the account's open
 * signals call for and why; never advice the core did not produce.
 */
export default defineIntent({
  name: 'next_steps',
  examples,
  fromText: accountArg(examples),
  args: z.object({ account: accountText }),
  access: 'reader',
  help: { group: 'Ask me', order: 35, line: 'what should I do about <account>: the play and its next steps' },
  tool: accountTool(
    'next_steps',
    "What to do about an account: its running play's next steps, or the play its open alerts call for",
  ),
  rules: [
    {
      priority: 40,
      match: ({ text }) => {
        const m =
          /^(?:\/tend\s+)?(?:what (?:should|do|can|must) (?:i|we) do (?:about|with|for|at|on)|next steps? (?:for|on|at|with|about)|how (?:do|can|should) (?:i|we) (?:save|fix|rescue|turn around|help)|(?:action plan|playbook|plays?) for) (.+?)\??$/i.exec(
            text,
          );
        return m ? { account: stripAccount(m[1]!) } : undefined;
      },
    },
  ],
  async handle(context, args) {
    const { deps, now } = context;
    const found = await accountOrReply(context, args.account, sameRequestFor('next_steps', 'next steps for'));
    if (found.reply) return found.reply;
    const { account } = found;
    const runs = await openRunsOf(deps.prisma, account.id);
    if (runs.length) {
      const open = runs.flatMap((r) =>
        r.tasks.filter((t) => ['OPEN', 'AWAITING_APPROVAL', 'FAILED'].includes(t.state)),
      );
      const next = [...open].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
      return {
        headline: next
          ? `${account.name}: next, ${next.title} (${next.playName})`
          : `${account.name}: every step of ${runs.map((r) => r.playName).join(', ')} is done`,
        tone: 'info',
        sections: runs.map((r) => ({
          title: `${r.playName} (started ${r.openedAt.toISOString().slice(0, 10)}${r.holdout ? ', system steps held out' : ''})`,
          lines: r.tasks.map((t) => taskLine(t, now)),
        })),
        buttons: next ? taskButtons(next, { short: true }) : [],
      };
    }
    const suggested = await suggestedPlaysFor(deps.prisma, account.id);
    if (suggested.length)
      return {
        headline: `${account.name}: run ${suggested[0]!.play.name}`,
        tone: 'warning',
        sections: suggested.slice(0, 3).map((s) => ({
          title: s.play.name,
          lines: [
            `Because: ${s.because}`,
            ...s.play.steps.map(
              (step) =>
                `${step.title} (${step.kind === 'system' ? 'Tend does this' : 'a person'}, within ${step.dueDays} days)`,
            ),
            `Source: ${s.play.source}`,
          ],
        })),
        buttons: suggested
          .slice(0, 3)
          .map((s, i) =>
            intentButton(
              `Start ${s.play.name.slice(0, 40)}`,
              `start play ${s.play.id} for ${account.name}`,
              'start_play',
              { play: s.play.id, account: account.name },
              i === 0 ? { style: 'primary' } : {},
            ),
          ),
      };
    const manual = (await loadPlayCatalogue(deps.prisma)).plays.filter((p) => !p.starts.length);
    return {
      headline: `${account.name}: no open signal calls for a play`,
      tone: 'good',
      sections: [
        {
          lines: [
            'Nothing in its health, usage, support or renewal signals has opened an alert that names a play.',
            ...(manual.length ? [`Plays you can start by hand: ${manual.map((p) => p.id).join(', ')}`] : []),
          ],
        },
      ],
      suggestions: [`why ${account.name}`, `health ${account.name}`],
    };
  },
});
