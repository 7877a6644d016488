import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { updateWorkspaceProfile } from '../../src/services/scoring/preset-catalogue.js';
import { recomputeHealth } from '../../src/services/scoring/recompute-health.js';
import {
  answerSurvey,
  commentOnSurvey,
  createSurveyRequest,
  expireSurveys,
  optOutOfSurveys,
  surveyAwaitingComment,
} from '../../src/services/surveys/survey-requests.js';
import { upsertContacts } from '../../src/db/repositories/contacts.js';
import { writeSetting } from '../../src/db/repositories/settings.js';
import { deliverSurvey } from '../../src/services/surveys/deliver-survey.js';
import { loadSurveyCatalogue, surveyDefinitionsKey } from '../../src/services/surveys/survey-catalogue.js';
import { surveyInvite } from '../../src/replies/survey-invite.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

const now = new Date('2026-11-20T10:00:00Z');
const policy = { minDaysBetween: 30, expiryDays: 7 };
const csm = { role: 'csm' as const, external: false, place: 'dm' as const };

describe.each(databaseKinds)('survey requests and answers on %s', (kind) => {
  let db: TestDatabase;
  let accountId: string;
  let contactId: string;

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: 4, today: now, accounts: 6, historyWeeks: 0 });
    const account = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    accountId = account.id;
    const contact = await db.prisma.contact.create({
      data: {
        externalId: 'SURVEY-C1',
        accountId,
        name: 'Casey Client',
        role: 'champion',
        slackUserId: 'UCASEY',
        email: 'casey@acme.example',
      },
    });
    contactId = contact.id;
  });
  afterAll(async () => db?.close());
  const run = it.skipIf(skipPostgres(kind));

  run('sends to a reachable contact once per 30 days, even when two sends race; honours opt-out', async () => {
    const [a, b] = await Promise.allSettled([
      createSurveyRequest(db.prisma, csm, { accountId, contactId, surveyKey: 'nps' }, policy, now),
      createSurveyRequest(db.prisma, csm, { accountId, contactId, surveyKey: 'nps' }, policy, now),
    ]);
    const ok = [a, b].filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    expect((ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof createSurveyRequest>>>).value).toMatchObject({
      channel: 'SLACK',
      destination: 'UCASEY',
      contact: { name: 'Casey Client' },
    });
    await expect(
      createSurveyRequest(
        db.prisma,
        csm,
        { accountId, contactId, surveyKey: 'nps' },
        policy,
        new Date(now.getTime() + 10 * 86_400_000),
      ),
    ).rejects.toThrow('Casey Client: surveyed on 2026-11-20; next possible on 2026-12-20');
    await db.prisma.contact.update({ where: { id: contactId }, data: { surveyOptOut: true } });
    await expect(
      createSurveyRequest(
        db.prisma,
        csm,
        { accountId, contactId, surveyKey: 'nps' },
        policy,
        new Date(now.getTime() + 40 * 86_400_000),
      ),
    ).rejects.toThrow('Casey Client: opted out of surveys');
    await db.prisma.contact.update({ where: { id: contactId }, data: { surveyOptOut: false } });
    await expect(
      createSurveyRequest(
        db.prisma,
        { role: 'viewer', external: false, place: 'dm' },
        { accountId, contactId, surveyKey: 'nps' },
        policy,
        now,
      ),
    ).rejects.toThrow('read-only');
  });

  run('stores one answer, ignores repeats, updates a changed score before expiry, keeps the comment', async () => {
    const request = await db.prisma.surveyRequest.findFirstOrThrow({ where: { contactId } });
    await expect(
      answerSurvey(db.prisma, { requestId: request.id, respondent: 'USOMEONE', score: 9 }, now),
    ).rejects.toThrow('This survey is not yours to answer.');
    await expect(
      answerSurvey(db.prisma, { requestId: request.id, respondent: 'UCASEY', score: 11 }, now),
    ).rejects.toThrow('Answer with a score from 0 to 10.');
    const first = await answerSurvey(db.prisma, { requestId: request.id, respondent: 'UCASEY', score: 4 }, now);
    expect(first).toMatchObject({ outcome: 'stored', alarming: true });
    const [again, alsoAgain] = await Promise.all([
      answerSurvey(db.prisma, { requestId: request.id, respondent: 'UCASEY', score: 4 }, now),
      answerSurvey(db.prisma, { requestId: request.id, respondent: 'UCASEY', score: 4 }, now),
    ]);
    expect([again.outcome, alsoAgain.outcome]).toEqual(['unchanged', 'unchanged']);
    const changed = await answerSurvey(
      db.prisma,
      { requestId: request.id, respondent: 'UCASEY', score: 9 },
      new Date(now.getTime() + 3_600_000),
    );
    expect(changed).toMatchObject({ outcome: 'updated', alarming: false, feedbackItemId: first.feedbackItemId });
    await commentOnSurvey(
      db.prisma,
      { requestId: request.id, respondent: 'UCASEY', text: 'Great onboarding, the team was fantastic.' },
      now,
    );
    const items = await db.prisma.feedbackItem.findMany({ where: { surveyId: request.id } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      score: 9,
      surveyType: 'nps',
      kind: 'SURVEY',
      contactId,
      text: 'Great onboarding, the team was fantastic.',
      sentimentLabel: 'positive',
    });

    const late = await answerSurvey(
      db.prisma,
      { requestId: request.id, respondent: 'UCASEY', score: 2 },
      new Date(now.getTime() + 8 * 86_400_000),
    );
    expect(late.outcome).toBe('expired');
    expect((await db.prisma.feedbackItem.findUniqueOrThrow({ where: { id: first.feedbackItemId! } })).score).toBe(9);
  });

  run('the answer and its comment reach the health explanation after recompute (MIYAR satisfaction)', async () => {
    await updateWorkspaceProfile(db.prisma, (p) => ({ ...p, model: 'miyar' }));
    const later = new Date(now.getTime() + 31 * 86_400_000);
    const contact = await db.prisma.contact.create({
      data: { externalId: 'SURVEY-C3', accountId, name: 'Eli Evaluator', role: 'champion', slackUserId: 'UELI' },
    });
    const sent = await createSurveyRequest(
      db.prisma,
      csm,
      { accountId, contactId: contact.id, surveyKey: 'nps' },
      policy,
      later,
    );
    await answerSurvey(db.prisma, { requestId: sent.requestId, respondent: 'UELI', score: 2 }, later);
    await commentOnSurvey(
      db.prisma,
      { requestId: sent.requestId, respondent: 'UELI', text: 'Terrible support, very disappointing.' },
      later,
    );
    await recomputeHealth(db.prisma, { now: new Date(later.getTime() + 60_000), mode: 'all', accountIds: [accountId] });
    const snapshot = await db.prisma.healthSnapshot.findFirstOrThrow({
      where: { accountId },
      orderBy: [{ computedAt: 'desc' }, { recordedAt: 'desc' }],
    });
    const satisfaction = (
      snapshot.explanation as {
        dimensions: Record<string, { inputs: { metric: string; value: number | null; asOf: string | null }[] }>;
      }
    ).dimensions.satisfaction!;
    const nps = satisfaction.inputs.find((i) => i.metric === 'nps')!;
    const sentiment = satisfaction.inputs.find((i) => i.metric === 'comment_sentiment_pct')!;
    expect(nps.asOf).toBe(later.toISOString().slice(0, 10));
    expect(nps.value).not.toBeNull();
    expect(sentiment.asOf).toBe(later.toISOString().slice(0, 10));
    expect(sentiment.value).not.toBeNull();
  });

  run(
    'custom surveys come from the stored definitions; a survey in flight keeps the question it was sent with',
    async () => {
      const at = new Date(now.getTime() + 100 * 86_400_000);
      const contact = await db.prisma.contact.create({
        data: { externalId: 'SURVEY-C4', accountId, name: 'Tara Trainee', role: 'user', slackUserId: 'UTARA' },
      });
      await expect(
        createSurveyRequest(db.prisma, csm, { accountId, contactId: contact.id, surveyKey: 'training' }, policy, at),
      ).rejects.toThrow('No survey "training"; surveys: nps, csat, ces.');
      const training = {
        key: 'training',
        kind: 'custom',
        question: 'How useful was the admin training?',
        scale: { min: 1, max: 5, lowLabel: 'Not useful', highLabel: 'Very useful' },
        alertAtOrBelow: 2,
      };
      await writeSetting(db.prisma, surveyDefinitionsKey, [training]);
      expect((await loadSurveyCatalogue(db.prisma)).map((d) => d.key)).toEqual(['nps', 'csat', 'ces', 'training']);
      const sent = await createSurveyRequest(
        db.prisma,
        csm,
        { accountId, contactId: contact.id, surveyKey: 'training' },
        policy,
        at,
      );
      expect(surveyInvite(sent).headline).toBe('How useful was the admin training?');
      // The workspace rewords the question; the survey already sent keeps its own.
      await writeSetting(db.prisma, surveyDefinitionsKey, [{ ...training, question: 'Was the training worth it?' }]);
      const answered = await answerSurvey(db.prisma, { requestId: sent.requestId, respondent: 'UTARA', score: 2 }, at);
      expect(answered).toMatchObject({
        outcome: 'stored',
        alarming: true,
        definition: { question: training.question },
      });
      const item = await db.prisma.feedbackItem.findUniqueOrThrow({ where: { id: answered.feedbackItemId! } });
      expect(item).toMatchObject({ surveyType: 'training', score: 2, kind: 'SURVEY' });
      await db.prisma.setting.delete({ where: { key: surveyDefinitionsKey } });
    },
  );

  run(
    'in a shared Slack channel only the surveyed contact may answer; a failed post frees the contact again',
    async () => {
      const at = new Date(now.getTime() + 200 * 86_400_000);
      const contact = await db.prisma.contact.create({
        data: { externalId: 'SURVEY-C5', accountId, name: 'Sam Shared', role: 'champion', slackUserId: 'USAM' },
      });
      const sent = await createSurveyRequest(
        db.prisma,
        { ...csm, place: 'shared_channel', conversationId: 'CSHARED' },
        { accountId, contactId: contact.id, surveyKey: 'nps', slackChannel: 'CSHARED' },
        policy,
        at,
      );
      expect(sent).toMatchObject({ channel: 'SLACK', destination: 'CSHARED', respondent: 'USAM' });
      expect(surveyInvite(sent)).toMatchObject({ addressee: 'USAM' });
      await expect(
        answerSurvey(db.prisma, { requestId: sent.requestId, respondent: 'CSHARED', score: 9 }, at),
      ).rejects.toThrow('This survey is not yours to answer.');
      await expect(
        answerSurvey(db.prisma, { requestId: sent.requestId, respondent: 'UOTHERCLIENT', score: 9 }, at),
      ).rejects.toThrow('This survey is not yours to answer.');
      expect(
        await answerSurvey(db.prisma, { requestId: sent.requestId, respondent: 'USAM', score: 9 }, at),
      ).toMatchObject({ outcome: 'stored' });
      // An outsider in that channel cannot send surveys.
      await expect(
        createSurveyRequest(
          db.prisma,
          { role: 'none', external: true, place: 'shared_channel' },
          { accountId, contactId: contact.id, surveyKey: 'nps', slackChannel: 'CSHARED' },
          policy,
          at,
        ),
      ).rejects.toThrow('account team only');

      // Tend is not in the channel: the survey is cancelled and Sam can be asked again at once.
      const later = new Date(at.getTime() + 40 * 86_400_000);
      const failing = await createSurveyRequest(
        db.prisma,
        csm,
        { accountId, contactId: contact.id, surveyKey: 'nps', slackChannel: 'CNOTIN' },
        policy,
        later,
      );
      const refusing = {
        SLACK: {
          channel: 'SLACK' as const,
          send: () =>
            Promise.reject(
              Object.assign(new Error('An API error occurred: not_in_channel'), { data: { error: 'not_in_channel' } }),
            ),
          update: () => Promise.resolve(),
        },
      };
      await expect(deliverSurvey({ prisma: db.prisma, notifiers: refusing }, failing)).rejects.toThrow(
        'The survey to Sam Shared was not sent: Slack refused the message (not_in_channel).',
      );
      expect((await db.prisma.surveyRequest.findUniqueOrThrow({ where: { id: failing.requestId } })).state).toBe(
        'CANCELLED',
      );
      expect((await db.prisma.contact.findUniqueOrThrow({ where: { id: contact.id } })).lastSurveyedAt).toEqual(at);
      await expect(deliverSurvey({ prisma: db.prisma, notifiers: {} }, failing)).rejects.toThrow(
        'Slack is not connected here',
      );
    },
  );

  run('a respondent opts out in chat; later sends skip them and a re-import does not undo it', async () => {
    const at = new Date(now.getTime() + 300 * 86_400_000);
    const contact = await db.prisma.contact.create({
      data: { externalId: 'SURVEY-C6', accountId, name: 'Otto Optout', role: 'champion', slackUserId: 'UOTTO' },
    });
    const sent = await createSurveyRequest(
      db.prisma,
      csm,
      { accountId, contactId: contact.id, surveyKey: 'nps' },
      policy,
      at,
    );
    await expect(optOutOfSurveys(db.prisma, { requestId: sent.requestId, respondent: 'UCASEY' })).rejects.toThrow(
      'This survey is not yours to answer.',
    );
    await optOutOfSurveys(db.prisma, { requestId: sent.requestId, respondent: 'UOTTO' });
    expect((await db.prisma.surveyRequest.findUniqueOrThrow({ where: { id: sent.requestId } })).state).toBe(
      'CANCELLED',
    );
    await upsertContacts(db.prisma, [
      { externalId: 'SURVEY-C6', accountId, name: 'Otto Optout', slackUserId: 'UOTTO', surveyOptOut: false },
    ]);
    await expect(
      createSurveyRequest(
        db.prisma,
        csm,
        { accountId, contactId: contact.id, surveyKey: 'nps' },
        policy,
        new Date(at.getTime() + 90 * 86_400_000),
      ),
    ).rejects.toThrow('Otto Optout: opted out of surveys');
  });

  run('closes unanswered surveys at expiry', async () => {
    const other = await db.prisma.contact.create({
      data: { externalId: 'SURVEY-C2', accountId, name: 'Dana Decider', role: 'sponsor', slackUserId: 'UDANA' },
    });
    const sent = await createSurveyRequest(
      db.prisma,
      csm,
      { accountId, contactId: other.id, surveyKey: 'csat' },
      policy,
      now,
    );
    expect(await expireSurveys(db.prisma, new Date(now.getTime() + 6 * 86_400_000))).toBe(0);
    expect(await expireSurveys(db.prisma, new Date(now.getTime() + 7 * 86_400_000))).toBe(1);
    expect((await db.prisma.surveyRequest.findUniqueOrThrow({ where: { id: sent.requestId } })).state).toBe('EXPIRED');
  });

  run(
    'takes a typed message as the comment only within a day of scoring, once, and when the survey asks one',
    async () => {
      const hour = 3_600_000;
      const [withFollowUp, without] = await Promise.all(
        ['UTYPE1', 'UTYPE2'].map((slackUserId, i) =>
          db.prisma.contact.create({
            data: { externalId: `SURVEY-TYPED-${i}`, accountId, name: `Typed ${i}`, slackUserId },
          }),
        ),
      );
      const ask = (contact: { id: string }) =>
        createSurveyRequest(db.prisma, csm, { accountId, contactId: contact.id, surveyKey: 'nps' }, policy, now);
      const first = await ask(withFollowUp!);
      const awaiting = (at: Date, respondent = 'UTYPE1') =>
        surveyAwaitingComment(db.prisma, { respondent, channel: 'SLACK' }, at);
      // Not before scoring.
      expect(await awaiting(new Date(now.getTime() + hour))).toBeUndefined();
      const answeredAt = new Date(now.getTime() + 2 * hour);
      await answerSurvey(db.prisma, { requestId: first.requestId, respondent: 'UTYPE1', score: 8 }, answeredAt);
      expect(await awaiting(new Date(answeredAt.getTime() + 23 * hour))).toBe(first.requestId);
      expect(await awaiting(new Date(answeredAt.getTime() + 25 * hour))).toBeUndefined();
      // Nor in Teams, nor for someone else.
      expect(
        await surveyAwaitingComment(db.prisma, { respondent: 'UTYPE1', channel: 'TEAMS' }, answeredAt),
      ).toBeUndefined();
      expect(await awaiting(answeredAt, 'UTYPE2')).toBeUndefined();
      await commentOnSurvey(db.prisma, { requestId: first.requestId, respondent: 'UTYPE1', text: 'Fine.' }, answeredAt);
      expect(await awaiting(answeredAt)).toBeUndefined();

      // A survey without a follow-up question takes no comment by message.
      const second = await ask(without!);
      const { followUp: _dropped, ...bare } = second.definition;
      await db.prisma.surveyRequest.update({ where: { id: second.requestId }, data: { definition: bare } });
      await answerSurvey(db.prisma, { requestId: second.requestId, respondent: 'UTYPE2', score: 9 }, answeredAt);
      expect(await awaiting(answeredAt, 'UTYPE2')).toBeUndefined();
    },
  );
});
