import { withoutNul } from '../core/text/without-nul.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { IntentCall, Reply } from '../replies/reply.js';
import {
  AccessDenied,
  assertAdmin,
  assertCanRead,
  assertManager,
  assertCanSendSurvey,
  assertCanWrite,
  type Actor,
} from '../services/access/actor.js';
import { InputError } from '../services/accounts/input-error.js';
import { databaseUnavailableMessage, isDatabaseUnavailable } from '../services/database-unavailable.js';
import { recallSubject, rememberSubject } from '../services/chat/conversation-memory.js';
import { surveyAwaitingComment } from '../services/surveys/survey-requests.js';
import type { ConversationDeps } from './conversation-deps.js';
import { askWhichAccount, memoryKeyOf, resolveFollowUp, subjectsOf } from './follow-ups.js';
import type { InboundMessage } from './inbound-message.js';
import type { IntentAccess, IntentContext, IntentDefinition } from './intent.js';
import { helpReply, intents, isSlow, parseCall } from './intent-registry.js';
import { notApplied, resolveAskedScope, type AskedScope } from './frame/asked-scope.js';
import { readFrame, said, type QuestionFrame } from './frame/question-frame.js';
import { unusedWords } from './frame/unused-words.js';
import { bookVocabulary, emptyVocabulary, type BookVocabulary } from '../services/portfolio/book-vocabulary.js';
import { accountNamedIn, callForNamedAccount } from './frame/named-account.js';
import { editFrame, frameFollowUp } from './frame/follow-up-frame.js';
import { routeQuestion } from './understand.js';

export type { ConversationDeps } from './conversation-deps.js';
export type { InboundMessage } from './inbound-message.js';
export { helpReply } from './intent-registry.js';

const authorise: Record<IntentAccess, (actor: Actor) => void> = {
  // The use case checks the answer comes from the person surveyed, and the reply shows nothing else.
  respondent: () => {},
  reader: assertCanRead,
  writer: assertCanWrite,
  survey_sender: assertCanSendSurvey,
  manager: assertManager,
  admin: assertAdmin,
};

/** Where a request comes from, besides its intent. */
export type Origin = Omit<InboundMessage, 'text'> & { source?: IntentContext['source'] };

/** One incoming message, read once: channels show progress when `slow`, then ask for the reply. */
export interface Turn {
  /** Known from the text alone, before anything is looked up, so channels can acknowledge at once. */
  slow: boolean;
  reply(origin: Origin): Promise<Reply>;
  /** After `reply`: the intent that answered, so a channel can offer to run it again (share). */
  ran?: IntentCall;
  /** After `reply`: the question's frame as answered (scope, period, grouping), for `tend ask --json`. */
  frame?: QuestionFrame;
  /** After `reply`: content words neither the frame, the intent's wording nor the account accounted for. */
  unused?: string[];
}

/**
 * The longest message Tend reads. Questions, notes and survey comments fit in it many times over;
 * a longer one is answered at once, without being read: every step of reading a message (the rules,
 * account matching, the model) then costs bounded time.
 */
export const maxMessageLength = 4_000;

const thousands = new Intl.NumberFormat('en-US');

export function startTurn(deps: ConversationDeps, typed: string): Turn {
  if (typed.length > maxMessageLength)
    return {
      slow: false,
      reply: async () => ({
        headline: `That message is ${thousands.format(typed.length)} characters long; I read messages of up to ${thousands.format(maxMessageLength)}. Ask a shorter question, or split a long note into several.`,
        tone: 'error',
      }),
    };
  const text = withoutNul(typed);
  const parsed = parseCall(text);
  const turn: Turn = {
    slow: isSlow(parsed),
    reply: (origin) =>
      guarded(deps, text, () =>
        answer(deps, { ...origin, text }, parsed, (call, frame) => {
          turn.ran = call;
          if (frame) turn.frame = frame;
          turn.unused = unusedWords(
            text,
            frame,
            intents.get(call.intent)?.examples ?? [],
            typeof call.args.account === 'string' ? call.args.account : undefined,
          );
        }),
      ),
  };
  return turn;
}

/** Answers one message. Adapters call this; it never sees a channel's payloads. */
export function handleMessage(deps: ConversationDeps, message: InboundMessage): Promise<Reply> {
  return startTurn(deps, message.text).reply(message);
}

/** A button press: the intent and arguments it carries, checked like anything typed. */
export function handleCall(deps: ConversationDeps, call: IntentCall, origin: Origin): Promise<Reply> {
  return guarded(deps, `[${call.intent}]`, () => runCall(deps, call, origin));
}

/** A button: the intent it carries, or, on messages posted before buttons carried one, its command read as typed. */
export function handlePress(
  deps: ConversationDeps,
  press: { call?: IntentCall; command: string },
  origin: Origin,
): Promise<Reply> {
  return press.call ? handleCall(deps, press.call, origin) : handleMessage(deps, { ...origin, text: press.command });
}

/**
 * Runs an intent call from a button or form: arguments checked against the intent's schema, access
 * checked, then its handler. Throws InputError and AccessDenied so forms can show them by the field.
 */
export async function runCall(deps: ConversationDeps, call: IntentCall, origin: Origin): Promise<Reply> {
  const intent = intents.get(call.intent);
  if (!intent) throw new InputError('This button no longer works; ask me again.');
  const args = intent.args.safeParse(call.args);
  if (!args.success) {
    const issue = args.error.issues[0];
    // A schema's own message written for people ("Please say why you skip this step") is shown as it is.
    if (args.error.issues.length === 1 && issue?.message.startsWith('Please '))
      throw new InputError(issue.message, issue.path.map(String).at(-1));
    throw new InputError(
      `That does not look right: ${z.prettifyError(args.error).replace(/\n/g, ' ')}`,
      issue?.path.map(String).at(-1),
    );
  }
  return run(deps, intent, args.data, origin);
}

async function answer(
  deps: ConversationDeps,
  message: InboundMessage,
  parsed: IntentCall,
  ran: (call: IntentCall, frame?: QuestionFrame) => void,
): Promise<Reply> {
  const { actor } = message;
  const origin: Origin = { channel: message.channel, actor };
  const parsedIntent = intents.get(parsed.intent)!;
  // A client contact answering their own survey is the one thing outsiders may do.
  if (parsedIntent.access === 'respondent') return run(deps, parsedIntent, parsed.args, origin);
  // Asked in a channel shared with the client, a survey goes to that channel; the reply is the
  // sender's alone and names only what they typed.
  if (parsed.intent === 'survey_send' && actor.place === 'shared_channel' && message.channel === 'slack')
    return run(deps, parsedIntent, parsed.args, origin);
  // A respondent writing to Tend right after scoring is answering the follow-up question.
  const comment = await typedSurveyComment(deps, message);
  if (comment) return run(deps, intents.get('survey_comment')!, comment, origin);
  // Nothing is read before this check, so nothing leaks to guests, shared channels or outsiders.
  assertCanRead(actor);
  const person = actor.chatIdentity ?? actor.userId ?? (message.channel === 'shell' ? 'terminal' : undefined);
  const memoryKey =
    message.conversationKey && person ? memoryKeyOf(message.channel, message.conversationKey, person) : undefined;
  const memory = memoryKey ? await recallSubject(deps.prisma, memoryKey, deps.now()) : undefined;
  // The book's words are read before the intent is known. When they cannot be (the database is out
  // of reach), an answer that reads nothing of the book (help, who am I) still goes out; any other
  // fails below with the error, rather than being answered without its scope words.
  const read = await bookVocabulary(deps.prisma).then(
    (vocabulary) => ({ vocabulary, error: undefined }),
    (error: unknown) => ({ vocabulary: emptyVocabulary, error }),
  );
  const { vocabulary } = read;
  // Account names are not scope words: "Prestige Media" names an account, not the media industry.
  const textFrame = readFrame(withoutAccountNames(message.text, vocabulary), vocabulary, deps.now(), {
    ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
    ...(actor.userId ? { askerId: actor.userId } : {}),
  });
  const named = namedAccountOf(message.text, vocabulary);
  // A follow-up edits the last question's frame ("and nrr?", "what about emea only") or asks about
  // its account ("and its renewal?"); else the older readings ("why?", "the second one").
  const framed = frameFollowUp(message.text, textFrame, named !== undefined, memory);
  const followUp = framed?.call ?? resolveFollowUp(message.text, parsed, memory);
  const askBack = followUp ? undefined : askWhichAccount(message.text, parsed, memory);
  if (askBack) return askBack;
  const { call: routed } = followUp
    ? { call: followUp }
    : await routeQuestion(message.text, parsed, deps.llm, deps.logger, {
        ...(deps.redactPii !== undefined ? { redactPii: deps.redactPii } : {}),
      });
  const call = followUp || !named ? routed : (callForNamedAccount(routed, message.text.toLowerCase(), named) ?? routed);
  if (read.error && (intents.get(call.intent)?.scoped || typeof call.args.account === 'string')) throw read.error;
  // Questions about the book are answered for the scope asked; one account's questions are its own.
  const scope =
    intents.get(call.intent)?.scoped && typeof call.args.account !== 'string'
      ? await resolveAskedScope(deps.prisma, actor, editFrame(framed?.base, textFrame))
      : undefined;
  ran(call, scope?.frame);
  // An owner Tend cannot resolve ("my team" from someone nobody reports to): say so, answer nothing wider.
  if (scope?.ownerProblem)
    return {
      headline: `I cannot answer that for ${said(scope.frame, 'owner')}: ${scope.ownerProblem}. Ask about a person's accounts (for example "jordan's at-risk accounts") or everyone's.`,
      tone: 'info',
    };
  const reply = withScopeNote(
    await answerObviousTypo(await run(deps, intents.get(call.intent)!, call.args, origin, scope), (obvious) =>
      run(deps, intents.get(obvious.intent)!, obvious.args, origin),
    ),
    scope,
  );
  // The subject of this answer replaces the last one; help and refusals leave it as it was.
  if (memoryKey && reply.tone !== 'error' && call.intent !== 'help' && call.intent !== 'unknown')
    await rememberSubject(
      deps.prisma,
      memoryKey,
      {
        intent: call.intent,
        args: call.args,
        subjects: subjectsOf(call, reply),
        ...(scope ? { frame: scope.frame } : {}),
      },
      deps.now(),
    );
  return reply;
}

function run(
  deps: ConversationDeps,
  intent: IntentDefinition,
  args: Record<string, unknown>,
  origin: Origin,
  scope?: AskedScope,
): Promise<Reply> {
  authorise[intent.access](origin.actor);
  return intent.handle(contextOf(deps, origin, scope), args);
}

function contextOf(deps: ConversationDeps, origin: Origin, scope?: AskedScope): IntentContext {
  return {
    deps,
    actor: origin.actor,
    channel: origin.channel,
    now: deps.now(),
    source: origin.source ?? 'message',
    helpReply,
    ...(scope ? { scope } : {}),
  };
}

/** The text without the book's account names and aliases (whole words, any case). */
function withoutAccountNames(text: string, vocabulary: BookVocabulary): string {
  let out = text;
  for (const a of vocabulary.accounts)
    for (const n of [a.name, ...a.aliases])
      if (n.length >= 3 && out.toLowerCase().includes(n.toLowerCase()))
        out = out.replace(new RegExp(`(?<![\\w])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'gi'), ' ');
  return out;
}

/** The account a question names as the book spells it (see named-account.ts). */
function namedAccountOf(text: string, vocabulary: BookVocabulary): string | undefined {
  const reserved = new Set([
    ...vocabulary.people.map((p) => p.name.toLowerCase().split(/\s+/)[0]!),
    ...[...vocabulary.tiers, ...vocabulary.segments, ...vocabulary.industries].map((w) => w.toLowerCase()),
  ]);
  return accountNamedIn(text, vocabulary.accounts, reserved);
}

/**
 * "No account called "Globx". Did you mean Globex Industries?" with one suggestion only is an obvious
 * typo: answered for that account, saying which account it read, instead of asking.
 */
async function answerObviousTypo(reply: Reply, rerun: (call: IntentCall) => Promise<Reply>): Promise<Reply> {
  const asked = /^No account called "(.+)"\. Did you mean:$/.exec(reply.headline)?.[1];
  const only = reply.buttons?.length === 1 ? reply.buttons[0]!.call : undefined;
  if (!asked || !only) return reply;
  const answer = await rerun(only);
  if (answer.tone === 'error') return reply;
  return { ...answer, headline: `(I read "${asked}" as ${reply.buttons![0]!.label}.)\n${answer.headline}` };
}

/** An answer that could not apply part of what was asked says so first: never silently wider. */
function withScopeNote(reply: Reply, scope: AskedScope | undefined): Reply {
  const note = scope && reply.tone !== 'error' ? notApplied(scope) : undefined;
  return note ? { ...reply, headline: `${note}\n${reply.headline}` } : reply;
}

/** Refusals and mistakes become replies; anything else is logged and shown only as a reference. */
async function guarded(deps: ConversationDeps, text: string, work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AccessDenied) return { headline: error.message, tone: 'info' };
    if (error instanceof InputError) return { headline: error.message, tone: 'error' };
    const reference = randomUUID().slice(0, 8);
    deps.logError?.(error, { reference, text });
    // Nothing to report: the database is down or restarting, and asking again shortly will work.
    if (isDatabaseUnavailable(error)) return { headline: databaseUnavailableMessage, tone: 'error' };
    return {
      headline: `Something went wrong on my side (reference ${reference}). Please try again; if it keeps happening, give your Tend admin the reference.`,
      tone: 'error',
    };
  }
}

async function typedSurveyComment(
  deps: ConversationDeps,
  message: InboundMessage,
): Promise<{ requestId: string; text: string } | undefined> {
  const { actor } = message;
  const text = message.text.trim();
  if (!text || !actor.external || !actor.chatIdentity || actor.place !== 'dm') return undefined;
  if (message.channel !== 'slack' && message.channel !== 'teams') return undefined;
  const requestId = await surveyAwaitingComment(
    deps.prisma,
    { respondent: actor.chatIdentity, channel: message.channel === 'slack' ? 'SLACK' : 'TEAMS' },
    deps.now(),
  );
  return requestId ? { requestId, text } : undefined;
}
