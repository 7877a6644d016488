import { nulFreeReviver } from '../../core/text/without-nul.js';
import teamsAi from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, TurnContext } from 'botbuilder';
import express, { type Express } from 'express';
import type { TeamsConfig } from '../../config/config.js';
import {
  handleCall,
  startTurn,
  type ConversationDeps,
  type Origin,
  type Turn,
} from '../../conversation/handle-message.js';
import { answersQuestion } from '../../conversation/intent-registry.js';
import { suggestedPrompts, workingStatus } from '../../conversation/suggested-prompts.js';
import { openTasksSection } from '../../conversation/home-reply.js';
import { answeredIntent, recordAnsweredMessage, recordAnswerFeedback } from '../../services/chat/answer-feedback.js';
import type { IntentCall } from '../../replies/reply.js';
import { replyMarkdownParts } from '../../replies/reply-markdown.js';
import { teamsContact } from '../../services/chat/conversation-references.js';
import type { Logger } from '../../logging/logger.js';
import type { AlertNotifier } from '../../services/alerts/alert-notifier.js';
import { formVerbs, renderExtrasCard, type CardSubmit } from './render-card.js';
import { storeConversation } from './store-conversation.js';
import { offerFile, uploadConsentedFile } from './teams-files.js';
import { resolveTeamsActor, teamsPlaceCache } from './teams-actor.js';
import { cardActivity, createTeamsAdapter, teamsNotifier } from './teams-notifier.js';
import { databaseUnavailableMessage, isDatabaseUnavailable } from '../../services/database-unavailable.js';

const { Application, StreamingResponse } = teamsAi;

export interface TeamsChannel {
  notifier: AlertNotifier;
}

type Form = NonNullable<CardSubmit['tend']['form']>;

/** The dialog (task module) a form button opens: log a note, set a success-plan goal, say why a step is skipped. */
function formDialog(form: Form) {
  if (form.kind === 'skip_reason') {
    const card = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        { type: 'TextBlock', weight: 'Bolder', wrap: true, text: `Skip: ${form.accountName}` },
        {
          type: 'Input.Text',
          id: 'reason',
          label: 'Why skip it?',
          isRequired: true,
          errorMessage: 'Say why, so the team knows.',
          maxLength: 500,
        },
      ],
      actions: [{ type: 'Action.Submit', title: 'Skip', data: { verb: formVerbs.submit, form } }],
    };
    return {
      title: 'Skip a step',
      card: CardFactory.adaptiveCard(card),
      height: 'small' as const,
      width: 'medium' as const,
    };
  }
  if (form.kind === 'survey_comment') {
    const card = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'Input.Text', id: 'text', label: form.accountName, isMultiline: true, maxLength: 3000 }],
      actions: [{ type: 'Action.Submit', title: 'Send', data: { verb: formVerbs.submit, form } }],
    };
    return {
      title: 'Your comment',
      card: CardFactory.adaptiveCard(card),
      height: 'small' as const,
      width: 'medium' as const,
    };
  }
  const inputs =
    form.kind === 'note'
      ? [
          {
            type: 'Input.Text',
            id: 'text',
            label: 'What happened?',
            isMultiline: true,
            isRequired: true,
            errorMessage: 'Write what happened.',
            maxLength: 3000,
          },
        ]
      : [
          { type: 'Input.Text', id: 'title', label: 'Goal', isRequired: true, errorMessage: 'Give the goal a title.' },
          {
            type: 'Input.Text',
            id: 'kpi',
            label: 'KPI',
            isRequired: true,
            errorMessage: 'Name the KPI that measures it.',
          },
          { type: 'Input.Text', id: 'baseline', label: 'Baseline' },
          { type: 'Input.Text', id: 'target', label: 'Target' },
          { type: 'Input.Date', id: 'dueDate', label: 'Due' },
        ];
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      {
        type: 'TextBlock',
        weight: 'Bolder',
        wrap: true,
        text: `${form.kind === 'note' ? 'Log a note on' : 'Set a goal for'} ${form.accountName}`,
      },
      ...inputs,
    ],
    actions: [{ type: 'Action.Submit', title: 'Save', data: { verb: formVerbs.submit, form } }],
  };
  return {
    title: form.kind === 'note' ? 'Log a note' : 'Set a goal',
    card: CardFactory.adaptiveCard(card),
    height: form.kind === 'note' ? ('small' as const) : ('medium' as const),
    width: 'medium' as const,
  };
}

/** What the person wrote in Teams' feedback form: `{"feedbackText": "..."}`, as a string or an object. */
function feedbackText(feedback: unknown): string | undefined {
  let value = feedback;
  if (typeof feedback === 'string') {
    try {
      value = JSON.parse(feedback);
    } catch {
      return feedback;
    }
  }
  const text = (value as { feedbackText?: unknown } | null)?.feedbackText;
  return typeof text === 'string' ? text : undefined;
}

/** The intent a dialog's fields amount to; the account travels by id, the survey request as the form's accountId. */
function callFromForm(value: Record<string, unknown>): IntentCall | undefined {
  const form = value.form as { kind?: string; accountId?: string; accountName?: string } | undefined;
  if (!form?.accountId) return undefined;
  const field = (k: string) => String(value[k] ?? '').trim();
  const optional = (k: string) => (field(k) ? { [k]: field(k) } : {});
  // A client's words are kept verbatim.
  if (form.kind === 'survey_comment')
    return { intent: 'survey_comment', args: { requestId: form.accountId, text: field('text') } };
  if (form.kind === 'note') return { intent: 'note', args: { account: form.accountId, text: field('text') } };
  if (form.kind === 'skip_reason')
    return { intent: 'task', args: { taskId: form.accountId, action: 'skip', reason: field('reason') } };
  if (form.kind === 'goal')
    return {
      intent: 'goal',
      args: {
        account: form.accountId,
        goal: {
          title: field('title'),
          kpi: field('kpi'),
          ...optional('baseline'),
          ...optional('target'),
          ...optional('dueDate'),
        },
      },
    };
  return undefined;
}

/**
 * The Teams bot on the Bot Framework adapter (teams-ai), at POST /api/messages on the shared server:
 * personal chat, group chats and channels (@mention), Adaptive Cards, card buttons, forms, and
 * proactive messages to stored conversation references.
 */
export function createTeamsChannel(deps: {
  config: TeamsConfig;
  expressApp: Express;
  conversation: ConversationDeps;
  defaultRole: 'viewer' | 'csm' | 'none';
  logger: Logger;
}): TeamsChannel {
  const { config, logger, conversation } = deps;
  const log = logger.child({ component: 'teams' });
  const adapter = createTeamsAdapter(config);
  adapter.onTurnError = async (context, error) => {
    const unavailable = isDatabaseUnavailable(error);
    if (unavailable) log.warn({ err: error }, 'Teams turn failed: the database is unavailable');
    else log.error({ err: error }, 'Teams turn failed');
    await context
      .sendActivity(unavailable ? databaseUnavailableMessage : 'Something went wrong on my side. Please try again.')
      .catch(() => {});
  };
  const app = new Application({ adapter });
  const prisma = conversation.prisma;
  const files = { adapter, appId: config.appId ?? '', prisma };

  /**
   * Keeps where Tend can post later: internal users' chats and channels (alerts), and the 1:1 chats
   * of client contacts (surveys), matched by their AAD object id.
   */
  async function remember(context: TurnContext, actor: { userId?: string; external: boolean }) {
    const personal = context.activity.conversation.conversationType === 'personal';
    if (actor.external) {
      const aad = context.activity.from.aadObjectId;
      const contact = personal && aad ? await teamsContact(prisma, aad) : undefined;
      if (contact)
        await storeConversation(prisma, context.activity, { contactId: contact.id, accountId: contact.accountId });
      return;
    }
    await storeConversation(prisma, context.activity, personal && actor.userId ? { userId: actor.userId } : {});
  }

  const places = teamsPlaceCache();
  const actorOf = (context: TurnContext) =>
    resolveTeamsActor(
      { prisma, allowedTenantIds: config.allowedTenantIds, defaultRole: deps.defaultRole, logger: log, places },
      context,
    );

  app.activity(ActivityTypes.Message, async (context) => {
    const actor = await actorOf(context);
    await remember(context, actor);
    const value = (context.activity.value ?? {}) as Partial<CardSubmit> & Record<string, unknown>;
    // A card button carries the intent it runs; typed text (and cards posted before calls) is read once.
    const call = value.tend?.call;
    const text =
      value.tend?.command ?? TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const origin = { channel: 'teams' as const, actor, conversationKey: context.activity.conversation.id };
    const turn = call
      ? { slow: false, reply: () => handleCall(conversation, call, origin) }
      : startTurn(conversation, text.trim());
    // In a 1:1 chat every typed question is answered as a stream (Teams' agent experience): a status
    // at once, then the answer, ending with its card and the feedback buttons. Elsewhere Teams cannot
    // stream, so a slow answer's progress message is replaced by the answer.
    // Client contacts answering a survey get plain replies.
    if (!call && !actor.external && context.activity.conversation.conversationType === 'personal') {
      const streamed = await streamAnswer(context, turn, origin, actor);
      await offerFile(files, context, actor, streamed.file);
      return;
    }
    const progress = turn.slow
      ? await context.sendActivity({ type: ActivityTypes.Typing }).then(() => context.sendActivity('Working on it…'))
      : undefined;
    const reply = await turn.reply(origin);
    if (progress?.id) await context.updateActivity({ ...cardActivity(reply), id: progress.id });
    else await context.sendActivity(cardActivity(reply));
    await offerFile(files, context, actor, reply.file);
  });

  // A file offered with a consent card (a QBR deck): Allow uploads it, Decline says so.
  app.fileConsentAccept(async (context, _state, response) => {
    await uploadConsentedFile(prisma, context, await actorOf(context), response);
  });
  app.fileConsentDecline(async (context) => {
    await context.sendActivity('No file then; ask me again whenever you want it.');
  });

  async function streamAnswer(
    context: TurnContext,
    turn: Turn,
    origin: Origin,
    actor: Awaited<ReturnType<typeof actorOf>>,
  ) {
    const stream = new StreamingResponse(context);
    const status = await workingStatus(conversation, actor, turn.slow).catch(() => 'is looking it up…');
    stream.queueInformativeUpdate(`Tend ${status}`);
    const reply = await turn.reply(origin);
    const [headline, ...rest] = replyMarkdownParts(reply);
    // A slow answer's headline goes out as soon as it is ready; Teams paces updates (about one a
    // second), so the rest follows as one chunk. A quick answer goes out whole.
    if (turn.slow && rest.length) {
      stream.queueTextChunk(headline!);
      await stream.waitForQueue();
      stream.queueTextChunk(rest.join(''));
    } else stream.queueTextChunk([headline, ...rest].join(''));
    const extras = renderExtrasCard(reply);
    if (extras) stream.setAttachments([CardFactory.adaptiveCard(extras)]);
    const rated = reply.tone !== 'error' && turn.ran !== undefined && answersQuestion(turn.ran);
    if (rated) {
      stream.setFeedbackLoop(true);
      stream.setFeedbackLoopType('default');
    }
    await stream.endStream();
    if (rated && stream.streamId)
      await recordAnsweredMessage(prisma, {
        conversationKey: context.activity.conversation.id,
        messageId: stream.streamId,
        intent: turn.ran!.intent,
      });
    return reply;
  }

  // Thumbs up or down under a streamed answer, with what the person wrote about it.
  app.feedbackLoop(async (context, _state, data) => {
    const actor = await actorOf(context);
    if (actor.external) return;
    const conversationKey = context.activity.conversation.id;
    const comment = feedbackText(data.actionValue.feedback);
    // The Agents Playground (and older clients) send feedback without the message it is about: keep
    // the vote, about an answer Tend cannot name, rather than fail the person's click.
    const replyTo = (data.replyToId as string | undefined) ?? context.activity.replyToId;
    await recordAnswerFeedback(prisma, {
      intent: replyTo ? await answeredIntent(prisma, conversationKey, replyTo) : 'unknown',
      helpful: data.actionValue.reaction === 'like',
      voter: context.activity.from.aadObjectId ?? context.activity.from.id,
      channel: conversationKey,
      messageTs: replyTo ?? `unknown:${context.activity.id ?? Date.now()}`,
      ...(comment ? { comment } : {}),
    });
  });

  app.taskModules.fetch(formVerbs.open, async (context, _state, data: { form?: Form }) => {
    const actor = await actorOf(context);
    if (!data.form || (actor.external && data.form.kind !== 'survey_comment'))
      return 'Tend answers questions from the account team only.';
    return formDialog(data.form);
  });

  // The dialog's Save: the same intent as typing "note Acme: ...", with its checks; the answer
  // goes to the conversation and the dialog closes.
  app.taskModules.submit(formVerbs.submit, async (context, _state, data: Record<string, unknown>) => {
    const actor = await actorOf(context);
    const call = callFromForm(data);
    if (!call) return 'This form has expired; open it again.';
    const reply = await handleCall(conversation, call, { channel: 'teams', actor, source: 'form' });
    await context.sendActivity(cardActivity(reply));
    return null;
  });

  /**
   * The welcome: who Tend is, and up to three prompts from the person's own book as suggested
   * actions (Teams shows three); pressing one sends its question as the person's message.
   */
  async function greet(context: TurnContext) {
    const actor = await actorOf(context);
    await remember(context, actor);
    if (actor.external) return;
    const prompts = actor.role === 'none' ? [] : (await suggestedPrompts(conversation, actor)).slice(0, 3);
    // Tasks are the person's own: listed in their 1:1 chat only, never where others read.
    const tasks =
      context.activity.conversation.conversationType === 'personal'
        ? await openTasksSection(conversation, actor)
        : undefined;
    await context.sendActivity({
      ...cardActivity({
        headline: 'Hi, I am Tend. Ask me how an account is doing, why it moved, or what renews soon.',
        tone: 'info',
        ...(tasks ? { sections: [tasks] } : {}),
      }),
      ...(prompts.length
        ? {
            suggestedActions: {
              to: [context.activity.from.id],
              actions: prompts.map((p) => ({ type: 'imBack', title: p.title, value: p.message })),
            },
          }
        : {}),
    });
  }

  // Teams sends both events when Tend is added; each scope is greeted once: a person's 1:1 chat on
  // the installation, a team or group chat when Tend joins it.
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = (context.activity as { action?: string }).action;
    if (context.activity.conversation.conversationType === 'personal' && action?.startsWith('add'))
      await greet(context);
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botJoined = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
    if (!botJoined) return;
    if (context.activity.conversation.conversationType === 'personal') {
      await remember(context, await actorOf(context));
      return;
    }
    await greet(context);
  });

  deps.expressApp.post('/api/messages', express.json({ limit: '1mb', reviver: nulFreeReviver }), async (req, res) => {
    // Without an app id the Bot Framework does not check tokens; that is allowed only when asked for.
    if (!config.appId && !config.allowUnauthenticated) {
      res.status(401).json({ error: 'Teams is not configured' });
      return;
    }
    await adapter.process(req, res as never, (context) => app.run(context).then(() => undefined));
  });

  const notifier = teamsNotifier({ adapter, prisma, config });
  return { notifier };
}
