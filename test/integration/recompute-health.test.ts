import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../../src/conversation/handle-message.js';
import { healthReply } from '../../src/conversation/health-replies.js';
import { scoringPresets } from '../../src/core/presets/built-in-presets.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { getAccountHealth } from '../../src/services/scoring/get-account-health.js';
import {
  loadPresetCatalogue,
  saveCustomPreset,
  updateWorkspaceProfile,
} from '../../src/services/scoring/preset-catalogue.js';
import { recomputeHealth, storedScore } from '../../src/services/scoring/recompute-health.js';
import { presetSource } from '../../src/core/presets/built-in-presets.js';
import { testNow } from '../support/test-clock.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds)('health recompute on %s', (kind) => {
  let db: TestDatabase;
  let active: number;
  // Each recompute and read an hour after the one before, as the scheduled jobs would run.
  let hours = 0;
  const nextNow = () => new Date(testNow.getTime() + ++hours * 3_600_000);
  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, {
      seed: 3,
      today: testNow,
      accounts: 40,
      historyWeeks: 0,
      outcomeHistory: false,
    });
    active = await db.prisma.account.count({ where: { status: 'ACTIVE' } });
  });
  afterAll(async () => db?.close());

  it.skipIf(skipPostgres(kind))(
    'scores every active account and stores an explained snapshot with the model id and version',
    async () => {
      const result = await recomputeHealth(db.prisma, { now: nextNow(), mode: 'all' });
      expect(result).toMatchObject({ considered: active, scored: active });
      const snapshots = await db.prisma.healthSnapshot.findMany();
      expect(snapshots).toHaveLength(active);
      const one = snapshots[0]!;
      expect(one).toMatchObject({ modelId: 'bis-table', modelVersion: '1' });
      const explanation = storedScore(one.explanation)!;
      expect(explanation.overall).toBe(one.overall);
      expect(explanation.band.key).toBe(one.band);
      // jsonb keeps no key order.
      expect(Object.keys(one.dimensions as object).sort()).toEqual([
        'business_value',
        'expansion',
        'relationship',
        'support',
        'usage',
      ]);
      expect(Array.isArray(one.signals)).toBe(true);
    },
  );

  it.skipIf(skipPostgres(kind))('rescoring only what changed: new data, or a new model for the account', async () => {
    expect((await recomputeHealth(db.prisma, { now: nextNow(), mode: 'changed' })).considered).toBe(0);
    const globex = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'acc-0002' } });
    await db.prisma.metricObservation.create({
      data: { accountId: globex.id, key: 'dau_pct', date: testNow, value: 5, source: 'test' },
    });
    const changed = await recomputeHealth(db.prisma, { now: nextNow(), mode: 'changed' });
    expect(changed).toMatchObject({ considered: 1, scored: 1 });

    await updateWorkspaceProfile(db.prisma, (p) => ({ ...p, modelByTier: { enterprise: 'mapleai' } }));
    const enterprise = await db.prisma.account.count({ where: { status: 'ACTIVE', tier: 'enterprise' } });
    const rescored = await recomputeHealth(db.prisma, { now: nextNow(), mode: 'changed' });
    expect(rescored.considered).toBe(enterprise);
    const latest = await db.prisma.healthSnapshot.findFirstOrThrow({
      where: { account: { tier: 'enterprise' } },
      orderBy: [{ computedAt: 'desc' }, { recordedAt: 'desc' }],
    });
    expect(latest.modelId).toBe('mapleai');
  });

  it.skipIf(skipPostgres(kind))(
    'explains an account against its last snapshot, with lifecycle, cadence and renewal',
    async () => {
      const result = await getAccountHealth(db.prisma, 'globex', nextNow());
      expect(result.kind).toBe('found');
      if (result.kind !== 'found') return;
      const { report } = result;
      expect(report.account.name).toBe('Globex Industries');
      expect(report.assessment!.kind).toBe('scored');
      if (report.assessment!.kind !== 'scored') return;
      expect(report.assessment!.score.change).toBeDefined();
      expect(report.lifecycle!.framework).toBe('omnigaze');
      // The imported stage is kept beside the derived one, and the answer says which is which.
      const stored = await db.prisma.account.findFirstOrThrow({ where: { name: 'Globex Industries' } });
      expect(report.lifecycle!.imported).toBe(stored.lifecycleStage);
      expect(healthReply(report).facts?.find((f) => f.label === 'Stage')?.value).toMatch(
        /^[\w -]+ \(derived by omnigaze rules(; imported as [\w -]+)?\)$/,
      );
      expect(report.cadence!.framework).toBe('bymb');
      expect(report.renewal!.daysToRenewal).toBeGreaterThanOrEqual(0);

      const typo = await getAccountHealth(db.prisma, 'Globx Industries', nextNow());
      expect(typo).toMatchObject({ kind: 'not_found', suggestions: [{ name: 'Globex Industries' }] });
    },
  );

  it.skipIf(skipPostgres(kind))('scores the portfolio with each of the five presets', async () => {
    for (const preset of scoringPresets()) {
      await updateWorkspaceProfile(db.prisma, (p) => ({ ...p, model: preset.id, modelByTier: {} }));
      const result = await recomputeHealth(db.prisma, { now: nextNow(), mode: 'all' });
      expect(result.scored, preset.id).toBe(active);
      const latest = await db.prisma.healthSnapshot.findMany({
        where: { modelId: preset.id },
        select: { overall: true, confidence: true },
      });
      expect(latest.length).toBeGreaterThanOrEqual(active);
      expect(latest.every((s) => s.overall !== null && s.overall >= 0 && s.overall <= 100)).toBe(true);
      // The demo portfolio carries every metric the presets read.
      expect(latest.reduce((t, s) => t + s.confidence!, 0) / latest.length, preset.id).toBeGreaterThan(0.8);
    }
  });

  it.skipIf(skipPostgres(kind))("stores a customer's edited copy of a preset and uses it", async () => {
    const copy = structuredClone(presetSource('mapleai')) as {
      id: string;
      name: string;
      model: { id: string; dimensions: { weight: number }[] };
    };
    copy.id = 'mapleai-ours';
    copy.model.id = 'mapleai-ours';
    copy.model.dimensions[0]!.weight = 50;
    copy.model.dimensions[1]!.weight = 20;
    await saveCustomPreset(db.prisma, copy);
    await updateWorkspaceProfile(db.prisma, (p) => ({ ...p, model: 'mapleai-ours' }));
    expect((await loadPresetCatalogue(db.prisma)).get('mapleai-ours').model!.dimensions[0]!.weight).toBe(50);
    await expect(saveCustomPreset(db.prisma, presetSource('mapleai'))).rejects.toThrow(/built-in preset/);
    await expect(saveCustomPreset(db.prisma, { ...copy, model: { ...copy.model, dimensions: [] } })).rejects.toThrow(
      /dimensions/,
    );
    await expect(updateWorkspaceProfile(db.prisma, (p) => ({ ...p, model: 'mapelai' }))).rejects.toThrow(
      /Did you mean "mapleai"/,
    );
  });

  it.skipIf(skipPostgres(kind))('one account with a value that breaks scoring never stops the others', async () => {
    // A value stored before ranges were checked at the door (or by a direct database write).
    const bad = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'acc-0003' } });
    await db.prisma.metricObservation.createMany({
      data: ['support_tickets', 'tickets_per_user_monthly', 'dau_pct'].map((key) => ({
        accountId: bad.id,
        key,
        date: testNow,
        value: 1e308,
        source: 'legacy',
      })),
    });
    const result = await recomputeHealth(db.prisma, { now: nextNow(), mode: 'all' });
    expect(result.failed).toEqual([expect.objectContaining({ accountId: bad.id, name: bad.name })]);
    expect(result.scored).toBe(active - 1);
    expect(result.accountIds).not.toContain(bad.id);
    // Kept where a manager looks (the sources answer) until a scoring succeeds.
    const admin = await db.prisma.user.findFirstOrThrow({ where: { role: 'ADMIN' } });
    const ask = () =>
      handleMessage(
        { prisma: db.prisma, now: () => testNow },
        { text: 'sources', channel: 'shell', actor: { userId: admin.id, role: 'admin', external: false, place: 'dm' } },
      );
    const failing = (await ask()).sections?.find((x) => x.title === 'Could not be scored (1)');
    expect(failing?.lines[0]).toMatch(new RegExp(`^${bad.name}: .+`));
    await db.prisma.metricObservation.deleteMany({ where: { accountId: bad.id, value: 1e308 } });
    await recomputeHealth(db.prisma, { now: nextNow(), mode: 'all', accountIds: [bad.id] });
    expect((await ask()).sections?.find((x) => x.title?.startsWith('Could not be scored'))).toBeUndefined();
  });
});
