import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { daysUntil, isoDay } from '../../core/lifecycle/calendar.js';
import { formatMoney } from '../../core/metrics/format-money.js';
import { accountFacts, type AccountFacts } from '../../services/accounts/account-facts.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'who looks after {account}',
  'who is the owner for {account}',
  '{account} owner',
  'what does {account} pay',
  'revenue from {account}',
  '{account} ARR',
  'how big is {account}',
  'renewal date of {account}',
  'when is {account} renewing',
  '{account} renewal',
  'exec sponsor {account}',
  'who sponsors us at {account}',
  'who is our champion at {account}',
  'main contact at {account}',
  'what tier is {account}',
  '{account} tier',
  'lifecycle stage of {account}',
  'what stage is {account} at',
  'last call with {account}',
  'when did we last meet {account}',
  'who is responsible for {account}',
  "{account}'s ARR",
];

const facts = [
  'owner',
  'arr',
  'renewal',
  'sponsor',
  'champion',
  'tier',
  'stage',
  'last_touch',
  'seats',
  'all',
] as const;
type Fact = (typeof facts)[number];

/** The question's wording for each fact, to the fact it asks for. */
const readings: { fact: Fact; pattern: RegExp }[] = [
  { fact: 'owner', pattern: /^who (?:owns|manages|is (?:the )?(?:owner|csm|account manager) (?:of|for|on)) (.+)$/i },
  { fact: 'owner', pattern: /^(?:owner|csm) (?:of|for) (.+)$/i },
  {
    fact: 'arr',
    pattern: /^(?:what(?:'s| is) (?:the )?)?(?:arr|mrr|revenue|contract value) (?:of|for|at) (?!risk\b)(.+)$/i,
  },
  { fact: 'arr', pattern: /^how much (?:arr|revenue|money) (?:is|does) (.+?)(?: worth| bring| pay)?$/i },
  { fact: 'renewal', pattern: /^when (?:does|is|will) (.+?) (?:renew|renewing|up for renewal|due for renewal)$/i },
  { fact: 'renewal', pattern: /^(?:renewal date|contract end|when is the renewal) (?:of|for) (.+)$/i },
  { fact: 'sponsor', pattern: /^who(?:'s| is) (?:the )?exec(?:utive)? sponsor (?:at|of|for) (.+)$/i },
  { fact: 'champion', pattern: /^who(?:'s| is) (?:the |our )?champion (?:at|of|for) (.+)$/i },
  { fact: 'tier', pattern: /^what (?:tier|segment|plan) is (.+?)(?: on| in)?$/i },
  { fact: 'stage', pattern: /^what (?:lifecycle )?stage is (.+?)(?: in| at)?$/i },
  {
    fact: 'last_touch',
    pattern: /^when did (?:we|i) last (?:talk to|speak (?:to|with)|meet|contact|hear from|touch base with) (.+)$/i,
  },
  { fact: 'last_touch', pattern: /^last (?:touchpoint|contact|meeting) (?:with|at|for) (.+)$/i },
  {
    fact: 'seats',
    pattern: /^how many (?:seats|licen[cs]es|users) (?:does|do|has|have) (.+?)(?: have| got| bought| licensed)?$/i,
  },
  { fact: 'seats', pattern: /^(?:seats|licen[cs]es) (?:of|for|at) (.+)$/i },
  { fact: 'all', pattern: /^(?:facts|details|info|about) (?:on |for |about )?(.+)$/i },
];

const day = (d: Date | null) => (d ? isoDay(d) : 'not recorded');

function answer(
  f: AccountFacts,
  fact: Fact,
  now: Date,
): { headline: string; lines: { label: string; value: string }[] } {
  const renewal = f.renewalDate
    ? `${isoDay(f.renewalDate)} (in ${daysUntil(isoDay(f.renewalDate), now)} days)`
    : 'no renewal date recorded';
  const last = f.lastTouchpoint
    ? `${f.lastTouchpoint.kind} “${f.lastTouchpoint.title.slice(0, 80)}” on ${isoDay(f.lastTouchpoint.occurredAt)} (${-daysUntil(isoDay(f.lastTouchpoint.occurredAt), now)} days ago)`
    : 'none recorded';
  const all = [
    { label: 'Owner', value: f.owner ?? 'nobody' },
    {
      label: 'ARR',
      value: `${formatMoney(f.arr, f.currency)}${f.mrr ? ` (MRR ${formatMoney(f.mrr, f.currency)})` : ''}`,
    },
    { label: 'Renewal', value: renewal },
    { label: 'Contract', value: `${day(f.contractStart)} to ${day(f.contractEnd)}` },
    { label: 'Tier / segment', value: `${f.tier} / ${f.segment}${f.region ? `, ${f.region}` : ''}` },
    { label: 'Stage (as imported)', value: f.lifecycleStage },
    { label: 'Executive sponsor', value: f.executiveSponsor ?? 'not recorded' },
    { label: 'Seats licensed', value: f.seatsLicensed === null ? 'not recorded' : String(f.seatsLicensed) },
    { label: 'Champion', value: f.champions.join(', ') || 'none recorded' },
    { label: 'Last touchpoint', value: last },
  ];
  const headline: Record<Fact, string> = {
    owner: f.owner ? `${f.name} is owned by ${f.owner}.` : `${f.name} has no owner in Tend.`,
    arr: `${f.name}: ARR ${formatMoney(f.arr, f.currency)}${f.mrr ? `, MRR ${formatMoney(f.mrr, f.currency)}` : ''}.`,
    renewal: `${f.name} renews ${f.renewalDate ? `on ${renewal}` : ': no renewal date recorded'}.`,
    sponsor: f.executiveSponsor
      ? `${f.name}'s executive sponsor is ${f.executiveSponsor}.`
      : `No executive sponsor recorded for ${f.name}.`,
    champion: f.champions.length
      ? `${f.name}'s champion: ${f.champions.join(', ')}.`
      : `No champion recorded at ${f.name}.`,
    tier: `${f.name} is ${f.tier} tier, ${f.segment} segment.`,
    stage: `${f.name} is in the ${f.lifecycleStage} stage (as imported).`,
    last_touch: f.lastTouchpoint
      ? `Last touchpoint with ${f.name}: ${last}.`
      : `No touchpoint recorded with ${f.name}.`,
    seats:
      f.seatsLicensed === null
        ? `No seat count recorded for ${f.name}.`
        : `${f.name} has ${f.seatsLicensed} seats licensed.`,
    all: `${f.name}${f.status === 'CHURNED' ? ' (churned)' : ''}`,
  };
  return { headline: headline[fact], lines: all };
}

/** "who owns Acme?", "ARR of Globex", "when does Initech renew?": one fact, with the account's card beside it. */
export default defineIntent({
  name: 'account_facts',
  examples,
  fromText: (phrase) => {
    const lower = phrase.lower;
    const fact: Fact | undefined = /\b(?:own|owner|owns|manage|manages|looks after|responsible|csm)\b/.test(lower)
      ? 'owner'
      : /\b(?:arr|mrr|revenue|pay|pays|worth|contract value|how big)\b/.test(lower)
        ? 'arr'
        : /\brenew/.test(lower)
          ? 'renewal'
          : /\bsponsor/.test(lower)
            ? 'sponsor'
            : /\b(?:champion|main contact)\b/.test(lower)
              ? 'champion'
              : /\btier\b/.test(lower)
                ? 'tier'
                : /\bstage\b/.test(lower)
                  ? 'stage'
                  : /\b(?:last|latest)\b.*\b(?:call|meeting|meet|met|talk|talked|spoke|spoken|touch|touchpoint|contact)\b/.test(
                        lower,
                      )
                    ? 'last_touch'
                    : undefined;
    const account = accountArg(examples)(phrase)?.account;
    return fact && account ? { account, fact } : undefined;
  },
  args: z.object({ account: accountText, fact: z.enum(facts) }),
  verbs: ['facts'],
  access: 'reader',
  help: {
    group: 'Ask me',
    order: 15,
    line: 'who owns <account>? / ARR of <account> / when does <account> renew?: one fact about an account',
  },
  rules: [
    {
      priority: 45,
      match: ({ text: typed }) => {
        const text = typed.replace(/[?!.]+$/, '').trim();
        for (const { fact, pattern } of readings) {
          const m = pattern.exec(text);
          if (m?.[1]) return { account: stripAccount(m[1]), fact };
        }
        return undefined;
      },
    },
  ],
  tool: {
    name: 'account_facts',
    description:
      'One account’s facts: owner, ARR and MRR, renewal and contract dates, tier and segment, lifecycle stage, executive sponsor, champion, seats licensed, last touchpoint',
    parameters: z.object({
      account: accountText.describe('The account’s name, as the user wrote it'),
      fact: z.enum(facts).describe('The fact asked for; "all" for the account’s card'),
    }),
    toArgs: (p) => ({ account: String(p.account), fact: p.fact as Fact }),
  },
  async handle(context, { account, fact }) {
    const found = await accountOrReply(context, account, sameRequestFor('account_facts', 'facts', { fact }));
    if (found.reply) return found.reply;
    const f = await accountFacts(context.deps.prisma, found.account.id, context.now);
    const { headline, lines } = answer(f, fact, context.now);
    return { headline, tone: 'info', facts: lines };
  },
});
