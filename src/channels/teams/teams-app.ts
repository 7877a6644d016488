import teamsAi from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, TurnContext } from 'botbuilder';
import express, { type Express } from 'express';
import type { TeamsConfig } from '../../config/config.js';
import { handleCall, startTurn, type ConversationDeps } from '../../conversation/handle-message.js';
import { workingStatus } from '../../conversation/suggested-prompts.js';
import type { IntentCall } from '../../replies/reply.js';
import { replyMarkdownParts } from '../../replies/reply-markdown.js';
import { teamsContact } from '../../services/chat/conversation-references.js';
import type { Logger } from '../../logging/logger.js';
import type { AlertNotifier } from '../../services/alerts/alert-notifier.js';
import { formVerbs, renderCard, type CardSubmit } from './render-card.js';
import { storeConversation } from './store-conversation.js';
import { resolveTeamsActor } from './teams-actor.js';
import { cardActivity, createTeamsAdapter, teamsNotifier } from './teams-notifier.js';

const { Application, StreamingResponse } = teamsAi;

export interface TeamsChannel {
  notifier: AlertNotifier;
}

type Form = NonNullable<CardSubmit['tend']['form']>;

/** The dialog (task module) a form button opens: log a note, or set a success-plan goal. */
function formDialog(form: Form) {
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
    log.error({ err: error }, 'Teams turn failed');
    await context.sendActivity('Something went wrong on my side. Please try again.').catch(() => {});
  };
  const app = new Application({ adapter });
  const prisma = conversation.prisma;

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

  const actorOf = (context: TurnContext) =>
    resolveTeamsActor(
      { prisma, ...(config.tenantId ? { tenantId: config.tenantId } : {}), defaultRole: deps.defaultRole, logger: log },
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
    // In a 1:1 chat, slow answers stream: a status first, then the answer part by part, ending with
    // its card. Elsewhere Teams cannot stream, so a progress message is replaced by the answer.
    if (turn.slow && context.activity.conversation.conversationType === 'personal') {
      const stream = new StreamingResponse(context);
      stream.queueInformativeUpdate(await workingStatus(conversation, actor, true).then((s) => `Tend ${s}`));
      const reply = await turn.reply(origin);
      // The headline goes out first; Teams paces updates, so the rest follows as one chunk.
      const [headline, ...rest] = replyMarkdownParts(reply);
      stream.queueTextChunk(headline!);
      await stream.waitForQueue();
      if (rest.length) stream.queueTextChunk(rest.join(''));
      stream.setAttachments([CardFactory.adaptiveCard(renderCard(reply))]);
      await stream.endStream();
      return;
    }
    const progress = turn.slow
      ? await context.sendActivity({ type: ActivityTypes.Typing }).then(() => context.sendActivity('Working on it…'))
      : undefined;
    const reply = await turn.reply(origin);
    if (progress?.id) await context.updateActivity({ ...cardActivity(reply), id: progress.id });
    else await context.sendActivity(cardActivity(reply));
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

  app.conversationUpdate('membersAdded', async (context) => {
    const botJoined = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
    if (!botJoined) return;
    const actor = await actorOf(context);
    await remember(context, actor);
    if (actor.external) return;
    await context.sendActivity(
      cardActivity({
        headline: 'Hi, I am Tend. Ask me about your accounts.',
        tone: 'info',
        suggestions: ['how is Acme doing?', 'at-risk', 'renewals 60'],
      }),
    );
  });

  deps.expressApp.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
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
