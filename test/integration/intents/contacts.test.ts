import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCall, handleMessage } from '../../../src/conversation/handle-message.js';
import { parseIntent } from '../../../src/conversation/parse-intent.js';
import type { Actor } from '../../../src/services/access/actor.js';
import { testClock } from '../../support/test-clock.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../../support/test-database.js';

// The worked example of docs/adding-an-intent.md: one intent file, this test.
describe('contacts <account>', () => {
  it.each([
    ['contacts Acme Corp', { kind: 'contacts', account: 'Acme Corp' }],
    ['/tend contacts acme', { kind: 'contacts', account: 'acme' }],
    ['who are the contacts at Globex?', { kind: 'contacts', account: 'Globex' }],
    ['who do we know at Initech', { kind: 'contacts', account: 'Initech' }],
    ['contacts', { kind: 'unknown', text: 'contacts' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseIntent(text)).toEqual(expected);
  });

  describe.each(databaseKinds)('on %s', (kind) => {
    let db: TestDatabase;
    const csm: Actor = { role: 'csm', external: false, place: 'dm' };
    const ask = (text: string, actor: Actor = csm) =>
      handleMessage({ prisma: db.prisma, now: testClock.now }, { text, channel: 'shell', actor });

    beforeAll(async () => {
      if (skipPostgres(kind)) return;
      db = await createTestDatabase(kind);
      const acme = await db.prisma.account.create({
        data: {
          externalId: 'ACME',
          name: 'Acme Corp',
          segment: 'standard',
          tier: 'professional',
          lifecycleStage: 'adoption',
          arr: 120_000,
        },
      });
      await db.prisma.contact.createMany({
        data: [
          { externalId: 'C1', accountId: acme.id, name: 'Bea User', role: 'user', email: 'bea@acme.example' },
          {
            externalId: 'C2',
            accountId: acme.id,
            name: 'Cal Champion',
            role: 'champion',
            title: 'Head of Ops',
            slackUserId: 'UCAL',
          },
          { externalId: 'C3', accountId: acme.id, name: 'Ann Buyer', role: 'decision_maker', surveyOptOut: true },
        ],
      });
    });
    afterAll(async () => db?.close());

    it.skipIf(skipPostgres(kind))('lists the people, champions and decision makers first', async () => {
      const reply = await ask('who are the contacts at acme?');
      expect(reply.headline).toBe('3 contact(s) at Acme Corp');
      expect(reply.table?.rows).toEqual([
        ['Cal Champion', 'champion', 'Head of Ops', '', 'Slack', 'never surveyed'],
        ['Ann Buyer', 'decision maker', '', '', 'none', 'opted out'],
        ['Bea User', 'user', '', 'bea@acme.example', 'none', 'never surveyed'],
      ]);
    });

    it.skipIf(skipPostgres(kind))(
      'answers for the account behind an obvious typo; a button runs the intent',
      async () => {
        const reply = await ask('contacts Acme Crop');
        expect(reply.headline).toBe('(I read "Acme Crop" as Acme Corp.)\n3 contact(s) at Acme Corp');
        const pressed = await handleCall(
          { prisma: db.prisma, now: testClock.now },
          { intent: 'contacts', args: { account: 'Acme Corp' } },
          { channel: 'slack', actor: csm },
        );
        expect(pressed.headline).toBe('3 contact(s) at Acme Corp');
      },
    );

    it.skipIf(skipPostgres(kind))('shows nothing to people outside the account team', async () => {
      const reply = await ask('contacts Acme Corp', { role: 'none', external: true, place: 'dm' });
      expect(reply.headline).toBe('Tend answers questions from the account team only.');
      expect(JSON.stringify(reply)).not.toMatch(/Cal Champion|bea@/);
    });
  });
});
