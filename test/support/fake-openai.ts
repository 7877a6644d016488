import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../../src/config/config.js';
import type { LlmClient } from '../../src/llm/llm-client.js';
import { createOpenAiClient } from '../../src/llm/openai-client.js';
import type { Logger } from '../../src/logging/logger.js';

export interface FakeOpenAiRequest {
  model: string;
  messages: { role: string; content: string }[];
  tools?: { type: string; function: { name: string } }[];
  response_format?: { type: string };
  temperature?: number;
  max_completion_tokens?: number;
  /** Where it was sent, and the credential it carried. */
  path?: string;
  apiKey?: string;
}

type Responder = (request: FakeOpenAiRequest) => {
  status?: number;
  body: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
};

/** A completion answering with `content`, as the Chat Completions API does. */
export const answer = (content: string, usage = { prompt_tokens: 120, completion_tokens: 30 }) => ({
  body: {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1,
    model: 'fake',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  },
});

/** A completion calling one tool. */
export const toolCall = (name: string, args: unknown) => ({
  body: {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1,
    model: 'fake',
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } }],
        },
      },
    ],
    usage: { prompt_tokens: 300, completion_tokens: 12, total_tokens: 312 },
  },
});

/**
 * A local OpenAI-compatible server for tests: `POST /v1/chat/completions` answers with the next
 * queued responder (or the default), after an optional delay, and records every request.
 */
export async function startFakeOpenAi(defaultResponder: Responder = () => answer('{}')) {
  const requests: FakeOpenAiRequest[] = [];
  const queue: Responder[] = [];
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  // Any path ending in chat/completions: /v1/... for OpenAI, /openai/deployments/<name>/... for Azure.
  app.post(/\/chat\/completions$/, async (req, res) => {
    const request = {
      ...(req.body as FakeOpenAiRequest),
      path: req.originalUrl,
      apiKey: String(req.headers['api-key'] ?? req.headers.authorization ?? ''),
    };
    requests.push(request);
    const { status = 200, body, delayMs = 0, headers = {} } = (queue.shift() ?? defaultResponder)(request);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (res.destroyed) return;
    res.status(status).set(headers).json(body);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Responders for the next requests, in order. */
    enqueue: (...responders: Responder[]) => queue.push(...responders),
    /** Forgets responders no request took. */
    clearQueue: () => void queue.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeOpenAi = Awaited<ReturnType<typeof startFakeOpenAi>>;

/** Tend's real OpenAI client, configured as an administrator would, pointed at the fake server. */
export function clientFor(server: FakeOpenAi, logger: Logger, env: Record<string, string> = {}): LlmClient {
  const config = loadConfig(
    { TEND_LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl, ...env },
    { envFile: false },
  );
  if (config.llm.provider === 'offline') throw new Error('expected a remote provider');
  return createOpenAiClient(config.llm, logger);
}
