import type { SurveyPolicy } from '../../config/config.js';
import { isAlarmingAnswer, mayBeSurveyed, type SurveyDefinition } from '../../core/surveys/survey-definitions.js';
import type { Prisma, PrismaClient } from '../../db/client.js';
import { offlineSentiment } from '../../llm/sentiment/offline-sentiment.js';
import { assertCanSendSurvey, type Actor } from '../access/actor.js';
import { personDestinationPrefix } from '../alerts/alert-notifier.js';
import { InputError } from '../accounts/input-error.js';
import { definitionOfRequest, surveyDefinition } from './survey-catalogue.js';

const dayMs = 86_400_000;

export interface CreatedSurvey {
  requestId: string;
  contact: { id: string; name: string };
  channel: 'SLACK' | 'TEAMS';
  /** Where the invite goes: the contact's DM or 1:1 chat, or a shared Slack channel. */
  destination: string;
  /** Who may answer (the contact's Slack user id or Teams AAD object id). */
  respondent: string;
  definition: SurveyDefinition;
  /** The contact's previous survey time, restored if the survey cannot be delivered. */
  previousSurveyedAt: Date | null;
}

/**
 * Prepares a survey for one contact of an account (the given one, else the first reachable one:
 * champions and sponsors first): reachable in Slack or Teams, not opted out, not surveyed within the
 * policy's days. The account team only. The caller delivers it.
 */
export async function createSurveyRequest(
  prisma: PrismaClient,
  actor: Actor | undefined,
  input: {
    accountId: string;
    contactId?: string;
    surveyKey: string;
    /** A Slack channel shared with the client: the invite goes there, the answer stays private. */
    slackChannel?: string;
  },
  policy: SurveyPolicy,
  now: Date,
): Promise<CreatedSurvey> {
  if (actor) assertCanSendSurvey(actor);
  const definition = await surveyDefinition(prisma, input.surveyKey);
  const contacts = await prisma.contact.findMany({
    where: { accountId: input.accountId, ...(input.contactId ? { id: input.contactId } : {}) },
    select: {
      id: true,
      name: true,
      role: true,
      slackUserId: true,
      teamsAadObjectId: true,
      surveyOptOut: true,
      lastSurveyedAt: true,
    },
  });
  if (!contacts.length)
    throw new InputError(
      input.contactId ? 'That contact is not at this account.' : 'This account has no contacts; import them first.',
    );
  const rank = (role: string | null) =>
    role === 'champion' ? 0 : role === 'sponsor' || role === 'decision_maker' ? 1 : 2;
  const reasons: string[] = [];
  for (const c of [...contacts].sort((a, b) => rank(a.role) - rank(b.role))) {
    // A Teams contact without a known chat is addressed as a person; the notifier opens the chat.
    const teamsConversation = c.teamsAadObjectId
      ? ((
          await prisma.conversationReference.findFirst({
            where: { channel: 'TEAMS', contactId: c.id },
            orderBy: { updatedAt: 'desc' },
            select: { key: true },
          })
        )?.key ?? `${personDestinationPrefix}${c.teamsAadObjectId}`)
      : undefined;
    const route = c.slackUserId
      ? { channel: 'SLACK' as const, destination: input.slackChannel ?? c.slackUserId, respondent: c.slackUserId }
      : teamsConversation && !input.slackChannel
        ? { channel: 'TEAMS' as const, destination: teamsConversation, respondent: c.teamsAadObjectId! }
        : undefined;
    if (!route) {
      reasons.push(`${c.name}: ${input.slackChannel ? 'no Slack identity' : 'no Slack or Teams identity'}`);
      continue;
    }
    const allowed = mayBeSurveyed(
      { optedOut: c.surveyOptOut, lastSurveyedAt: c.lastSurveyedAt },
      now,
      policy.minDaysBetween,
    );
    if (!allowed.ok) {
      reasons.push(`${c.name}: ${allowed.reason}`);
      continue;
    }
    const request = await prisma.$transaction(async (tx) => {
      // Claim the contact: a concurrent send sees the new lastSurveyedAt and stops.
      const claimed = await tx.contact.updateMany({
        where: {
          id: c.id,
          OR: [
            { lastSurveyedAt: null },
            { lastSurveyedAt: { lte: new Date(now.getTime() - policy.minDaysBetween * dayMs) } },
          ],
        },
        data: { lastSurveyedAt: now },
      });
      if (!claimed.count) return undefined;
      return tx.surveyRequest.create({
        data: {
          surveyKey: definition.key,
          accountId: input.accountId,
          contactId: c.id,
          channel: route.channel,
          destination: route.destination,
          respondent: route.respondent,
          definition: definition as unknown as Prisma.InputJsonValue,
          sentAt: now,
          expiresAt: new Date(now.getTime() + policy.expiryDays * dayMs),
          sentById: actor?.userId ?? null,
        },
        select: { id: true },
      });
    });
    if (!request) {
      reasons.push(`${c.name}: was just surveyed by someone else`);
      continue;
    }
    return {
      requestId: request.id,
      contact: { id: c.id, name: c.name },
      channel: route.channel,
      destination: route.destination,
      respondent: route.respondent,
      definition,
      previousSurveyedAt: c.lastSurveyedAt,
    };
  }
  throw new InputError(`No contact can be surveyed now: ${reasons.join('; ')}.`);
}

export interface SurveyAnswerResult {
  /** The answer is stored (new) or changed (updated); or the request no longer takes answers. */
  outcome: 'stored' | 'updated' | 'unchanged' | 'expired';
  feedbackItemId?: string;
  alarming: boolean;
  accountId: string;
  definition: SurveyDefinition;
}

/**
 * Stores a contact's score once, as a feedback item linked to account, contact and survey. A
 * repeated click or delivery changes nothing; a different score before expiry updates the answer.
 * Only the surveyed contact may answer (`respondent` is the chat identity the answer came from).
 */
export async function answerSurvey(
  prisma: PrismaClient,
  input: { requestId: string; respondent: string; score: number },
  now: Date,
): Promise<SurveyAnswerResult> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`survey:${input.requestId}`}))`;
    const request = await tx.surveyRequest.findUnique({ where: { id: input.requestId } });
    if (!request || request.respondent !== input.respondent)
      throw new InputError('This survey is not yours to answer.');
    const definition = await definitionOfRequest(tx, request);
    if (!Number.isInteger(input.score) || input.score < definition.scale.min || input.score > definition.scale.max)
      throw new InputError(`Answer with a score from ${definition.scale.min} to ${definition.scale.max}.`);
    const base = { accountId: request.accountId, definition };
    if (request.state === 'EXPIRED' || request.state === 'CANCELLED' || now > request.expiresAt)
      return { ...base, outcome: 'expired' as const, alarming: false };
    if (request.score === input.score && request.feedbackItemId)
      return { ...base, outcome: 'unchanged' as const, feedbackItemId: request.feedbackItemId, alarming: false };
    const item = await tx.feedbackItem.upsert({
      where: { externalId: `survey:${request.id}` },
      create: {
        externalId: `survey:${request.id}`,
        accountId: request.accountId,
        contactId: request.contactId,
        channel: request.channel.toLowerCase(),
        kind: 'SURVEY',
        surveyType: definition.kind === 'custom' ? definition.key : definition.kind,
        surveyId: request.id,
        score: input.score,
        receivedAt: now,
      },
      update: { score: input.score, receivedAt: now },
      select: { id: true },
    });
    await tx.surveyRequest.update({
      where: { id: request.id },
      data: { state: 'ANSWERED', answeredAt: now, score: input.score, feedbackItemId: item.id },
    });
    return {
      ...base,
      outcome: request.feedbackItemId ? ('updated' as const) : ('stored' as const),
      feedbackItemId: item.id,
      alarming: isAlarmingAnswer(definition, input.score),
    };
  });
}

/** The free-text follow-up, stored on the same feedback item with its sentiment. */
export async function commentOnSurvey(
  prisma: PrismaClient,
  input: { requestId: string; respondent: string; text: string },
  now: Date,
): Promise<{ feedbackItemId: string }> {
  const request = await prisma.surveyRequest.findUnique({ where: { id: input.requestId } });
  if (!request || request.respondent !== input.respondent) throw new InputError('This survey is not yours to answer.');
  if (!request.feedbackItemId) throw new InputError('Pick a score first.');
  if (now > request.expiresAt) throw new InputError('This survey has closed.');
  const text = input.text.trim().slice(0, 3000);
  const sentiment = text ? offlineSentiment(text) : undefined;
  await prisma.$transaction([
    prisma.feedbackItem.update({
      where: { id: request.feedbackItemId },
      data: { text: text || null, sentimentScore: sentiment?.score ?? null, sentimentLabel: sentiment?.label ?? null },
    }),
    prisma.surveyRequest.update({ where: { id: request.id }, data: { comment: text || null } }),
  ]);
  return { feedbackItemId: request.feedbackItemId };
}

/** How long after scoring a respondent's next message in the chat is taken as their comment. */
const commentByMessageMs = 24 * 3_600_000;

/**
 * The survey a respondent scored in the last day in this chat and has not commented on, when it asks
 * a follow-up: the next thing they write there is that comment (the thread-reply way to answer).
 */
export async function surveyAwaitingComment(
  prisma: PrismaClient,
  input: { respondent: string; channel: 'SLACK' | 'TEAMS' },
  now: Date,
): Promise<string | undefined> {
  const request = await prisma.surveyRequest.findFirst({
    where: {
      respondent: input.respondent,
      channel: input.channel,
      state: 'ANSWERED',
      comment: null,
      expiresAt: { gt: now },
      answeredAt: { gt: new Date(now.getTime() - commentByMessageMs), lte: now },
    },
    orderBy: { answeredAt: 'desc' },
    select: { id: true, surveyKey: true, definition: true },
  });
  if (!request) return undefined;
  return (await definitionOfRequest(prisma, request)).followUp ? request.id : undefined;
}

/**
 * The respondent asks not to be surveyed again: the contact is opted out (every later send,
 * scheduled or by hand, skips them) and this survey, if unanswered, is cancelled.
 */
export async function optOutOfSurveys(
  prisma: PrismaClient,
  input: { requestId: string; respondent: string },
): Promise<void> {
  const request = await prisma.surveyRequest.findUnique({ where: { id: input.requestId } });
  if (!request || request.respondent !== input.respondent) throw new InputError('This survey is not yours to answer.');
  await prisma.$transaction([
    prisma.contact.update({ where: { id: request.contactId }, data: { surveyOptOut: true } }),
    prisma.surveyRequest.updateMany({ where: { id: request.id, state: 'SENT' }, data: { state: 'CANCELLED' } }),
  ]);
}

/** Unanswered surveys past their expiry close; answered ones stop taking changes. */
export async function expireSurveys(prisma: PrismaClient, now: Date): Promise<number> {
  const closed = await prisma.surveyRequest.updateMany({
    where: { state: 'SENT', expiresAt: { lte: now } },
    data: { state: 'EXPIRED' },
  });
  return closed.count;
}
