import type { SurveyPolicy } from '../../config/config.js';
import { defaultSurveys } from '../../core/surveys/survey-definitions.js';
import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { InputError } from '../accounts/input-error.js';
import { createSurveyRequest, expireSurveys } from './survey-requests.js';
import { surveyInvite } from './survey-invite.js';

const dayMs = 86_400_000;

/**
 * The scheduled side of surveys: accounts whose tier cadence is due get a survey (to a reachable
 * contact not surveyed recently), unanswered surveys get one reminder halfway to expiry, and
 * expired ones close.
 */
export async function dispatchSurveys(
  deps: { prisma: PrismaClient; notifiers: AlertNotifiers; policy: SurveyPolicy; logger?: Logger },
  now: Date,
): Promise<{ sent: number; reminded: number; expired: number; skipped: number }> {
  const { prisma } = deps;
  let sent = 0;
  let skipped = 0;
  for (const survey of defaultSurveys.filter((s) => s.cadenceDays)) {
    const accounts = await prisma.account.findMany({
      where: { status: 'ACTIVE' },
      select: { id: true, tier: true, segment: true },
    });
    for (const a of accounts) {
      const every = survey.cadenceDays![a.segment] ?? survey.cadenceDays![a.tier] ?? survey.cadenceDays!['*'];
      if (!every) continue;
      const recent = await prisma.surveyRequest.findFirst({
        where: { accountId: a.id, surveyKey: survey.key, sentAt: { gt: new Date(now.getTime() - every * dayMs) } },
        select: { id: true },
      });
      if (recent) continue;
      const reachable = await prisma.contact.count({
        where: {
          accountId: a.id,
          surveyOptOut: false,
          OR: [{ slackUserId: { not: null } }, { teamsAadObjectId: { not: null } }],
        },
      });
      if (!reachable) continue;
      try {
        const created = await createSurveyRequest(
          prisma,
          undefined,
          { accountId: a.id, surveyKey: survey.key },
          deps.policy,
          now,
        );
        const notifier = deps.notifiers[created.channel];
        if (!notifier) {
          await prisma.surveyRequest.update({ where: { id: created.requestId }, data: { state: 'CANCELLED' } });
          skipped++;
          continue;
        }
        const posted = await notifier.send(created.destination, surveyInvite(created));
        await prisma.surveyRequest.update({
          where: { id: created.requestId },
          data: { messageRef: posted.ref, messageChannel: posted.conversation },
        });
        sent++;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        skipped++;
      }
    }
  }
  // One reminder, halfway to expiry, for surveys still unanswered.
  const half = (deps.policy.expiryDays * dayMs) / 2;
  const due = await prisma.surveyRequest.findMany({
    where: { state: 'SENT', remindedAt: null, sentAt: { lte: new Date(now.getTime() - half) }, expiresAt: { gt: now } },
  });
  let reminded = 0;
  for (const r of due) {
    const claimed = await prisma.surveyRequest.updateMany({
      where: { id: r.id, remindedAt: null },
      data: { remindedAt: now },
    });
    const notifier = deps.notifiers[r.channel];
    if (!claimed.count || !notifier) continue;
    const contact = await prisma.contact.findUniqueOrThrow({
      where: { id: r.contactId },
      select: { id: true, name: true },
    });
    const definition = defaultSurveys.find((s) => s.key === r.surveyKey)!;
    const invite = surveyInvite({
      requestId: r.id,
      contact,
      channel: r.channel as 'SLACK' | 'TEAMS',
      destination: r.destination,
      definition,
    });
    await notifier.send(r.destination, { ...invite, headline: `A reminder: ${invite.headline}` });
    reminded++;
  }
  return { sent, reminded, expired: await expireSurveys(prisma, now), skipped };
}
