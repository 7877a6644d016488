import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/conversation/handle-message.js';
import { parseIntent } from '../../../src/conversation/parse-intent.js';
import type { Actor } from '../../../src/services/access/actor.js';
import { testClock, testNow } from '../../support/test-clock.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../../support/test-database.js';

// "who owns Acme?", "what is the ARR of Globex?", "when does Initech renew?": one fact, from the book.
describe('account facts', () => {
  it.each([
    ['who owns Kestrel Robotics?', { kind: 'account_facts', account: 'Kestrel Robotics', fact: 'owner' }],
    ['what is the ARR of Cedarline Capital?', { kind: 'account_facts', account: 'Cedarline Capital', fact: 'arr' }],
    [
      'who is the executive sponsor at Stark Media?',
      { kind: 'account_facts', account: 'Stark Media', fact: 'sponsor' },
    ],
    ['when does Bluth Labs renew?', { kind: 'account_facts', account: 'Bluth Labs', fact: 'renewal' }],
    ['when did we last talk to Acme?', { kind: 'account_facts', account: 'Acme', fact: 'last_touch' }],
    ['what tier is Globex on', { kind: 'account_facts', account: 'Globex', fact: 'tier' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseIntent(text)).toMatchObject(expected);
  });

  describe.each(databaseKinds)('on %s', (kind) => {
    let db: TestDatabase;
    const csm: Actor = { role: 'csm', external: false, place: 'dm' };
    const ask = (text: string, actor: Actor = csm) =>
      handleMessage({ prisma: db.prisma, now: testClock.now }, { text, channel: 'shell', actor });

    beforeAll(async () => {
      if (skipPostgres(kind)) return;
      db = await createTestDatabase(kind);
      const owner = await db.prisma.user.create({
        data: { email: 'sam@tend.example', name: 'Sam Okoro', role: 'CSM' },
      });
      const acme = await db.prisma.account.create({
        data: {
          externalId: 'ACME',
          name: 'Acme Corp',
          segment: 'strategic',
          tier: 'enterprise',
          lifecycleStage: 'adoption',
          arr: 579_555,
          currency: 'USD',
          ownerId: owner.id,
          executiveSponsor: 'Dana Whitfield (CFO)',
          renewalDate: new Date(testNow.getTime() + 40 * 86_400_000),
        },
      });
      await db.prisma.contact.create({
        data: { externalId: 'C1', accountId: acme.id, name: 'Chris Champion', role: 'champion' },
      });
      await db.prisma.activity.create({
        data: {
          accountId: acme.id,
          kind: 'meeting',
          title: 'Quarterly review',
          occurredAt: new Date(testNow.getTime() - 12 * 86_400_000),
        },
      });
    });
    afterAll(async () => db?.close());
    const run = it.skipIf(skipPostgres(kind));

    run('answers each fact from the book, money as people read it', async () => {
      expect((await ask('who owns Acme Corporation?')).headline).toBe('Acme Corp is owned by Sam Okoro.');
      expect((await ask('what is the ARR of Acme?')).headline).toBe('Acme Corp: ARR $579,555.');
      const renew = new Date(testNow.getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
      expect((await ask('when does Acme renew?')).headline).toBe(`Acme Corp renews on ${renew} (in 40 days).`);
      expect((await ask('who is the executive sponsor at Acme?')).headline).toBe(
        "Acme Corp's executive sponsor is Dana Whitfield (CFO).",
      );
      expect((await ask('when did we last talk to Acme?')).headline).toMatch(
        /^Last touchpoint with Acme Corp: meeting “Quarterly review” on \d{4}-\d{2}-\d{2} \(12 days ago\)\.$/,
      );
      const card = await ask('who owns Acme');
      expect(card.facts?.find((f) => f.label === 'Champion')?.value).toBe('Chris Champion');
    });

    run('answers for the account behind an obvious typo, and tells an outsider nothing', async () => {
      const typo = await ask('who owns Acme Crop?');
      expect(typo.headline).toMatch(/^\(I read "Acme Crop" as Acme Corp\.\)\nAcme Corp is owned by /);
      const outsider = await ask('who owns Acme?', { role: 'none', external: true, place: 'dm' });
      expect(outsider.headline).toBe('Tend answers questions from the account team only.');
    });
  });
});
