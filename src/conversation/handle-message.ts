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
import { recallSubject, rememberSubject } from '../services/chat/conversation-memory.js';
import { surveyAwaitingComment } from '../services/surveys/survey-requests.js';
import type { ConversationDeps } from './conversation-deps.js';
import { askWhichAccount, memoryKeyOf, resolveFollowUp, subjectsOf } from './follow-ups.js';
import type { InboundMessage } from './inbound-message.js';
import type { IntentAccess, IntentContext, IntentDefinition } from './intent.js';
import { helpReply, intents, isSlow, parseCall } from './intent-registry.js';
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
}

export function startTurn(deps: ConversationDeps, typed: string): Turn {
  const text = withoutNul(typed);
  const parsed = parseCall(text);
  const turn: Turn = {
    slow: isSlow(parsed),
    reply: (origin) =>
      guarded(deps, text, () =>
        answer(deps, { ...origin, text }, parsed, (call) => {
          turn.ran = call;
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
  ran: (call: IntentCall) => void,
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
  const followUp = resolveFollowUp(message.text, parsed, memory);
  const askBack = followUp ? undefined : askWhichAccount(message.text, parsed, memory);
  if (askBack) return askBack;
  const { call } = followUp
    ? { call: followUp }
    : await routeQuestion(message.text, parsed, deps.llm, deps.logger, {
        ...(deps.redactPii !== undefined ? { redactPii: deps.redactPii } : {}),
      });
  ran(call);
  const reply = await run(deps, intents.get(call.intent)!, call.args, origin);
  // The subject of this answer replaces the last one; help and refusals leave it as it was.
  if (memoryKey && reply.tone !== 'error' && call.intent !== 'help' && call.intent !== 'unknown')
    await rememberSubject(
      deps.prisma,
      memoryKey,
      { intent: call.intent, args: call.args, subjects: subjectsOf(call, reply) },
      deps.now(),
    );
  return reply;
}

function run(
  deps: ConversationDeps,
  intent: IntentDefinition,
  args: Record<string, unknown>,
  origin: Origin,
): Promise<Reply> {
  authorise[intent.access](origin.actor);
  return intent.handle(contextOf(deps, origin), args);
}

function contextOf(deps: ConversationDeps, origin: Origin): IntentContext {
  return {
    deps,
    actor: origin.actor,
    channel: origin.channel,
    now: deps.now(),
    source: origin.source ?? 'message',
    helpReply,
  };
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
