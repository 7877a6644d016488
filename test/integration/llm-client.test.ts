import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config/config.js';
import { understand } from '../../src/conversation/understand.js';
import { LlmError } from '../../src/llm/llm-client.js';
import { createOpenAiClient } from '../../src/llm/openai-client.js';
import type { Prompt } from '../../src/llm/prompt.js';
import { createLogger } from '../../src/logging/logger.js';
import { answer, startFakeOpenAi, toolCall, type FakeOpenAi } from '../support/fake-openai.js';

// The real `openai` client against a local OpenAI-compatible server.
describe('OpenAI-compatible client', () => {
  let server: FakeOpenAi;
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info' });
  logger.info = ((obj: Record<string, unknown>) => void logLines.push(obj)) as typeof logger.info;
  const prompt: Prompt = {
    name: 'test-prompt',
    system: 'You word facts.',
    user: 'Facts: {{facts}}',
    config: { description: 't', model: 'gpt-test', temperature: 0.2, maxTokens: 300 },
  };
  const schema = z.object({ headline: z.string(), score: z.number() });
  const client = (extra: Record<string, string> = {}) => {
    const config = loadConfig(
      {
        TEND_LLM_PROVIDER: 'openai',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: server.baseUrl,
        TEND_LLM_TIMEOUT_MS: '1000',
        TEND_LLM_MAX_RETRIES: '1',
        TEND_LLM_USD_PER_MILLION_INPUT_TOKENS: '0.15',
        TEND_LLM_USD_PER_MILLION_OUTPUT_TOKENS: '0.6',
        ...extra,
      },
      { envFile: false },
    );
    if (config.llm.provider === 'offline') throw new Error('expected a remote provider');
    return createOpenAiClient(config.llm, logger);
  };

  beforeAll(async () => {
    server = await startFakeOpenAi();
  });
  afterAll(async () => server.close());

  it('returns a schema-checked answer, sends the prompt settings, and logs tokens and cost', async () => {
    server.enqueue(() => answer(JSON.stringify({ headline: 'Acme is steady', score: 71 })));
    const { value, usage } = await client().complete({ prompt, variables: { facts: '{"score":71}' }, schema });
    expect(value).toEqual({ headline: 'Acme is steady', score: 71 });
    expect(usage).toEqual({ promptTokens: 120, completionTokens: 30 });
    const sent = server.requests.at(-1)!;
    expect(sent).toMatchObject({ model: 'gpt-test', temperature: 0.2, max_completion_tokens: 300 });
    expect(sent.response_format?.type).toBe('json_schema');
    expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(sent.messages[1]!.content).toBe('Facts: {"score":71}');
    expect(logLines.at(-1)).toMatchObject({
      prompt: 'test-prompt',
      model: 'gpt-test',
      outcome: 'ok',
      promptTokens: 120,
      completionTokens: 30,
      usd: 0.000036,
    });
  });

  it('uses OPENAI_MODEL over the prompt model (for Ollama, vLLM ...)', async () => {
    server.enqueue(() => answer(JSON.stringify({ headline: 'x', score: 1 })));
    await client({ OPENAI_MODEL: 'llama3.1' }).complete({ prompt, variables: { facts: '' }, schema });
    expect(server.requests.at(-1)!.model).toBe('llama3.1');
  });

  it('speaks Azure OpenAI: deployment path, api-version and api-key header', async () => {
    const config = loadConfig(
      {
        TEND_LLM_PROVIDER: 'azure',
        AZURE_OPENAI_ENDPOINT: `${server.origin}/`,
        AZURE_OPENAI_API_KEY: 'azure-key',
        AZURE_OPENAI_DEPLOYMENT: 'tend-gpt',
      },
      { envFile: false },
    );
    if (config.llm.provider !== 'azure') throw new Error('expected azure');
    server.enqueue(() => answer(JSON.stringify({ headline: 'x', score: 3 })));
    const azure = createOpenAiClient(config.llm, logger);
    expect(azure.modelFor(prompt)).toBe('tend-gpt');
    await azure.complete({ prompt, variables: { facts: '' }, schema });
    const sent = server.requests.at(-1)!;
    expect(sent.path).toBe('/openai/deployments/tend-gpt/chat/completions?api-version=2024-10-21');
    expect(sent.apiKey).toBe('azure-key');
  });

  it('rejects malformed JSON and answers of the wrong shape', async () => {
    server.enqueue(() => answer('Sure! Here is your summary: Acme is fine.'));
    await expect(client().complete({ prompt, variables: { facts: '' }, schema })).rejects.toMatchObject({
      kind: 'malformed',
    });
    server.enqueue(() => answer(JSON.stringify({ headline: 'x', score: 'high' })));
    await expect(client().complete({ prompt, variables: { facts: '' }, schema })).rejects.toMatchObject({
      kind: 'schema',
    });
  });

  it('retries after a 429 and then succeeds', async () => {
    const before = server.requests.length;
    server.enqueue(
      () => ({ status: 429, body: { error: { message: 'rate limited' } }, headers: { 'retry-after-ms': '50' } }),
      () => answer(JSON.stringify({ headline: 'ok', score: 2 })),
    );
    const { value } = await client().complete({ prompt, variables: { facts: '' }, schema });
    expect(value.score).toBe(2);
    expect(server.requests.length - before).toBe(2);
  });

  it('gives up after the timeout with a timeout error', async () => {
    server.enqueue(
      () => ({ ...answer('{}'), delayMs: 1500 }),
      () => ({ ...answer('{}'), delayMs: 1500 }),
    );
    const started = Date.now();
    const error = await client({ TEND_LLM_MAX_RETRIES: '0' })
      .complete({ prompt, variables: { facts: '' }, schema })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1400);
    // A responder no request took would answer the next test's first call late.
    server.clearQueue();
  });

  it('routes plain questions through tool calling, and falls back to the parser when the model fails', async () => {
    const llm = client();
    server.enqueue(() => toolCall('list_renewals', { days: 60, mine: true, at_risk_only: null }));
    expect(await understand('anything coming up for renewal in my book over the next two months?', llm)).toEqual({
      via: 'model',
      intent: { kind: 'renewals', days: 60, mine: true },
    });
    const sent = server.requests.at(-1)!;
    expect(sent.tools?.map((t) => t.function.name)).toContain('account_health');
    expect(sent.tools?.map((t) => t.function.name)).not.toContain('note');

    server.enqueue(() => toolCall('account_health', { account: 'Acme' }));
    expect((await understand('how are things with acme these days', llm)).intent).toEqual({
      kind: 'health',
      account: 'Acme',
    });

    // Commands never reach the model.
    const count = server.requests.length;
    expect((await understand('/tend why Globex', llm)).via).toBe('parser');
    expect(server.requests.length).toBe(count);

    server.enqueue(
      () => ({ status: 500, body: { error: { message: 'boom' } } }),
      () => ({ status: 500, body: { error: { message: 'boom' } } }),
    );
    expect(await understand("how's Acme doing?", llm)).toEqual({
      via: 'parser',
      intent: { kind: 'health', account: 'Acme' },
    });
    server.enqueue(() => toolCall('delete_everything', {}));
    expect((await understand('why did Globex drop?', llm)).via).toBe('parser');
  });

  it('sends a plain question to the model without its emails and phone numbers', async () => {
    const llm = client();
    server.enqueue(() => toolCall('account_contacts', { account: 'Acme' }));
    await understand('who at Acme is jane.doe@acme.example, the one who called from +1 415 555 0199?', llm);
    const sent = JSON.stringify(server.requests.at(-1)!.messages);
    expect(sent).toContain('[email]');
    expect(sent).toContain('[phone]');
    expect(sent).not.toMatch(/jane\.doe|555 0199/);
  });
});
