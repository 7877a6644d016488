import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hubspotTasks } from '../../../src/connectors/hubspot/hubspot-tasks.js';
import { salesforceTasks } from '../../../src/connectors/salesforce/salesforce-tasks.js';
import { playSchema } from '../../../src/core/plays/play-schema.js';
import { jobDefinitions } from '../../../src/jobs/job-definitions.js';
import { runJobOnce } from '../../../src/jobs/run-job.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { Actor } from '../../../src/services/access/actor.js';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import { actOnTask } from '../../../src/services/plays/act-on-task.js';
import { chatPlayEffects } from '../../../src/services/plays/chat-play-effects.js';
import type { CrmTasks } from '../../../src/services/plays/crm-tasks.js';
import { decideApproval } from '../../../src/services/plays/decide-approval.js';
import { startPlayRun } from '../../../src/services/plays/start-play-run.js';
import { syncCrmTasks } from '../../../src/services/plays/sync-crm-tasks.js';
import { startFakeHubspot } from '../../support/fake-hubspot.js';
import { startFakeSalesforce } from '../../support/fake-salesforce.js';
import { testAlertsConfig } from '../../support/tend-test-config.js';
import { testNow } from '../../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const logger = createLogger({ level: 'silent' });
const dayMs = 86_400_000;

// A play whose two human steps are mirrored as CRM tasks (each after the run owner approves).
const play = playSchema.parse({
  id: 'crm-follow-up',
  name: 'Follow-up tracked in the CRM',
  source: 'test',
  steps: [
    { kind: 'human', title: 'Strategy call with the decision maker', who: 'owner', dueDays: 7 },
    { kind: 'system', title: 'Put the strategy call in the CRM', action: 'crm_task', mirrors: 1, dueDays: 0 },
    { kind: 'human', title: 'Send the optimisation summary', who: 'owner', dueDays: 10 },
    { kind: 'system', title: 'Put the summary in the CRM', action: 'crm_task', mirrors: 3, dueDays: 0 },
  ],
  success: { kind: 'not_at_risk', withinDays: 45 },
});

// CRM write-back through each vendor's SDK against a local fake of its documented API: the task is
// created once after approval, owned by the CSM's CRM user, linked to the account's record; completing
// it in the CRM completes the step on the next sync, and finishing the step in Tend closes it there.
describe('play steps mirrored as CRM tasks', () => {
  let db: TestDatabase;
  let owner: Actor;
  let ownerEmail: string;
  let hubspot: Awaited<ReturnType<typeof startFakeHubspot>>;
  let salesforce: Awaited<ReturnType<typeof startFakeSalesforce>>;
  let accounts: { id: string; name: string }[];
  const effects = (crmTasks?: CrmTasks) =>
    chatPlayEffects({
      prisma: db.prisma,
      notifiers: {},
      logger,
      surveys: { policy: { minDaysBetween: 30, expiryDays: 14 }, deliver: async () => undefined },
      ...(crmTasks ? { crmTasks } : {}),
      now: () => testNow,
    });
  const hubspotCrm = () => hubspotTasks({ accessToken: 'pat-1', apiBase: hubspot.url });
  const salesforceCrm = () =>
    salesforceTasks({ loginUrl: salesforce.url, clientId: 'app', clientSecret: 'secret-1', apiVersion: '62.0' });
  const tasksOf = (runId: string) => db.prisma.playTask.findMany({ where: { runId }, orderBy: { stepIndex: 'asc' } });
  const approve = (taskId: string, crm?: CrmTasks) =>
    decideApproval(db.prisma, owner, { taskId, decision: 'approve' }, effects(crm), testNow);

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 5, today: testNow, accounts: 12, historyWeeks: 4 });
    const user = await db.prisma.user.findFirstOrThrow({
      where: { role: 'CSM', ownedAccounts: { some: {} } },
      select: { id: true, email: true },
      orderBy: { email: 'asc' },
    });
    owner = { role: 'csm', external: false, place: 'dm', userId: user.id };
    ownerEmail = user.email!;
    accounts = await db.prisma.account.findMany({
      where: { ownerId: user.id },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
      take: 3,
    });
    expect(accounts).toHaveLength(3);
    // As the default mappings name them: a HubSpot company id, a Salesforce Account Id.
    await db.prisma.account.update({ where: { id: accounts[0]!.id }, data: { externalId: 'hubspot-501' } });
    await db.prisma.account.update({ where: { id: accounts[1]!.id }, data: { externalId: '001000000000042AAA' } });
    hubspot = await startFakeHubspot();
    salesforce = await startFakeSalesforce();
  });
  beforeEach(() => {
    hubspot.owners.splice(0, hubspot.owners.length, { id: '77', email: ownerEmail.toUpperCase() });
  });
  afterAll(async () => {
    await hubspot?.close();
    await salesforce?.close();
    await db?.close();
  });

  it('HubSpot: approved once, owned by the CSM, linked to the company; done in HubSpot -> done in Tend', async () => {
    const run = await startPlayRun(db.prisma, { accountId: accounts[0]!.id, play, startedBy: 'test' }, testNow);
    const [call, mirror] = await tasksOf(run.runId);
    expect(mirror).toMatchObject({ state: 'AWAITING_APPROVAL', message: 'Strategy call with the decision maker' });

    const first = await approve(mirror!.id, hubspotCrm());
    const again = await approve(mirror!.id, hubspotCrm());
    expect(first).toMatchObject({ ok: true });
    expect(first.message).toBe(`Sent (HubSpot task 9001 for ${ownerEmail} on ${accounts[0]!.name})`);
    expect(again.message).toBe('Already sent');
    expect(hubspot.data.tasks).toHaveLength(1);
    expect(hubspot.data.tasks![0]!.properties).toMatchObject({
      hs_task_subject: 'Strategy call with the decision maker',
      hs_task_status: 'NOT_STARTED',
      hubspot_owner_id: '77',
      hs_timestamp: new Date(testNow.getTime() + 7 * dayMs).toISOString(),
    });
    expect(hubspot.taskAssociations.get('9001')).toEqual([
      { to: { id: '501' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] },
    ]);
    expect((await db.prisma.playTask.findUniqueOrThrow({ where: { id: call!.id } })).crmRef).toBe('hubspot:9001');

    // Nothing changed in HubSpot yet: nothing changes in Tend.
    expect(await syncCrmTasks(db.prisma, hubspotCrm(), logger, testNow)).toEqual({
      doneFromCrm: 0,
      closedInCrm: 0,
      missing: 0,
      failed: 0,
    });
    hubspot.data.tasks![0]!.properties.hs_task_status = 'COMPLETED';
    const later = new Date(testNow.getTime() + dayMs);
    expect(await syncCrmTasks(db.prisma, hubspotCrm(), logger, later)).toMatchObject({
      doneFromCrm: 1,
      closedInCrm: 0,
    });
    const done = await db.prisma.playTask.findUniqueOrThrow({ where: { id: call!.id } });
    expect(done).toMatchObject({ state: 'DONE', doneAt: later, doneById: null });
    const events = await db.prisma.playEvent.findMany({
      where: { taskId: call!.id },
      select: { kind: true, detail: true },
    });
    expect(events).toEqual([{ kind: 'done', detail: { in: 'hubspot', ref: 'hubspot:9001' } }]);
    // A second sync finds nothing new and does not write back what came from HubSpot.
    expect(await syncCrmTasks(db.prisma, hubspotCrm(), logger, later)).toMatchObject({
      doneFromCrm: 0,
      closedInCrm: 0,
    });
  });

  it('HubSpot: a step done in Tend completes its HubSpot task, once; the play then completes', async () => {
    const run = await db.prisma.playRun.findFirstOrThrow({ where: { accountId: accounts[0]!.id, playId: play.id } });
    const [, , summary, mirror] = await tasksOf(run.id);
    expect((await approve(mirror!.id, hubspotCrm())).ok).toBe(true);
    expect(hubspot.data.tasks).toHaveLength(2);
    const acted = await actOnTask(db.prisma, owner, { taskId: summary!.id, action: { kind: 'done' } }, testNow);
    expect(acted.message).toBe('Done; every step is done, the play is complete');
    expect(hubspot.data.tasks![1]!.properties.hs_task_status).toBe('NOT_STARTED');
    expect(await syncCrmTasks(db.prisma, hubspotCrm(), logger, testNow)).toMatchObject({ closedInCrm: 1 });
    expect(hubspot.data.tasks![1]!.properties.hs_task_status).toBe('COMPLETED');
    hubspot.data.tasks![1]!.properties.hs_task_status = 'NOT_STARTED';
    expect(await syncCrmTasks(db.prisma, hubspotCrm(), logger, testNow)).toMatchObject({ closedInCrm: 0 });
    expect(hubspot.data.tasks![1]!.properties.hs_task_status).toBe('NOT_STARTED');
    expect((await db.prisma.playRun.findUniqueOrThrow({ where: { id: run.id } })).state).toBe('COMPLETED');
  });

  it('keeps a failure on the step with a reason to act on, and writes once when retried', async () => {
    const run = await startPlayRun(db.prisma, { accountId: accounts[2]!.id, play, startedBy: 'test' }, testNow);
    const [, mirror] = await tasksOf(run.runId);
    const none = await approve(mirror!.id);
    expect(none.message).toBe(
      'Failed: no CRM is set up for tasks: set HubSpot or Salesforce credentials (and TEND_CRM_TASKS when both are set). Press Retry once it is fixed',
    );
    hubspot.owners.splice(0);
    const unknown = await approve(mirror!.id, hubspotCrm());
    expect(unknown.message).toContain(`no HubSpot user has the email ${ownerEmail}`);
    hubspot.state.token = 'pat-2';
    const refused = await approve(mirror!.id, hubspotCrm());
    expect(refused.message).toBe(
      'Failed: hubspot refused the credentials (401); renew them. Press Retry once it is fixed',
    );
    expect(refused.message).not.toContain('pat-1');
    hubspot.state.token = 'pat-1';
    hubspot.owners.push({ id: '77', email: ownerEmail });
    const before = hubspot.data.tasks!.length;
    const retried = await approve(mirror!.id, hubspotCrm());
    // Not a HubSpot company: the task is written, unlinked, and says so.
    expect(retried.message).toMatch(
      /^Sent \(HubSpot task \d+ for .* \(not linked to .*: it did not come from HubSpot\)\)$/,
    );
    expect(hubspot.data.tasks!.length).toBe(before + 1);
    const failures = await db.prisma.playEvent.count({ where: { taskId: mirror!.id, kind: 'failed' } });
    expect(failures).toBe(3);
    // Deleted in HubSpot (the batch read answers 207 with it among the errors): counted, the step stays open.
    hubspot.data.tasks!.pop();
    expect(await syncCrmTasks(db.prisma, hubspotCrm(), logger, testNow)).toMatchObject({ missing: 1, doneFromCrm: 0 });
    expect((await tasksOf(run.runId))[0]!.state).toBe('OPEN');
  });

  it('Salesforce: a Task owned by the active user with the email, on the Account; both ways', async () => {
    salesforce.data.User!.push(
      {
        Id: '005000000000001AAA',
        Email: 'someone@else.example',
        IsActive: true,
        SystemModstamp: '2026-01-01T00:00:00.000+0000',
      },
      { Id: '005000000000002AAA', Email: ownerEmail, IsActive: true, SystemModstamp: '2026-01-01T00:00:00.000+0000' },
    );
    const run = await startPlayRun(db.prisma, { accountId: accounts[1]!.id, play, startedBy: 'test' }, testNow);
    const [call, callMirror, summary, summaryMirror] = await tasksOf(run.runId);
    expect((await approve(callMirror!.id, salesforceCrm())).message).toBe(
      `Sent (Salesforce task 00T000000000000001 for ${ownerEmail} on ${accounts[1]!.name})`,
    );
    expect((await approve(summaryMirror!.id, salesforceCrm())).ok).toBe(true);
    expect(salesforce.data.Task).toHaveLength(2);
    expect(salesforce.data.Task![0]).toMatchObject({
      Subject: 'Strategy call with the decision maker',
      OwnerId: '005000000000002AAA',
      WhatId: '001000000000042AAA',
      ActivityDate: new Date(testNow.getTime() + 7 * dayMs).toISOString().slice(0, 10),
      Status: 'Not Started',
      IsClosed: false,
    });
    Object.assign(salesforce.data.Task![0]!, { Status: 'Completed', IsClosed: true });
    await actOnTask(
      db.prisma,
      owner,
      { taskId: summary!.id, action: { kind: 'skip', reason: 'covered in the call' } },
      testNow,
    );
    expect(await syncCrmTasks(db.prisma, salesforceCrm(), logger, testNow)).toEqual({
      doneFromCrm: 1,
      closedInCrm: 1,
      missing: 0,
      failed: 0,
    });
    expect((await db.prisma.playTask.findUniqueOrThrow({ where: { id: call!.id } })).state).toBe('DONE');
    // Skipped in Tend: deferred in Salesforce, not marked completed.
    expect(salesforce.data.Task![1]).toMatchObject({ Status: 'Deferred', IsClosed: true });
    // The HubSpot tasks are not Salesforce's business.
    expect(salesforce.state.queries.filter((q) => q.includes('FROM Task')).join()).not.toContain('9001');
  });

  it('runs in the sync-sources job: once per slot across replicas', async () => {
    const run = await startPlayRun(db.prisma, { accountId: accounts[0]!.id, play, startedBy: 'test' }, testNow);
    const [call, mirror] = await tasksOf(run.runId);
    expect((await approve(mirror!.id, hubspotCrm())).ok).toBe(true);
    hubspot.data.tasks!.at(-1)!.properties.hs_task_status = 'COMPLETED';
    const job = jobDefinitions.find((j) => j.name === 'sync-sources')!;
    const deps = {
      prisma: db.prisma,
      logger,
      notifiers: {},
      config: {
        alerts: testAlertsConfig,
        scheduleTimeZone: 'UTC',
        surveys: { minDaysBetween: 30, expiryDays: 14 },
        connectors: { hubspot: { accessToken: 'pat-1', apiBase: hubspot.url }, crmTasks: 'hubspot' as const },
      },
    };
    const at = new Date(testNow.getTime() + 2 * dayMs);
    const first = await runJobOnce(deps, job, at, 'replica-a');
    const second = await runJobOnce(deps, job, at, 'replica-b');
    expect(first).toMatchObject({ status: 'ran', summary: { crmTasks: { doneFromCrm: 1 } } });
    expect(second.status).toBe('skipped');
    expect((await db.prisma.playTask.findUniqueOrThrow({ where: { id: call!.id } })).state).toBe('DONE');
  });
});
