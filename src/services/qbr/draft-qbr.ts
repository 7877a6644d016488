import { isoDay } from '../../core/lifecycle/calendar.js';
import { renewalStatus } from '../../core/lifecycle/renewal-milestones.js';
import { buildQbrFacts, type QbrFacts } from '../../core/qbr/qbr-facts.js';
import { currentQuarter, lastCompletedQuarter, type Quarter } from '../../core/qbr/quarter.js';
import type { PrismaClient } from '../../db/client.js';
import { accountDetails, accountNames } from '../../db/repositories/account-lookup.js';
import { qbrFactIndex } from '../../core/qbr/qbr-fact-ids.js';
import { checkClaims } from '../../llm/claim-check.js';
import { scoringAccounts } from '../../db/repositories/scoring-data.js';
import { wordWithModel, type WordingSource } from '../../llm/grounded-wording.js';
import type { LlmClient } from '../../llm/llm-client.js';
import { loadPrompt, renderTemplate } from '../../llm/prompt.js';
import { looksLikeInstructions, untrustedBlock, untrustedForModel, withheldText } from '../../llm/untrusted-text.js';
import type { Logger } from '../../logging/logger.js';
import { qbrNarrativeSchema, qbrSectionKeys, type QbrNarrative } from '../../../prompts/draft-qbr/schema.js';
import { assertCanRead, type Actor } from '../access/actor.js';
import { getSuccessPlan } from '../accounts/get-success-plan.js';
import { InputError } from '../accounts/input-error.js';
import { loadFeedbackSummary } from '../feedback/summarise-feedback.js';
import { accountFreshness, type SourceFreshness } from '../ingest/account-freshness.js';
import { assessChunk } from '../scoring/recompute-health.js';
import { loadPresetCatalogue } from '../scoring/preset-catalogue.js';
import { renderQbrMarkdown, templateNarrative } from './qbr-template.js';

export interface QbrDeps {
  prisma: PrismaClient;
  llm?: LlmClient;
  logger?: Logger;
  redactPii?: boolean;
}

export interface QbrDraft {
  id: string;
  facts: QbrFacts;
  narrative: QbrNarrative;
  markdown: string;
  source: WordingSource;
  note: string;
  /** When each source last sent data about the account: the deck's speaker notes cite it. */
  sources: SourceFreshness[];
  /** When the draft was made. */
  preparedAt: Date;
  /** The prompt as it is (or would be) sent to a model, for the token budget in bench/qbr. */
  prompt: { system: string; user: string };
}

const dayMs = 86_400_000;

/**
 * A QBR draft for one account and quarter: the core computes the fact sheet (health at the start and
 * end of the quarter, metric moves, feedback, goals, renewal, risks); the model, if configured, words
 * it and every figure and quote is checked; otherwise the template words it. The draft is stored.
 */
export async function draftQbr(
  deps: QbrDeps,
  actor: Actor,
  /** Without a quarter: the last completed one, or the current one "so far" for an account with no score then. */
  input: { accountId: string; quarter?: Quarter },
  now: Date,
): Promise<QbrDraft> {
  assertCanRead(actor);
  const { prisma } = deps;
  const details = await accountDetails(prisma, input.accountId);
  if (details.status === 'CHURNED') throw new InputError(`${details.name} has churned; there is no QBR to draft.`);
  const catalogue = await loadPresetCatalogue(prisma);
  const [scoring] = await scoringAccounts(prisma, [details.id]);
  if (!scoring) throw new InputError(`${details.name} cannot be scored yet; import its metrics first.`);
  const quarterEnd = (q: Quarter) => new Date(Math.min(q.to.getTime() - 1, now.getTime()));
  let quarter = input.quarter ?? lastCompletedQuarter(now);
  if (!input.quarter) {
    // A new account has no score at the end of the last quarter: review the quarter it has data for.
    const [last] = await assessChunk(prisma, catalogue, [scoring], quarterEnd(quarter), 0);
    if (last?.assessment.kind !== 'scored') quarter = currentQuarter(now);
  }
  if (quarter.from.getTime() > now.getTime())
    throw new InputError(`${quarter.label} has not started yet; pick a past or the current quarter.`);
  const end = quarterEnd(quarter);
  const [[endAssessed], [startAssessed], feedback, plan, snapshots, sources] = await Promise.all([
    assessChunk(prisma, catalogue, [scoring], end, 0),
    assessChunk(prisma, catalogue, [scoring], quarter.from, 0),
    loadFeedbackSummary(
      prisma,
      { label: details.name, accountId: details.id },
      { days: Math.max(1, Math.round((end.getTime() - quarter.from.getTime()) / dayMs)), now: end },
    ),
    getSuccessPlan(prisma, details.id),
    prisma.healthSnapshot.findMany({
      // Weeks without enough data are gaps, not zeros.
      where: { accountId: details.id, computedAt: { gte: quarter.from, lte: end }, overall: { not: null } },
      orderBy: { computedAt: 'asc' },
      select: { computedAt: true, overall: true },
    }),
    accountFreshness(prisma, details.id, now),
  ]);
  // The last stored score of each week.
  const weekly = new Map<number, { date: string; score: number }>();
  for (const snap of snapshots)
    weekly.set(Math.floor((snap.computedAt.getTime() / dayMs + 3) / 7), {
      date: isoDay(snap.computedAt),
      score: snap.overall!,
    });
  const renewalPreset = catalogue.get(catalogue.profile.renewals);
  const bands = catalogue.get(catalogue.profile.model).model?.bands ?? [];
  const endAssessment = endAssessed!.assessment;
  if (endAssessment.kind === 'insufficient-data')
    throw new InputError(
      `${details.name}: ${endAssessment.gap.text} A QBR needs a health score; import its metrics first.`,
    );
  // Each goal's KPI as recorded on or before the quarter's end: the plan's own value is today's.
  const atEnd = await Promise.all(
    (plan?.goals ?? []).map((g) =>
      prisma.metricObservation.findFirst({
        where: { accountId: details.id, key: g.kpi, date: { lte: end } },
        orderBy: { date: 'desc' },
        select: { value: true },
      }),
    ),
  );
  const facts = buildQbrFacts({
    account: {
      name: details.name,
      tier: details.tier,
      segment: details.segment,
      arr: details.arr.toFixed(2),
      currency: details.currency,
      owner: details.owner?.name ?? null,
      executiveSponsor: details.executiveSponsor,
    },
    quarter,
    // Before enough data the start has no score; a comparison with a guess would mislead.
    ...(startAssessed?.assessment.kind === 'scored' ? { start: startAssessed.assessment } : {}),
    end: endAssessment,
    // A comment that addresses an AI or the review's writer is counted, never quoted: its words in
    // a deck would be the injection reaching the client, whoever wrote the draft.
    feedback: { ...feedback.summary, quotes: feedback.summary.quotes.filter((q) => !looksLikeInstructions(q.text)) },
    goals: (plan?.goals ?? []).map((g, i) => ({
      title: g.title,
      kpi: g.kpi,
      unit: g.unit,
      baseline: g.baseline,
      target: g.target,
      current: g.current,
      status: g.status,
      dueDate: g.dueDate ? isoDay(g.dueDate) : null,
      owner: g.owner,
      atEnd: atEnd[i]?.value ?? null,
    })),
    preparedAt: now,
    bands: bands.map((b) => ({
      min: b.min,
      label: b.label,
      colour: b.colour,
      ...(b.atRisk === undefined ? {} : { atRisk: b.atRisk }),
    })),
    asOf: end,
    healthTrend: [...weekly.values()],
    ...(renewalPreset.renewalMilestones && details.renewalDate
      ? { renewal: renewalStatus(renewalPreset.renewalMilestones, isoDay(details.renewalDate), now) }
      : {}),
  });

  // Customer words travel only inside the marked comments block, never in the fact sheet: a
  // figure in a comment is not a figure of the facts, and the system prompt ranks the block last.
  const comments = facts.voiceOfCustomer.quotes.map((q) =>
    untrustedForModel(q.text, { redactPii: deps.redactPii !== false }),
  );
  const sentFacts = {
    ...facts,
    voiceOfCustomer: {
      ...facts.voiceOfCustomer,
      quotes: facts.voiceOfCustomer.quotes.map((q, i) => ({
        comment: i + 1,
        date: q.date,
        contact: q.contact ? 'a customer contact' : null,
      })),
    },
  };
  const prompt = loadPrompt('draft-qbr');
  const index = qbrFactIndex(facts);
  const figures = index.map((f) => ({
    id: f.id,
    label: f.label,
    value: f.value,
    unit: f.unit,
    ...(f.kind === 'level' && f.change !== undefined && f.change !== null ? { change: f.change } : {}),
  }));
  const variables = {
    account: details.name,
    quarter: quarter.label,
    facts: JSON.stringify(sentFacts),
    figures: JSON.stringify(figures),
    comments: untrustedBlock(comments),
  };
  // Another account's name in a review is another account's figure: the check refuses both.
  const otherAccounts = (await accountNames(prisma)).filter((a) => a.id !== details.id).map((a) => a.name);
  const wording = await wordWithModel(
    { ...(deps.llm ? { llm: deps.llm } : {}), db: prisma, ...(deps.logger ? { logger: deps.logger } : {}) },
    {
      prompt,
      variables,
      schema: qbrNarrativeSchema,
      facts: sentFacts,
      // A withheld comment cannot be quoted either: its words in the draft would be the injection.
      sources: facts.voiceOfCustomer.quotes.flatMap((q, i) =>
        comments[i] === withheldText ? [] : [comments[i]!, q.text],
      ),
      textOf: (n) => qbrSectionKeys.map((k) => n[k].text).join('\n'),
      checkClaims: (n) =>
        checkClaims(
          qbrSectionKeys.map((k) => ({ section: k, ...n[k] })),
          index,
          {
            otherAccounts,
            bands: [facts.health.band, facts.health.startBand],
            factText: [...facts.risks, ...facts.recommendations, ...facts.goals.map((g) => g.title)].join('. '),
          },
        ),
      template: () => templateNarrative(facts),
      noun: 'draft',
    },
  );
  const markdown = renderQbrMarkdown(facts, wording.value, wording.note, isoDay(now));
  const saved = await prisma.qbrDraft.create({
    data: {
      accountId: details.id,
      quarter: quarter.label,
      markdown,
      producedBy: wording.source.kind === 'model' ? wording.source.model : 'template',
      factSheet: facts as object,
      wording: {
        narrative: wording.value,
        source: wording.source,
        note: wording.note,
        preparedAt: now.toISOString(),
        sources: sources.map((x) => ({ ...x, lastArrivedAt: x.lastArrivedAt.toISOString() })),
      } as object,
      createdById: actor.userId ?? null,
    },
    select: { id: true },
  });
  return {
    id: saved.id,
    facts,
    narrative: wording.value,
    markdown,
    source: wording.source,
    note: wording.note,
    sources,
    preparedAt: now,
    prompt: { system: prompt.system, user: renderTemplate(prompt.user, variables) },
  };
}

/** A fact sheet stored before topics, commitments and the as-of day existed, in today's shape. */
function withCurrentShape(facts: QbrFacts): QbrFacts {
  return {
    ...facts,
    quarter: {
      ...facts.quarter,
      asOf: facts.quarter.asOf ?? facts.quarter.to,
      running: facts.quarter.running ?? false,
    },
    goals: facts.goals.map((g) => ({
      ...g,
      name: g.name ?? g.kpi,
      recordedStatus: g.recordedStatus ?? g.status,
      owner: g.owner ?? null,
    })),
    topics: facts.topics ?? [],
    commitments: facts.commitments ?? [],
  };
}

/**
 * A stored draft as it was made, for building its deck or document later on any replica (a Teams
 * file consent arrives as a new request). Only the person who asked for it gets it back.
 */
export async function storedQbrDraft(prisma: PrismaClient, id: string, actor: Actor): Promise<QbrDraft | undefined> {
  assertCanRead(actor);
  const row = await prisma.qbrDraft.findUnique({ where: { id } });
  if (!row || !row.wording || !actor.userId || row.createdById !== actor.userId) return undefined;
  const wording = row.wording as {
    narrative: QbrNarrative;
    source: WordingSource;
    note: string;
    preparedAt: string;
    sources: (Omit<SourceFreshness, 'lastArrivedAt'> & { lastArrivedAt: string })[];
  };
  return {
    id: row.id,
    facts: withCurrentShape(row.factSheet as unknown as QbrFacts),
    narrative: wording.narrative,
    markdown: row.markdown,
    source: wording.source,
    note: wording.note,
    sources: wording.sources.map((x) => ({ ...x, lastArrivedAt: new Date(x.lastArrivedAt) })),
    preparedAt: new Date(wording.preparedAt),
    prompt: { system: '', user: '' },
  };
}
