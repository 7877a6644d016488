import { randomUUID } from 'node:crypto';
import type { ConversationDeps } from '../../../conversation/handle-message.js';
import type { Logger } from '../../../logging/logger.js';
import type { Reply } from '../../../replies/reply.js';
import type { Actor } from '../../../services/access/actor.js';
import { databaseUnavailableMessage, isDatabaseUnavailable } from '../../../services/database-unavailable.js';
import { renderBlocks } from '../render-blocks.js';
import type { SlackActorResolver } from '../slack-actor.js';

/** What every Slack listener needs: the conversation core, who is speaking, and a log. */
export interface SlackListenerContext {
  conversation: ConversationDeps;
  resolver: SlackActorResolver;
  log: Logger;
}

export type Rendered = ReturnType<typeof renderBlocks>;

/**
 * Logs an unexpected failure and tells the person with a reference they can quote; a database that
 * cannot be reached is said as such, with when to try again.
 */
export function failed(context: SlackListenerContext, error: unknown, what: string): Rendered {
  if (isDatabaseUnavailable(error)) {
    context.log.warn({ err: error }, `Slack ${what}: the database is unavailable`);
    return renderBlocks({ headline: databaseUnavailableMessage, tone: 'error' });
  }
  const reference = randomUUID().slice(0, 8);
  context.log.error({ err: error, reference }, `Slack ${what} failed`);
  return renderBlocks({
    headline: `Something went wrong on my side (reference ${reference}). Please try again; if it keeps happening, give your Tend admin the reference.`,
    tone: 'error',
  });
}

/** Answers others can see in a channel can be shared; refusals and errors stay private. */
export const shareable = (reply: Reply, actor: Actor): boolean =>
  actor.place === 'channel' && reply.tone !== 'error' && !reply.headline.startsWith('I did not understand');

export const workingOnIt = ':hourglass_flowing_sand: Working on it…';
