import type { QbrDeps, QbrDraft } from '../services/qbr/draft-qbr.js';
import type { ConversationDeps } from './conversation-deps.js';
import { intentButton, type Reply } from '../replies/reply.js';

const titles: [keyof QbrDraft['narrative'], string][] = [
  ['executiveSummary', 'Executive summary'],
  ['healthAndTrend', 'Health and trend'],
  ['valueDelivered', 'Value delivered'],
  ['adoption', 'Adoption'],
  ['support', 'Support'],
  ['voiceOfCustomer', 'Voice of the customer'],
  ['risks', 'Risks'],
  ['recommendations', 'Recommendations'],
  ['nextQuarterGoals', 'Next-quarter goals'],
];

/** A QBR draft in chat: the headline figures, then the draft section by section (long, so folded). */
export function qbrReply(draft: QbrDraft): Reply {
  const f = draft.facts;
  return {
    headline: `QBR draft: ${f.account.name}, ${f.quarter.label}`,
    tone: 'info',
    facts: [
      {
        label: 'Health',
        value:
          f.health.start === null
            ? `${f.health.end} ${f.health.band}`
            : `${f.health.start} → ${f.health.end} (${f.health.band})`,
      },
      ...(f.renewal ? [{ label: 'Renewal', value: `${f.renewal.date} (${f.renewal.daysToRenewal} days)` }] : []),
      { label: 'Comments', value: String(f.voiceOfCustomer.comments) },
      { label: 'Goals', value: String(f.goals.length) },
      { label: 'Wording', value: draft.note },
    ],
    sections: [
      ...titles.map(([key, title]) => ({ title, lines: [draft.narrative[key].text] })),
      ...(f.voiceOfCustomer.quotes.length
        ? [{ title: 'In their words', lines: f.voiceOfCustomer.quotes.map((q) => `“${q.text}”`) }]
        : []),
      { lines: [`The full draft with tables: tend qbr "${f.account.name}" --quarter ${f.quarter.label} --out qbr.md`] },
    ],
    buttons: [
      intentButton('Why this score?', `why ${f.account.name}`, 'why', { account: f.account.name }),
      intentButton('Customer feedback', `feedback ${f.account.name}`, 'feedback', {
        account: f.account.name,
        days: 90,
      }),
    ],
  };
}

/** What the QBR services need, from the conversation's dependencies (draft and brief alike). */
export function qbrDepsOf(deps: ConversationDeps): QbrDeps {
  return {
    prisma: deps.prisma,
    ...(deps.llm ? { llm: deps.llm } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.redactPii === undefined ? {} : { redactPii: deps.redactPii }),
  };
}
