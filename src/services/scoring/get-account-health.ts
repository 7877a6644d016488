import type { Assessment } from '../../core/assess-account.js';
import { isoDay } from '../../core/lifecycle/calendar.js';
import type { VoiceFigure } from '../../core/metrics/customer-voice.js';
import { cadenceStatus, type CadenceStatus } from '../../core/lifecycle/cadence-status.js';
import type { EscalationPath } from '../../core/lifecycle/lifecycle-schema.js';
import { lifecycleStage, type StageResult } from '../../core/lifecycle/lifecycle-stage.js';
import { renewalStatus, type RenewalStatus } from '../../core/lifecycle/renewal-milestones.js';
import { matchAccount, type AccountMatch } from '../../core/text/match-account.js';
import type { PrismaClient } from '../../db/client.js';
import { accountDetails, accountNames, activitiesOf, type AccountName } from '../../db/repositories/account-lookup.js';
import { scoringAccountOf, type ScoringAccount } from '../../db/repositories/scoring-data.js';
import { assessChunk } from './recompute-health.js';
import { loadPresetCatalogue } from './preset-catalogue.js';
import { accountFreshness, type SourceFreshness } from '../ingest/account-freshness.js';

export interface AccountHealthReport {
  account: {
    id: string;
    name: string;
    tier: string;
    segment: string;
    region: string | null;
    owner: string | null;
    arr: string;
    currency: string;
    renewalDate: string | null;
    status: 'ACTIVE' | 'CHURNED';
  };
  /** Undefined for churned accounts, which are not scored. */
  assessment?: Assessment;
  modelReason?: string;
  /** What clients said (NPS, CSAT, comment sentiment, last 180 days) and whether the model weighs it. */
  voice?: VoiceFigure[];
  /** Derived by the lifecycle preset's rules; `imported` is the stage the CRM or import gave, kept as it was. */
  lifecycle?: StageResult & { framework: string; imported: string | null };
  cadence?: CadenceStatus & { framework: string };
  renewal?: RenewalStatus & { framework: string };
  escalationPaths: EscalationPath[];
  /** When each source last sent data about the account (ingest API, events, connectors). */
  sources: SourceFreshness[];
}

export type AccountHealthLookup =
  { kind: 'found'; report: AccountHealthReport } | Exclude<AccountMatch<AccountName>, { kind: 'found' }>;

/**
 * The health of one account, computed now from stored data and explained against its weekly
 * snapshot at least `compareDays` (default 7) days old: "what changed this week".
 */
export async function getAccountHealth(
  prisma: PrismaClient,
  query: string,
  now: Date,
  options: { compareDays?: number } = {},
): Promise<AccountHealthLookup> {
  const match = matchAccount(query, await accountNames(prisma));
  if (match.kind !== 'found') return match;
  const catalogue = await loadPresetCatalogue(prisma);
  const details = await accountDetails(prisma, match.account.id);
  // The account as scoring reads it (active accounts only), from the row just read: a second read
  // of the same row was one of the dozen queries behind every health answer.
  const scoring: ScoringAccount | undefined = details.status === 'ACTIVE' ? scoringAccountOf(details) : undefined;
  const assessed = scoring
    ? (await assessChunk(prisma, catalogue, [scoring], now, options.compareDays ?? 7))[0]
    : undefined;
  const profile = catalogue.profile;
  const lifecyclePreset = catalogue.get(profile.lifecycle);
  const cadencePreset = catalogue.get(profile.cadence);
  const renewalPreset = catalogue.get(profile.renewals);
  const status = details.status === 'CHURNED' ? 'churned' : 'active';
  const renewalDate = details.renewalDate ? isoDay(details.renewalDate) : undefined;
  const contractStart = details.contractStart ? isoDay(details.contractStart) : undefined;
  const latest = (metric: string) => {
    const series = assessed?.assessment.kind === 'scored' ? assessed.assessment.score.dimensions : undefined;
    for (const d of Object.values(series ?? {})) {
      const input = d.inputs.find((i) => i.metric === metric && i.value !== null);
      if (input) return input.value!;
    }
    return undefined;
  };
  const report: AccountHealthReport = {
    account: {
      id: details.id,
      name: details.name,
      tier: details.tier,
      segment: details.segment,
      region: details.region,
      owner: details.owner?.name ?? null,
      arr: details.arr.toFixed(2),
      currency: details.currency,
      renewalDate: renewalDate ?? null,
      status: details.status,
    },
    escalationPaths: catalogue.get(profile.escalation).escalationPaths ?? [],
    sources: await accountFreshness(prisma, details.id, now),
  };
  if (assessed) {
    report.assessment = assessed.assessment;
    report.modelReason = assessed.modelReason;
    report.voice = assessed.voice;
  }
  if (lifecyclePreset.lifecycle) {
    const facts = {
      status,
      ...(contractStart ? { contractStart } : {}),
      ...(renewalDate ? { renewalDate } : {}),
      ...(assessed?.assessment.kind === 'scored' ? { overall: assessed.assessment.score.overall } : {}),
      latest,
    } as const;
    report.lifecycle = {
      ...lifecycleStage(lifecyclePreset.lifecycle, facts, now),
      framework: lifecyclePreset.id,
      imported: details.lifecycleStage || null,
    };
  }
  if (cadencePreset.cadence && status === 'active') {
    const activities = await activitiesOf(prisma, details.id, new Date(now.getTime() - 400 * 86_400_000));
    const cadence = cadenceStatus(
      cadencePreset.cadence,
      { tier: details.tier, segment: details.segment, ...(contractStart ? { contractStart } : {}) },
      activities.map((a) => ({ kind: a.kind, occurredAt: a.occurredAt.toISOString() })),
      now,
    );
    if (cadence) report.cadence = { ...cadence, framework: cadencePreset.id };
  }
  if (renewalPreset.renewalMilestones && renewalDate && status === 'active') {
    report.renewal = {
      ...renewalStatus(renewalPreset.renewalMilestones, renewalDate, now),
      framework: renewalPreset.id,
    };
  }
  return { kind: 'found', report };
}
