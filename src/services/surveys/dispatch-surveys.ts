import type { SurveyPolicy } from '../../config/config.js';
import { triggeredBy, type SurveyDefinition } from '../../core/surveys/survey-definitions.js';
import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { InputError } from '../accounts/input-error.js';
import { definitionOfRequest, loadSurveyCatalogue } from './survey-catalogue.js';
import { deliverSurvey } from './deliver-survey.js';
import { createSurveyRequest, expireSurveys } from './survey-requests.js';
import { surveyInvite } from '../../replies/survey-invite.js';

const dayMs = 86_400_000;

type Deps = { prisma: PrismaClient; notifiers: AlertNotifiers; policy: SurveyPolicy; logger?: Logger };

/**
 * The scheduled side of surveys: accounts whose tier cadence is due, or that just reached a
 * milestone a survey follows (CSAT after onboarding), get a survey (to a reachable contact not
 * surveyed recently); unanswered surveys get one reminder halfway to expiry; expired ones close.
 */
export async function dispatchSurveys(
  deps: Deps,
  now: Date,
): Promise<{ sent: number; reminded: number; expired: number; skipped: number }> {
  const catalogue = await loadSurveyCatalogue(deps.prisma);
  // Without a chat to post to, each due survey would only be prepared and cancelled again.
  const canPost = Boolean(deps.notifiers.SLACK ?? deps.notifiers.TEAMS);
  const due = canPost
    ? [...(await dueByCadence(deps.prisma, catalogue, now)), ...(await dueByMilestone(deps.prisma, catalogue, now))]
    : [];
  let sent = 0;
  let skipped = 0;
  for (const { accountId, surveyKey } of due) {
    try {
      const created = await createSurveyRequest(deps.prisma, undefined, { accountId, surveyKey }, deps.policy, now);
      await deliverSurvey(deps, created);
      sent++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped++;
    }
  }
  return { sent, reminded: await remind(deps, now), expired: await expireSurveys(deps.prisma, now), skipped };
}

/** Active accounts with a reachable contact whose tier's cadence for a survey has run out. */
async function dueByCadence(prisma: PrismaClient, catalogue: readonly SurveyDefinition[], now: Date) {
  const out: { accountId: string; surveyKey: string }[] = [];
  const surveys = catalogue.filter((s) => s.cadenceDays);
  if (!surveys.length) return out;
  const accounts = await prisma.account.findMany({
    where: { status: 'ACTIVE', contacts: { some: reachableContact } },
    select: { id: true, tier: true, segment: true },
  });
  for (const survey of surveys) {
    const every = survey.cadenceDays!;
    for (const a of accounts) {
      const days = every[a.segment] ?? every[a.tier] ?? every['*'];
      if (!days) continue;
      const recent = await prisma.surveyRequest.findFirst({
        where: {
          accountId: a.id,
          surveyKey: survey.key,
          state: { not: 'CANCELLED' },
          sentAt: { gt: new Date(now.getTime() - days * dayMs) },
        },
        select: { id: true },
      });
      if (!recent) out.push({ accountId: a.id, surveyKey: survey.key });
    }
  }
  return out;
}

/** Accounts whose recent activity (a milestone) a survey follows, not yet asked since it. */
async function dueByMilestone(prisma: PrismaClient, catalogue: readonly SurveyDefinition[], now: Date) {
  const out: { accountId: string; surveyKey: string }[] = [];
  for (const survey of catalogue.filter((s) => s.after)) {
    const activities = await prisma.activity.findMany({
      where: {
        kind: survey.after!.activityKind,
        occurredAt: { gte: new Date(now.getTime() - survey.after!.withinDays * dayMs), lte: now },
        account: { status: 'ACTIVE', contacts: { some: reachableContact } },
      },
      select: { accountId: true, kind: true, title: true, occurredAt: true },
      orderBy: { occurredAt: 'asc' },
    });
    const first = new Map<string, Date>();
    for (const a of activities)
      if (triggeredBy(survey, a, now) && !first.has(a.accountId)) first.set(a.accountId, a.occurredAt);
    for (const [accountId, since] of first) {
      const asked = await prisma.surveyRequest.findFirst({
        where: { accountId, surveyKey: survey.key, state: { not: 'CANCELLED' }, sentAt: { gte: since } },
        select: { id: true },
      });
      if (!asked) out.push({ accountId, surveyKey: survey.key });
    }
  }
  return out;
}

const reachableContact = {
  surveyOptOut: false,
  OR: [{ slackUserId: { not: null } }, { teamsAadObjectId: { not: null } }],
};

/** One reminder, halfway to expiry, for surveys still unanswered; claimed so replicas send it once. */
async function remind(deps: Deps, now: Date): Promise<number> {
  const { prisma } = deps;
  const half = (deps.policy.expiryDays * dayMs) / 2;
  const due = await prisma.surveyRequest.findMany({
    where: { state: 'SENT', remindedAt: null, sentAt: { lte: new Date(now.getTime() - half) }, expiresAt: { gt: now } },
  });
  let reminded = 0;
  for (const r of due) {
    const notifier = deps.notifiers[r.channel];
    if (!notifier) continue;
    const claimed = await prisma.surveyRequest.updateMany({
      where: { id: r.id, remindedAt: null },
      data: { remindedAt: now },
    });
    if (!claimed.count) continue;
    const invite = surveyInvite({ ...r, requestId: r.id, definition: await definitionOfRequest(prisma, r) });
    await notifier.send(r.destination, { ...invite, headline: `A reminder: ${invite.headline}` });
    reminded++;
  }
  return reminded;
}
