import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePeople, type PersonClaim } from '../../src/services/access/identity.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

// The one identity decision every surface goes through (Slack, Teams, MCP, --as, tasks, reminders,
// escalations): a client contact and an outsider win over any Tend role. The surfaces' own tests
// (docs/security.md) prove each of them uses it; this proves the order, case by case.
describe.each(databaseKinds)('identity precedence on %s', (kind) => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    const account = await db.prisma.account.create({
      data: { externalId: 'acc-1', name: 'Client Co', segment: 'smb', tier: 'basic', lifecycleStage: 'adopt', arr: 1 },
    });
    const users = [
      { email: 'staff@tend.example', name: 'Staff', role: 'ADMIN' as const, slackUserId: 'USTAFF' },
      { email: 'cfo@client.example', name: 'Cfo', role: 'ADMIN' as const, slackUserId: 'UCFO' },
      { email: 'resident@tend.example', name: 'Resident', role: 'MANAGER' as const, teamsAadObjectId: 'aad-res' },
      { email: 'old@tend.example', name: 'Old', role: 'CSM' as const, active: false },
      { email: 'unlinked@tend.example', name: 'Unlinked', role: 'CSM' as const },
    ];
    for (const u of users) ids[u.email] = (await db.prisma.user.create({ data: u })).id;
    await db.prisma.contact.createMany({
      data: [
        // Known by email only (stored lower-case), and by a Teams id only.
        { externalId: 'c1', accountId: account.id, name: 'Cfo', email: 'cfo@client.example' },
        { externalId: 'c2', accountId: account.id, name: 'Resident', teamsAadObjectId: 'aad-res' },
        { externalId: 'c3', accountId: account.id, name: 'Kim', slackUserId: 'UKIM' },
      ],
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skipPostgres(kind))('puts client contacts and outsiders before any Tend role, in one pass', async () => {
    const cases: [string, PersonClaim, unknown][] = [
      ['staff by Slack id', { slackUserId: 'USTAFF', platform: 'member' }, { kind: 'user', role: 'admin' }],
      [
        'a contact known by email, speaking by Slack id',
        { slackUserId: 'UCFO', platform: 'member' },
        { kind: 'client' },
      ],
      ['the same by user id (a task assignee)', { userId: ids['cfo@client.example']! }, { kind: 'client' }],
      ['the same by email in another case (--as)', { email: 'CFO@Client.Example' }, { kind: 'client' }],
      ['a contact by Teams id', { teamsAadObjectId: 'aad-res', platform: 'member' }, { kind: 'client' }],
      ['a contact by Slack id, no Tend user', { slackUserId: 'UKIM', platform: 'member' }, { kind: 'client' }],
      ['a guest with a Tend role', { slackUserId: 'USTAFF', platform: 'outsider' }, { kind: 'outsider' }],
      ['someone the platform will not describe', { slackUserId: 'USTAFF', platform: 'unknown' }, { kind: 'outsider' }],
      ['a deactivated user', { email: 'old@tend.example' }, { kind: 'user', role: 'none' }],
      ['a member Tend does not know', { slackUserId: 'UNEW', platform: 'member' }, { kind: 'member' }],
      // A verified email finds a Tend user not yet linked to that platform, and says the link is to make.
      [
        'a verified email, first contact',
        { slackUserId: 'UNEW2', email: 'unlinked@tend.example', platform: 'member' },
        { kind: 'user', linkable: true },
      ],
      // The email of a Tend user already linked to another Slack account is not this person's.
      [
        "someone else's verified email",
        { slackUserId: 'UOTHER', email: 'staff@tend.example', platform: 'member' },
        { kind: 'member' },
      ],
    ];
    const people = await resolvePeople(
      db.prisma,
      cases.map((c) => c[1]),
    );
    cases.forEach(([name, , expected], i) => expect(people[i], name).toMatchObject(expected as object));
  });
});
