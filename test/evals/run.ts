// Evals against a real model (not part of npm test): question routing, and how often feedback
// summaries and QBR drafts pass the grounding check on the demo portfolio. Needs an endpoint:
//   TEND_LLM_PROVIDER=openai OPENAI_API_KEY=sk-... npm run eval
//   TEND_LLM_PROVIDER=openai OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.1 npm run eval
// `npm run eval -- --record` also writes the model's tool choices into route-questions.json, where
// CI replays them (test/evals/routing.eval.test.ts).
import { loadConfig } from '../../src/config/config.js';
import { chooseToolFor } from '../../src/conversation/understand.js';
import { lastCompletedQuarter } from '../../src/core/qbr/quarter.js';
import { createOpenAiClient } from '../../src/llm/openai-client.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { summariseCustomerFeedback } from '../../src/services/feedback/summarise-feedback.js';
import { draftQbr } from '../../src/services/qbr/draft-qbr.js';
import { createTestDatabase } from '../support/test-database.js';
import { formatScore, loadRoutingSet, saveRoutingSet, scoreRouting } from './score-routing.js';
import { saveQuestionRecording } from './question-recording.js';
import { loadQuestions } from './score-questions.js';
import { testNow } from '../support/test-clock.js';

const config = loadConfig();
if (config.llm.provider === 'offline') {
  console.log('No LLM configured (TEND_LLM_PROVIDER=offline): nothing to evaluate.');
  process.exit(0);
}
const logger = createLogger({ level: 'warn' });
const llm = createOpenAiClient(config.llm, logger);

const set = loadRoutingSet();
const score = await scoreRouting(set.cases, llm, logger);
console.log(formatScore('routing', score));
if (score.rate < set.threshold.model)
  console.log(`below the pass threshold of ${Math.round(set.threshold.model * 100)} %`);
if (process.argv.includes('--record')) {
  for (const c of set.cases) c.recorded = (await chooseToolFor(c.question, llm)) ?? null;
  saveRoutingSet(set);
  console.log('recorded the tool choices in test/evals/route-questions.json');
  const choices: Record<string, { name: string; arguments: Record<string, unknown> } | null> = {};
  for (const q of loadQuestions()) choices[q.question] = (await chooseToolFor(q.question, llm)) ?? null;
  saveQuestionRecording({
    model:
      'model' in config.llm && config.llm.model
        ? config.llm.model
        : `${config.llm.provider} (the prompt's default model)`,
    recordedAt: new Date().toISOString(),
    choices,
  });
  console.log(`recorded ${Object.keys(choices).length} tool choices in test/evals/questions.recorded.json`);
}

const db = await createTestDatabase('pglite');
try {
  const now = testNow;
  await seedDemoPortfolio(db.prisma, { seed: 42, today: now, accounts: 30 });
  const accounts = await db.prisma.account.findMany({ where: { status: 'ACTIVE' }, take: 8 });
  let summaries = 0;
  let drafts = 0;
  for (const a of accounts) {
    const s = await summariseCustomerFeedback(
      { prisma: db.prisma, llm, logger },
      { label: a.name, accountId: a.id },
      { days: 180, now },
    );
    if (s.wording.source.kind === 'model') summaries++;
    const d = await draftQbr(
      { prisma: db.prisma, llm, logger },
      { role: 'admin', external: false, place: 'dm' },
      { accountId: a.id, quarter: lastCompletedQuarter(now) },
      now,
    );
    if (d.source.kind === 'model') drafts++;
    console.log(`${a.name}: summary ${s.wording.note}; QBR ${d.note}`);
  }
  console.log(
    `grounded model wording: summaries ${summaries}/${accounts.length}, QBR drafts ${drafts}/${accounts.length}`,
  );
} finally {
  await db.close();
}
