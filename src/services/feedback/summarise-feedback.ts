import { accountWhere } from './feedback-scope.js';
import { summariseFeedback, type FeedbackFact, type FeedbackSummary } from '../../core/feedback/summarise-feedback.js';
import type { PrismaClient } from '../../db/client.js';
import { wordWithModel, type Wording } from '../../llm/grounded-wording.js';
import type { LlmClient } from '../../llm/llm-client.js';
import { loadPrompt } from '../../llm/prompt.js';
import { untrustedBlock, untrustedForModel } from '../../llm/untrusted-text.js';
import type { Logger } from '../../logging/logger.js';
import { feedbackWordingSchema, type FeedbackWording } from '../../../prompts/summarise-feedback/schema.js';
import { loadThemeTaxonomy } from './feedback-themes.js';

export interface FeedbackSummaryDeps {
  prisma: PrismaClient;
  llm?: LlmClient;
  logger?: Logger;
  /** Replace emails and phone numbers before comments go to a model (default true). */
  redactPii?: boolean;
}

export interface FeedbackScope {
  label: string;
  accountId?: string;
  segment?: string;
  region?: string;
}

const dayMs = 86_400_000;
const maxCommentsForModel = 60;

async function facts(prisma: PrismaClient, scope: FeedbackScope, from: Date, to: Date): Promise<FeedbackFact[]> {
  const rows = await prisma.feedbackItem.findMany({
    where: {
      receivedAt: { gt: from, lte: to },
      ...(scope.accountId ? { accountId: scope.accountId } : {}),
      ...accountWhere(scope),
    },
    orderBy: { receivedAt: 'desc' },
    select: {
      id: true,
      text: true,
      sentimentScore: true,
      surveyType: true,
      score: true,
      receivedAt: true,
      contact: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    sentiment: r.sentimentScore,
    surveyType: r.surveyType,
    score: r.score,
    receivedAt: r.receivedAt.toISOString().slice(0, 10),
    contact: r.contact?.name ?? null,
  }));
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

/** The deterministic overview: what the template says when no model words it. */
export function templateWording(summary: FeedbackSummary, scope: string): FeedbackWording {
  if (summary.comments === 0)
    return { overview: `No customer comments for ${scope} in the last ${summary.period.days} days.`, highlights: [] };
  const change =
    summary.sentimentChange === null
      ? ''
      : `, ${summary.sentimentChange === 0 ? 'unchanged' : `${summary.sentimentChange > 0 ? 'up' : 'down'} ${Math.abs(summary.sentimentChange)}`} from the previous ${summary.period.days} days`;
  const top = summary.themes
    .slice(0, 3)
    .map((t) => `${t.label} (${t.comments}, ${t.mood})`)
    .join(', ');
  return {
    overview:
      `${summary.comments} comments from ${scope} in the last ${summary.period.days} days averaged ${signed(summary.sentiment!)} (${summary.sentimentLabel})${change}.` +
      (top ? ` Most discussed: ${top}.` : ''),
    highlights: summary.themes
      .filter((t) => t.mood === 'negative')
      .slice(0, 2)
      .map((t) => `${t.label} leans negative (${signed(t.sentiment)} over ${t.comments} comments).`),
  };
}

/** The core's summary of the `days` before `now` (and the comments it drew on), without wording. */
export async function loadFeedbackSummary(
  prisma: PrismaClient,
  scope: FeedbackScope,
  options: { days: number; now: Date },
): Promise<{ summary: FeedbackSummary; current: FeedbackFact[] }> {
  const to = options.now;
  const from = new Date(to.getTime() - options.days * dayMs);
  const before = new Date(from.getTime() - options.days * dayMs);
  const [current, previous, taxonomy] = await Promise.all([
    facts(prisma, scope, from, to),
    facts(prisma, scope, before, from),
    loadThemeTaxonomy(prisma),
  ]);
  const summary = summariseFeedback(current, previous, taxonomy, {
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    days: options.days,
  });
  return { summary, current };
}

/** What customers said about an account or segment over `days`, summarised by the core and worded. */
export async function summariseCustomerFeedback(
  deps: FeedbackSummaryDeps,
  scope: FeedbackScope,
  options: { days: number; now: Date },
): Promise<{ summary: FeedbackSummary; wording: Wording<FeedbackWording> }> {
  const { summary, current } = await loadFeedbackSummary(deps.prisma, scope, options);
  const commentTexts = current.filter((c) => c.text).slice(0, maxCommentsForModel);
  const sent = commentTexts.map((c) => untrustedForModel(c.text!, { redactPii: deps.redactPii !== false }));
  // The fact sheet carries no comment text: comments travel only inside the delimited data block.
  const factSheet = { ...summary, quotes: summary.quotes.map(({ text: _text, ...q }) => q) };
  const wording = await wordWithModel(
    { ...(deps.llm ? { llm: deps.llm } : {}), db: deps.prisma, ...(deps.logger ? { logger: deps.logger } : {}) },
    {
      prompt: loadPrompt('summarise-feedback'),
      variables: {
        scope: scope.label,
        facts: JSON.stringify(factSheet, null, 1),
        comments: untrustedBlock(sent),
      },
      schema: feedbackWordingSchema,
      facts: factSheet,
      sources: [...sent, ...commentTexts.map((c) => c.text!)],
      textOf: (w) => [w.overview, ...w.highlights].join('\n'),
      template: () => templateWording(summary, scope.label),
      noun: 'summary',
    },
  );
  return { summary, wording };
}
