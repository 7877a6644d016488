import type { Config } from '../config/config.js';
import type { ConversationDeps } from '../conversation/handle-message.js';
import type { PrismaClient } from '../db/client.js';
import { createOpenAiClient } from '../llm/openai-client.js';
import type { Logger } from '../logging/logger.js';

/** What every conversation surface (Slack, Teams, terminal) answers with. */
export function createConversationDeps(
  prisma: PrismaClient,
  config: Pick<Config, 'llm'> & Partial<Pick<Config, 'scheduleTimeZone'>>,
  logger: Logger,
  clock: { now(): Date } = { now: () => new Date() },
): ConversationDeps {
  const llm = config.llm.provider === 'offline' ? undefined : createOpenAiClient(config.llm, logger);
  return {
    prisma,
    now: () => clock.now(),
    ...(config.scheduleTimeZone ? { timeZone: config.scheduleTimeZone } : {}),
    ...(llm ? { llm } : {}),
    redactPii: config.llm.provider === 'offline' ? true : config.llm.redactPii,
    logger,
    logError: (error, context) => logger.error({ err: error, ...context }, 'answering a message failed'),
  };
}
