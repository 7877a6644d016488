import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { getAccountHealth } from '../../services/scoring/get-account-health.js';
import { healthTrendChart } from '../../services/scoring/health-trend-chart.js';
import { unmatchedReply } from '../account-replies.js';
import { accountText, accountTool, accountVerbRule, sameRequestFor } from '../account-arg.js';
import { whyReply } from '../health-replies.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'why did {account} go down',
  'what made {account} drop',
  "reasons behind {account}'s score",
  "explain {account}'s health",
  'why is {account} struggling',
  'what is pulling {account} down',
  'what changed at {account} recently',
  'why is {account} red',
  'what went wrong at {account}',
  'cause of the drop at {account}',
  "why did {account}'s score move",
  "break down {account}'s score",
  "what drives {account}'s health",
  'why is the score for {account} low',
  "what's hurting {account}",
  'explain the change for {account}',
  'why did {account} get worse',
  'what improved at {account}',
  'what hurt {account}',
  'what caused {account} to drop',
  'reasons {account} is struggling',
  'what made {account} fall',
];

export default defineIntent({
  name: 'why',
  examples,
  fromText: accountArg(examples),
  args: z.object({ account: accountText }),
  verbs: ['why'],
  access: 'reader',
  help: { group: 'Ask me', order: 20, line: 'why <account>: what pulls the score down or holds it up' },
  rules: [
    {
      // "what changed this week for Contoso Partners?", "what's new at Globex lately"
      priority: 50,
      match: ({ text }) => {
        const m =
          /^what(?:'s| has| is)? (?:changed|new|different)(?: this week| lately| recently| this month)? (?:for|at|with) (.+?)\??$/i.exec(
            text.trim(),
          );
        return m ? { account: stripAccount(m[1]!) } : undefined;
      },
    },
    {
      priority: 51,
      match: ({ text }) => {
        const m =
          /^why (?:did|has|is|was) (?:the (?:health )?score (?:of|for) )?(.+?)(?:['’]s(?: health)? score| score)? (?:drop|dropped|dropping|fall|fallen|fell|falling|decline|declined|declining|go down|gone down|down|move|moved|change|changed|improve|improved|rise|risen|go up|gone up|up)\b/i.exec(
            text,
          );
        return m ? { account: stripAccount(m[1]!) } : undefined;
      },
    },
    {
      // "what's dragging Initech down", "what pulled Globex's score down"
      priority: 51,
      match: ({ text }) => {
        const m =
          /^what(?:'s| is| has)? (?:dragging|pulling|pulled|dragged|brought|bringing|dropped|dropping) (.+?) down$/i.exec(
            text,
          );
        return m ? { account: stripAccount(m[1]!) } : undefined;
      },
    },
    {
      priority: 52,
      match: ({ text }) => {
        const m = /^why (?:is|are) (.+?) (?:at[- ]risk|red|yellow|critical|low|so low|unhealthy|healthy)$/i.exec(text);
        return m ? { account: stripAccount(m[1]!) } : undefined;
      },
    },
    accountVerbRule('why'),
  ],
  tool: accountTool('explain_score', 'Why an account scores as it does, or why it dropped or rose'),
  async handle({ deps, now }, { account }) {
    // "Why did it drop?" looks back four weeks; "how is it doing?" one.
    const lookup = await getAccountHealth(deps.prisma, account, now, { compareDays: 28 });
    if (lookup.kind !== 'found') return unmatchedReply(account, lookup, sameRequestFor('why', 'why'));
    const chart = await healthTrendChart(deps.prisma, lookup.report.account, now);
    return { ...whyReply(lookup.report), ...(chart ? { chart } : {}) };
  },
});
