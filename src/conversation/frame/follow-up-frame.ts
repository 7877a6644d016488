import type { IntentCall } from '../../replies/reply.js';
import type { RememberedSubject } from '../../services/chat/conversation-memory.js';
import { askedParts, questionFrame, type QuestionFrame } from './question-frame.js';

// Follow-ups as edits of the last question's frame, kept per thread in the database
// (ConversationMemory.frame): "and nrr?" after "grr emea" keeps EMEA; "what about emea only" narrows
// the last list; "break it down by region" groups it; "which of those are at risk" filters it; "and
// its renewal?", "who's the sponsor there" ask about the account the last answer was about. Pure.

export interface FrameFollowUp {
  call: IntentCall;
  /** The last question's frame, which this message's words edit (new parts replace old ones). */
  base?: QuestionFrame;
}

const lead = String.raw`^(?:and|so|ok|okay|what about|how about|and what about|same for|now|then|but)?\s*`;

/** One account's fact asked with "its", "their", "there", "that account". */
function accountFact(lower: string): IntentCall['args'] | undefined {
  if (/\brenew/.test(lower)) return { fact: 'renewal' };
  if (/\bsponsor\b/.test(lower)) return { fact: 'sponsor' };
  if (/\bchampion\b/.test(lower)) return { fact: 'champion' };
  if (/\b(?:who owns|owner|csm)\b/.test(lower)) return { fact: 'owner' };
  if (/\bseats?\b|\blicen[cs]es?\b/.test(lower)) return { fact: 'seats' };
  if (/\b(?:arr|mrr|revenue)\b/.test(lower)) return { fact: 'arr' };
  if (/\btier\b|\bsegment\b/.test(lower)) return { fact: 'tier' };
  return undefined;
}

export function frameFollowUp(
  text: string,
  frameOfText: QuestionFrame,
  accountNamed: boolean,
  memory: RememberedSubject | undefined,
): FrameFollowUp | undefined {
  if (!memory) return undefined;
  const lower = text
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/[?!.]+$/, '')
    .trim();
  const short = lower.split(/\s+/).length <= 8;
  if (!short || accountNamed) return undefined;

  // "and its renewal?", "who's the sponsor there", "their ARR": the account the last answer was about.
  const account =
    typeof memory.args.account === 'string'
      ? memory.args.account
      : memory.subjects.length === 1
        ? memory.subjects[0]
        : undefined;
  if (account && /\b(?:its|it|their|there|they|that account|this account|that one)\b/.test(lower)) {
    if (/\bnps\b/.test(lower)) return { call: { intent: 'nps', args: { account, days: 90 } } };
    const fact = accountFact(lower);
    if (fact) return { call: { intent: 'account_facts', args: { account, ...fact } } };
  }

  const parsed = memory.frame ? questionFrame.safeParse(memory.frame) : undefined;
  const base = parsed?.success ? parsed.data : undefined;
  if (!base) return undefined;

  // "and nrr?", "what about churn", "grr?": another retention figure over the same scope.
  const measure = new RegExp(
    `${lead}(?:the\\s+)?(nrr|grr|churn|logo churn|expansion|net retention|gross retention)$`,
  ).exec(lower)?.[1];
  if (measure) {
    const m = /^n/.test(measure) ? 'nrr' : /^g/.test(measure) ? 'grr' : /churn/.test(measure) ? 'churn' : 'expansion';
    const days = memory.intent === 'retention' && typeof memory.args.days === 'number' ? memory.args.days : 365;
    return { call: { intent: 'retention', args: { days, measure: m } }, base };
  }

  // "which of those are at risk", "just the at-risk ones": the last list, at-risk only.
  if (
    /^(?:which|what|how many)\s+of\s+(?:those|these|them)\b.*\b(?:at[- ]?risk|risky|in danger)\b|^(?:and\s+|just\s+|only\s+)?(?:the\s+)?(?:at[- ]?risk|risky)(?:\s+ones)?(?:\s+only)?$/.test(
      lower,
    )
  ) {
    if (memory.intent === 'renewals')
      return { call: { intent: 'renewals', args: { ...memory.args, atRiskOnly: true } }, base };
    return { call: { intent: 'at_risk', args: { filter: {} } }, base };
  }

  // "break it down by region", "per CSM", "split by tier": the last answer, grouped.
  if (
    frameOfText.groupBy &&
    /^(?:(?:can you\s+)?(?:break|split)\s+(?:it|that|this|them)?\s*(?:down\s+)?|group(?:ed)?\s+|and\s+|now\s+)?(?:by|per|for each)\s+\w+$/.test(
      lower,
    )
  )
    return { call: { intent: memory.intent, args: memory.args }, base };

  // "what about emea only", "just the enterprise ones", "only mine": the last question, narrower.
  const asked = askedParts(frameOfText);
  if (
    asked.length &&
    /^(?:and|what about|how about|and what about|same for|just|only|now|ok|but)\b|\bonly\b|\bones\b/.test(lower) &&
    ['at_risk', 'renewals', 'list_accounts', 'portfolio', 'retention', 'time_to_value'].includes(memory.intent)
  )
    return { call: { intent: memory.intent, args: memory.args }, base };
  return undefined;
}

/** The frame of a follow-up: the last one with what this message said put over it. */
export const editFrame = (base: QuestionFrame | undefined, said: QuestionFrame): QuestionFrame =>
  base ? { ...base, ...Object.fromEntries(Object.entries(said).filter(([, v]) => v !== undefined)) } : said;
