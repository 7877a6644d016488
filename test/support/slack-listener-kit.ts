import type { WebClient } from '@slack/web-api';
import type { SlackListenerContext } from '../../src/channels/slack/listeners/listener-context.js';
import type { ConversationDeps } from '../../src/conversation/handle-message.js';
import { createLogger } from '../../src/logging/logger.js';
import type { Actor } from '../../src/services/access/actor.js';

/** A Web API call a listener made, as the fake client recorded it. */
export interface Call {
  method: string;
  args: Record<string, unknown>;
}

/** A Slack client that records calls: enough for listeners tested alone. */
export function fakeClient(calls: Call[]): WebClient {
  const record = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    return { ok: true, ts: `${calls.length}.0` };
  };
  return {
    chat: {
      postMessage: record('chat.postMessage'),
      postEphemeral: record('chat.postEphemeral'),
      update: record('chat.update'),
    },
    views: { open: record('views.open'), publish: record('views.publish') },
  } as unknown as WebClient;
}

/**
 * A listener context whose database is out of reach: intents that need none (whoami, help) answer,
 * anything else fails the way a broken database would. `deliveries` says whether a delivery is new.
 */
export function listenerContext(actor: Partial<Actor> = {}, deliveries: boolean[] = []): SlackListenerContext {
  const prisma = {
    $executeRaw: async () => ((deliveries.shift() ?? true) ? 1 : 0),
    processedDelivery: { deleteMany: async () => ({ count: 1 }) },
    // Conversation subjects: nothing remembered, anything kept.
    conversationMemory: { findUnique: async () => null, upsert: async () => ({}) },
    account: {
      findMany: async () => {
        throw new Error('database unavailable');
      },
    },
  } as unknown as ConversationDeps['prisma'];
  return {
    conversation: { prisma, now: () => new Date('2026-12-01T09:00:00Z') },
    resolver: { resolve: async () => ({ role: 'csm', external: false, place: 'dm', ...actor }) },
    log: createLogger({ level: 'silent' }),
  };
}

/** Records what ack and respond were given. */
export function recorder() {
  const acks: unknown[] = [];
  const responses: Record<string, unknown>[] = [];
  return {
    acks,
    responses,
    ack: async (response?: unknown) => {
      acks.push(response);
    },
    respond: async (message: Record<string, unknown>) => {
      responses.push(message);
    },
  };
}

export const textOf = (message: Record<string, unknown>): string => JSON.stringify(message);
