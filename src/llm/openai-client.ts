import CircuitBreaker from 'opossum';
import OpenAI, { AzureOpenAI, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import { zodFunction, zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { LlmConfig } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { LlmError, type LlmClient, type LlmUsage } from './llm-client.js';
import { renderTemplate, type Prompt } from './prompt.js';

type RemoteLlmConfig = Exclude<LlmConfig, { provider: 'offline' }>;

/**
 * OpenAI, Azure OpenAI or any OpenAI-compatible server through the official SDK. The SDK retries
 * 408/409/429/5xx and connection errors with backoff (honouring Retry-After), all within one budget
 * of TEND_LLM_TIMEOUT_MS per call: a model that hangs costs that long once, not once per retry. A
 * circuit breaker stops calling a failing endpoint for 30 s so answers fall back at once.
 */
export function createOpenAiClient(config: RemoteLlmConfig, logger: Logger): LlmClient {
  const log = logger.child({ component: 'llm' });
  const client =
    config.provider === 'azure'
      ? new AzureOpenAI({
          endpoint: config.endpoint,
          apiKey: config.apiKey,
          deployment: config.deployment,
          apiVersion: config.apiVersion,
          timeout: config.timeoutMs,
          maxRetries: config.maxRetries,
        })
      : new OpenAI({
          apiKey: config.apiKey,
          ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
          timeout: config.timeoutMs,
          maxRetries: config.maxRetries,
        });
  const breaker = new CircuitBreaker(
    // The SDK's timeout is per attempt; the signal ends the whole call, retries and backoff included.
    (body: ChatCompletionCreateParamsNonStreaming) =>
      client.chat.completions.create(body, { signal: AbortSignal.timeout(config.timeoutMs) }),
    {
      timeout: false, // the SDK's own timeout applies
      volumeThreshold: 3,
      errorThresholdPercentage: 50,
      resetTimeout: 30_000,
      rollingCountTimeout: 60_000,
    },
  );
  breaker.on('open', () => log.warn('LLM endpoint failing; using offline wording for 30 s'));
  breaker.on('close', () => log.info('LLM endpoint answering again'));

  const modelFor = (prompt: Prompt) =>
    config.provider === 'azure' ? config.deployment : (config.model ?? prompt.config.model);

  async function call(prompt: Prompt, body: ChatCompletionCreateParamsNonStreaming): Promise<ChatCompletion> {
    const started = performance.now();
    try {
      const completion = (await breaker.fire(body)) as ChatCompletion;
      logCall(prompt, body.model, performance.now() - started, 'ok', {
        promptTokens: completion.usage?.prompt_tokens ?? 0,
        completionTokens: completion.usage?.completion_tokens ?? 0,
      });
      return completion;
    } catch (error) {
      const ms = performance.now() - started;
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        logCall(prompt, body.model, ms, 'circuit_open');
        throw new LlmError('circuit_open', 'the LLM endpoint is failing; not calling it for a while');
      }
      if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
        logCall(prompt, body.model, ms, 'timeout');
        throw new LlmError('timeout', `no answer within ${config.timeoutMs} ms`);
      }
      const status = (error as { status?: number }).status;
      logCall(prompt, body.model, ms, `error ${status ?? (error as Error).name}`);
      throw new LlmError('unavailable', `the LLM endpoint failed (${status ?? (error as Error).message})`);
    }
  }

  function logCall(prompt: Prompt, model: string, ms: number, outcome: string, usage?: LlmUsage) {
    const { input, output } = config.usdPerMillionTokens;
    const usd =
      usage && (input || output) ? (usage.promptTokens * input + usage.completionTokens * output) / 1e6 : undefined;
    log.info(
      {
        prompt: prompt.name,
        model,
        ms: Math.round(ms),
        outcome,
        ...usage,
        ...(usd === undefined ? {} : { usd: Number(usd.toFixed(6)) }),
      },
      'llm call',
    );
  }

  const messages = (prompt: Prompt, variables: Record<string, string>, corrections: string[] = []) => [
    { role: 'system' as const, content: prompt.system },
    { role: 'user' as const, content: renderTemplate(prompt.user, variables) },
    ...(corrections.length
      ? [
          {
            role: 'user' as const,
            content: `Your previous answer was rejected:\n${corrections.map((c) => `- ${c}`).join('\n')}\nAnswer again, using only the facts given.`,
          },
        ]
      : []),
  ];

  return {
    modelFor,
    async complete({ prompt, variables, schema, corrections }) {
      const completion = await call(prompt, {
        model: modelFor(prompt),
        temperature: prompt.config.temperature,
        max_completion_tokens: prompt.config.maxTokens,
        messages: messages(prompt, variables, corrections),
        response_format: zodResponseFormat(schema, prompt.name.replace(/[^a-zA-Z0-9_-]/g, '_')),
      });
      const content = completion.choices[0]?.message.content ?? '';
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch {
        throw new LlmError('malformed', 'the model did not answer in JSON');
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        throw new LlmError(
          'schema',
          `the answer does not match the expected shape: ${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.') || '(root)'} ${i.message}`)
            .join('; ')}`,
        );
      return {
        value: parsed.data,
        usage: {
          promptTokens: completion.usage?.prompt_tokens ?? 0,
          completionTokens: completion.usage?.completion_tokens ?? 0,
        },
      };
    },
    async chooseTool({ prompt, variables, tools }) {
      const completion = await call(prompt, {
        model: modelFor(prompt),
        temperature: prompt.config.temperature,
        max_completion_tokens: prompt.config.maxTokens,
        messages: messages(prompt, variables),
        tools: tools.map((t) => zodFunction({ name: t.name, description: t.description, parameters: t.parameters })),
        tool_choice: 'auto',
      });
      const toolCall = completion.choices[0]?.message.tool_calls?.find((c) => c.type === 'function');
      if (!toolCall || toolCall.type !== 'function') return undefined;
      const tool = tools.find((t) => t.name === toolCall.function.name);
      if (!tool) throw new LlmError('schema', `the model chose an unknown tool "${toolCall.function.name}"`);
      let args: unknown;
      try {
        args = JSON.parse(toolCall.function.arguments || '{}');
      } catch {
        throw new LlmError('malformed', 'the tool arguments are not JSON');
      }
      const parsed = tool.parameters.safeParse(args);
      if (!parsed.success) throw new LlmError('schema', `bad arguments for ${tool.name}`);
      return { name: tool.name, arguments: parsed.data as Record<string, unknown> };
    },
  };
}
