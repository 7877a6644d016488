import { intentButton, type IntentCall, type Reply } from '../replies/reply.js';
import type { RememberedSubject } from '../services/chat/conversation-memory.js';
import { intents } from './intent-registry.js';
import { phraseOf, stripAccount } from './phrases.js';

// Follow-ups read against what the last answer was about: "and why?", "what about Globex?", "it",
// "that account", "the second one". Pure: the subject comes in, a call (or nothing) comes out.

const pronoun = /^(?:it|that|this|them|they|that account|this account|that one|this one|the account)$/i;
const ordinals: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
};
const ordinalWord = `(${[...Object.keys(ordinals), 'last'].join('|')})`;
/** An account "named" by its place in the last list: "the first one", "number 2". */
const byPosition = new RegExp(
  String.raw`^(?:the\s+)?${ordinalWord}(?:\s+(?:one|account))?$|^(?:number|no\.?|#)\s*\d{1,2}$`,
  'i',
);

const takesAccount = (intent: string) => {
  const shape = intents.get(intent)?.args as { shape?: Record<string, unknown> } | undefined;
  return shape?.shape !== undefined && 'account' in shape.shape;
};

/** The nth subject named in "the second one", "number 2", "#3", "the last one". */
function ordinalOf(lower: string, subjects: readonly string[]): string | undefined {
  const word = new RegExp(String.raw`\b${ordinalWord}\b`).exec(lower)?.[1];
  const number = /(?:^|\s)(?:number|no\.?|#)\s*(\d{1,2})\b/.exec(lower)?.[1];
  const index = word === 'last' ? subjects.length : word ? ordinals[word] : number ? Number(number) : undefined;
  return index ? subjects[index - 1] : undefined;
}

/**
 * The call a follow-up stands for, given the parsed call and the conversation's last subject, or
 * undefined when the message stands on its own (a new subject, which then replaces the old one).
 */
export function resolveFollowUp(
  text: string,
  parsed: IntentCall,
  memory: RememberedSubject | undefined,
): IntentCall | undefined {
  if (!memory) return undefined;
  const phrase = phraseOf(text);
  const { lower } = phrase;
  const subject = memory.subjects[0];
  const wantsWhy = /^(?:and\s+)?why\b/.test(lower);

  const nth = ordinalOf(lower, memory.subjects);
  const named = String(parsed.args.account ?? '');
  if (nth && (parsed.intent === 'unknown' || parsed.intent === 'help' || pronoun.test(named) || byPosition.test(named)))
    return { intent: wantsWhy ? 'why' : 'health', args: { account: nth } };

  // "why?", "and why?", "why is that?", "why did it drop?"
  if (subject && bareWhy.test(lower)) return { intent: 'why', args: { account: subject } };

  // "it", "that account" in place of a name: the last subject.
  if (subject && typeof parsed.args.account === 'string' && pronoun.test(parsed.args.account.trim()))
    return { ...parsed, args: { ...parsed.args, account: subject } };

  // "what about Globex?", "and Initech?", "how about Hooli": the same question about another account.
  const other = /^(?:and|what about|how about|and what about|same for|and for)\s+(.+)$/i.exec(phrase.text);
  if (other && !bareWhy.test(lower) && (parsed.intent === 'unknown' || parsed.intent === 'help')) {
    const account = stripAccount(other[1]!);
    return takesAccount(memory.intent)
      ? { intent: memory.intent, args: { ...memory.args, account } }
      : { intent: 'health', args: { account } };
  }
  return undefined;
}

const bareWhy = /^(?:and\s+)?why(?:\s+(?:is that|so|not|did it (?:drop|fall|move|change|rise)|did that happen))?$/;

/**
 * The question to ask back when a follow-up points at something the conversation does not have: "the
 * first one" after a list that was empty or shorter, "and why?" with no account in view. Asking which
 * account is meant beats "No account matches "the first one"". Call it only when resolveFollowUp
 * found nothing.
 */
export function askWhichAccount(
  text: string,
  parsed: IntentCall,
  memory: RememberedSubject | undefined,
): Reply | undefined {
  const { lower } = phraseOf(text);
  const wantsWhy = /^(?:and\s+)?why\b/.test(lower);
  const named = String(parsed.args.account ?? '').trim();
  const pointed = lower.replace(/^(?:and\s+)?(?:why(?:\s+(?:is|did))?|how about|what about|how is|how's)\s+/, '');
  const positional =
    byPosition.test(named) ||
    (byPosition.test(pointed) && (parsed.intent === 'unknown' || parsed.intent === 'help' || named === pointed));
  const subjects = memory?.subjects ?? [];
  if (positional) {
    const intent = wantsWhy ? 'why' : 'health';
    if (subjects.length === 0)
      return {
        headline: memory
          ? 'Your last answer listed no accounts. Which account do you mean?'
          : 'Which account do you mean? There is no earlier list in this conversation.',
        tone: 'info',
        suggestions: [wantsWhy ? 'why did <account> drop?' : 'how is <account> doing?'],
      };
    return {
      headline: `Your last answer listed ${subjects.length} account${subjects.length === 1 ? '' : 's'}. Which one do you mean?`,
      tone: 'info',
      buttons: subjects
        .slice(0, 5)
        .map((name) => intentButton(name, `${wantsWhy ? 'why' : 'health'} ${name}`, intent, { account: name })),
    };
  }
  if (bareWhy.test(lower) && subjects.length === 0)
    return {
      headline: 'Why about which account? Name it, for example "why did Acme drop?"',
      tone: 'info',
      suggestions: ['why did <account> drop?'],
    };
  return undefined;
}

/** What an answer was about, to remember: its account, or the accounts its table lists. */
export function subjectsOf(call: IntentCall, reply: { table?: { columns: string[]; rows: string[][] } }): string[] {
  if (reply.table?.columns[0] === 'Account') return reply.table.rows.map((r) => r[0]!).filter(Boolean);
  return typeof call.args.account === 'string' ? [call.args.account] : [];
}

/** The key a conversation's subject is kept under: per channel, conversation (and thread) and person. */
export const memoryKeyOf = (channel: string, conversationKey: string, person: string): string =>
  `${channel}:${conversationKey}:${person}`;
