import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { answer, clientFor, startFakeOpenAi, toolCall, type FakeOpenAi } from '../support/fake-openai.js';
import { formatScore, loadRoutingSet, scoreRouting } from './score-routing.js';

// Routing evals on every CI run: the recorded tool choices replayed through the real openai client
// (a local fake server answers each question with what the model chose), and the rules alone.
const set = loadRoutingSet();

describe('question routing evals', () => {
  let server: FakeOpenAi;
  beforeAll(async () => {
    server = await startFakeOpenAi((request) => {
      const asked = request.messages.map((m) => m.content).join('\n');
      const c = set.cases.find((x) => asked.includes(x.question));
      return c?.recorded ? toolCall(c.recorded.name, c.recorded.arguments) : answer('I am not sure.');
    });
  });
  afterAll(async () => server.close());

  it(`routes at least ${set.threshold.model * 100} % right with the recorded model choices`, async () => {
    const logger = createLogger({ level: 'silent' });
    const score = await scoreRouting(set.cases, clientFor(server, logger), logger);
    console.log(formatScore('routing with the model', score));
    expect(score.rate).toBeGreaterThanOrEqual(set.threshold.model);
    // The recorded miss stays a miss: a wrong tool choice is not papered over.
    expect(score.results.find((r) => r.question.startsWith('who should I call at Vandelay'))!.ok).toBe(false);
  });

  it(`routes at least ${set.threshold.offline * 100} % right offline (rules, then the classifier)`, async () => {
    const score = await scoreRouting(set.cases, undefined);
    console.log(formatScore('routing offline (rules, then the classifier)', score));
    expect(score.rate).toBeGreaterThanOrEqual(set.threshold.offline);
  });
});
