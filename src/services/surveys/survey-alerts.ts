import { themesOf } from '../../core/feedback/theme-taxonomy.js';
import { isAlarmingAnswer } from '../../core/surveys/survey-definitions.js';
import type { PrismaClient } from '../../db/client.js';
import { openAlert, resolveAlert, type AlertPolicyContext } from '../alerts/alert-store.js';
import { loadThemeTaxonomy } from '../feedback/feedback-themes.js';
import { definitionOfRequest } from './survey-catalogue.js';

/**
 * A detractor (NPS 0-6) or a low CSAT/CES answer alerts the account owner with the verbatim comment;
 * a comment that arrives later is added to the open alert, with the feedback themes it touches (plays
 * that start on a theme are offered on the alert). Returns the alert id when one changed.
 */
export async function alertOnSurveyAnswer(
  prisma: PrismaClient,
  requestId: string,
  policy: AlertPolicyContext,
  now: Date,
): Promise<string | undefined> {
  const request = await prisma.surveyRequest.findUniqueOrThrow({ where: { id: requestId } });
  if (request.score === null) return undefined;
  const definition = await definitionOfRequest(prisma, request);
  const kind = `survey:${request.id}`;
  if (!isAlarmingAnswer(definition, request.score)) {
    // The contact changed a detractor answer to a good one: the alert about it no longer holds.
    const open = await prisma.alert.findFirst({
      where: { dedupeKey: `${request.accountId}:${kind}`, state: { not: 'RESOLVED' } },
      select: { id: true },
    });
    if (!open) return undefined;
    const resolved = await resolveAlert(prisma, open.id, now, `the contact changed the answer to ${request.score}`);
    return resolved ? open.id : undefined;
  }
  const [account, contact] = await Promise.all([
    prisma.account.findUniqueOrThrow({ where: { id: request.accountId }, select: { name: true } }),
    prisma.contact.findUniqueOrThrow({ where: { id: request.contactId }, select: { name: true } }),
  ]);
  const label = definition.kind === 'custom' ? definition.key : definition.kind.toUpperCase();
  const themes = request.comment ? themesOf(request.comment, await loadThemeTaxonomy(prisma)) : [];
  const evidence = {
    whatChanged: `${contact.name} answered ${label} ${request.score} on ${(request.answeredAt ?? now).toISOString().slice(0, 10)}.`,
    evidence: request.comment ? [`“${request.comment}”`] : ['No comment (yet).'],
    dataAsOf: (request.answeredAt ?? now).toISOString().slice(0, 10),
    suggestedAction: `Call ${contact.name} within 48 hours, understand the reason, and agree a fix.`,
    score: request.score,
    band: label,
    ...(themes.length ? { themes } : {}),
  };
  const existing = await prisma.alert.findFirst({
    where: { dedupeKey: `${request.accountId}:${kind}`, state: { not: 'RESOLVED' } },
  });
  if (existing) {
    await prisma.alert.update({ where: { id: existing.id }, data: { evidence } });
    return existing.id;
  }
  await openAlert(
    prisma,
    {
      accountId: request.accountId,
      candidate: {
        kind,
        severity: 'WARNING',
        title: `${account.name}: ${contact.name} answered ${label} ${request.score}`,
        evidence,
      },
    },
    policy,
    now,
  );
  return undefined;
}
