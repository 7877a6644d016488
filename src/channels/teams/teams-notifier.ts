import teamsAi from '@microsoft/teams-ai';
import {
  ActivityTypes,
  CardFactory,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { TeamsConfig } from '../../config/config.js';
import type { Reply } from '../../replies/reply.js';
import { teamsConversation } from '../../services/chat/conversation-references.js';
import type { Database } from '../../services/database.js';
import {
  personDestinationPrefix,
  SharedConversationError,
  UndeliverableError,
  type AlertNotifier,
} from '../../services/alerts/alert-notifier.js';
import { isPersonalChat, rosterHasOutsiders } from './teams-roster.js';
import { renderCard } from './render-card.js';
import { openPersonalChat } from './teams-personal-chat.js';

const { TeamsAdapter } = teamsAi;

/**
 * An answer as one card. The headline is the card's first line and the notification's preview
 * (`summary`), not a second text beside the card: Teams showed every answer twice.
 */
export const cardActivity = (reply: Reply): Partial<Activity> => ({
  type: ActivityTypes.Message,
  summary: reply.headline,
  attachments: [CardFactory.adaptiveCard(renderCard(reply))],
});

/** The Bot Framework adapter with Tend's app credentials: it takes activities in and posts out. */
export function createTeamsAdapter(config: TeamsConfig) {
  return new TeamsAdapter({
    ...(config.appId ? { MicrosoftAppId: config.appId } : {}),
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    // Without an app id (local testing) there are no credentials, so no tenant kind either.
    ...(config.appId ? { MicrosoftAppType: config.appType } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  });
}

/**
 * Posts and updates Tend's messages in Teams conversations it has stored (proactive messages). It
 * needs no incoming traffic, so the CLI can post as well as the server.
 */
export function teamsNotifier(deps: { adapter: CloudAdapter; prisma: Database; config: TeamsConfig }): AlertNotifier {
  const { adapter, prisma, config } = deps;
  const appId = config.appId ?? '';
  /**
   * Internal content (anything not addressed to one client contact) goes only where everyone is on
   * the account team: the roster of a group chat or channel is read before every post and update.
   */
  async function ensureInternal(context: TurnContext, reply: Reply) {
    const conversation = context.activity.conversation;
    if (reply.addressee !== undefined || isPersonalChat(conversation)) return;
    let outsiders: boolean;
    try {
      outsiders = await rosterHasOutsiders({ prisma, allowedTenantIds: config.allowedTenantIds }, context);
    } catch (error) {
      throw new UndeliverableError(
        `Tend cannot read who is in Teams conversation ${conversation.id} (${String(error)}), so it posts no account data there`,
      );
    }
    if (outsiders) throw new SharedConversationError(conversation.id, conversation.name);
  }
  /** Runs `work` in a stored conversation once `ensureInternal` allows the reply there. */
  async function continueInternal(stored: object, reply: Reply, work: (context: TurnContext) => Promise<void>) {
    // The adapter's turn-error handler would swallow a refusal thrown inside the turn; carry it out.
    let refused: Error | undefined;
    await adapter.continueConversationAsync(appId, stored as Partial<ConversationReference>, async (context) => {
      refused = await ensureInternal(context, reply).then(
        () => undefined,
        (error: Error) => error,
      );
      if (!refused) await work(context);
    });
    if (refused) throw refused;
  }
  return {
    channel: 'TEAMS',
    async send(target, reply) {
      // A person without a known chat gets one opened, when Teams allows it.
      const destination = target.startsWith(personDestinationPrefix)
        ? await openPersonalChat(
            { adapter, prisma, appId, ...(config.tenantId ? { tenantId: config.tenantId } : {}) },
            target.slice(personDestinationPrefix.length),
          )
        : target;
      const stored = await teamsConversation(prisma, destination);
      if (!stored)
        throw new Error(`no stored Teams conversation ${destination}; the bot must be installed there first`);
      let ref = '';
      await continueInternal(stored, reply, async (context) => {
        ref = (await context.sendActivity(cardActivity(reply)))?.id ?? '';
      });
      return { conversation: destination, ref };
    },
    async update(conversationId, ref, reply) {
      const stored = await teamsConversation(prisma, conversationId);
      if (!stored) return;
      await continueInternal(stored, reply, async (context) => {
        await context.updateActivity({ ...cardActivity(reply), id: ref });
      });
    },
  };
}
