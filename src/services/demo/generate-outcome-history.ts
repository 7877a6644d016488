import type { HealthModel, Normaliser } from '../../core/scoring/health-model-schema.js';
import type { HealthScore } from '../../core/scoring/health-score.js';
import { indexObservations, type Observation } from '../../core/scoring/resolve-inputs.js';
import { scoreAccount } from '../../core/scoring/score-account.js';
import type { AccountRow } from '../import/row-schemas.js';
import { companySuffixes, industries } from './demo-vocabulary.js';
import { SeededRandom } from './seeded-random.js';

// Eighteen months of renewals for the demo, in which churn follows hidden causes: usage decay,
// champion loss, support storms and low NPS, with noise. Each contract's scores in the six months
// before its outcome come from the real scorer, fed metrics that those causes shaped; the outcome
// comes from the hidden model below, which the health model never sees. A backtest then has
// something true to find, and a calibration something to recover.

/**
 * The hidden model: log-odds of churn at a contract's end. Usage shortfall (1 - usage level, 0..1)
 * matters most, then losing the champion, then a support storm in the last six months; low NPS
 * also counts but no dimension of the default model measures it. The causes start months before
 * the renewal, as they do: a score read 90 days ahead can see them.
 */
export const hiddenChurnModel = {
  intercept: -3.8,
  usageShortfall: 6,
  championLost: 2.2,
  supportStorm: 1.2,
  lowNps: 0.8,
  noise: 0.9,
} as const;

/**
 * The dominant drivers, as the default model's dimensions, strongest first: calibration must find
 * this order. Support storms also count, but less, and often after the 90-day reading point.
 */
export const hiddenDriverRank = ['usage', 'relationship'] as const;

export interface ActiveAccountForHistory {
  externalId: string;
  arr: number;
  currency: string;
  contractStart: string | null;
  renewalDate: string | null;
}

export interface HistoricOutcome {
  externalId: string;
  accountExternalId: string;
  kind: 'RENEWED' | 'EXPANDED' | 'CONTRACTED' | 'CHURNED';
  occurredOn: string;
  arrBefore: number;
  arrAfter: number;
  currency: string;
}

export interface HistoricSnapshot {
  accountExternalId: string;
  score: HealthScore;
}

export interface OutcomeHistory {
  formerAccounts: AccountRow[];
  outcomes: HistoricOutcome[];
  snapshots: HistoricSnapshot[];
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** A raw metric value whose normalised score is about `level` x 100 under this normaliser. */
function rawFor(normaliser: Normaliser, level: number): number {
  switch (normaliser.kind) {
    case 'percentage':
      return 100 * level;
    case 'linear_to_target':
      return normaliser.target * level;
    case 'ratio_to_baseline':
      return normaliser.baseline * level;
    case 'inverse':
      return normaliser.bad - level * (normaliser.bad - normaliser.good);
    case 'nps':
      return -100 + 200 * level;
    case 'csat':
      return 1 + 4 * level;
    default:
      return 100 * level;
  }
}

interface Contract {
  outcomeDay: number;
  usage0: number;
  decay: { from: number; depth: number } | null;
  relationship0: number;
  championLostDay: number | null;
  support0: number;
  storm: { from: number; to: number } | null;
  lowNps: boolean;
  value: number;
  expansion: number;
}

function drawContract(rng: SeededRandom, outcomeDay: number): Contract {
  return {
    outcomeDay,
    usage0: rng.between(0.72, 1),
    decay: rng.chance(0.35) ? { from: outcomeDay - rng.int(120, 300) * DAY, depth: rng.between(0.3, 0.75) } : null,
    relationship0: rng.between(0.7, 1),
    championLostDay: rng.chance(0.3) ? outcomeDay - rng.int(90, 300) * DAY : null,
    support0: rng.between(0.72, 1),
    storm: (() => {
      if (!rng.chance(0.3)) return null;
      const to = outcomeDay - rng.int(30, 150) * DAY;
      return { from: to - rng.int(45, 120) * DAY, to };
    })(),
    lowNps: rng.chance(0.3),
    value: rng.between(0.4, 0.95),
    expansion: rng.between(0.35, 0.9),
  };
}

/** Dimension levels (0..1) of a contract on a day. */
function levelsAt(c: Contract, day: number): Record<string, number> {
  const usage =
    c.decay && day > c.decay.from
      ? c.usage0 * (1 - c.decay.depth * Math.min(1, (day - c.decay.from) / (c.outcomeDay - c.decay.from)))
      : c.usage0;
  const relationship =
    c.championLostDay !== null && day >= c.championLostDay ? c.relationship0 * 0.35 : c.relationship0;
  const support = c.storm && day >= c.storm.from && day <= c.storm.to ? 0.2 : c.support0;
  return { usage, relationship, support, business_value: c.value, expansion: c.expansion };
}

function churnOdds(c: Contract, rng: SeededRandom): number {
  const end = levelsAt(c, c.outcomeDay);
  const stormRecent = c.storm !== null && c.storm.to >= c.outcomeDay - 180 * DAY;
  const m = hiddenChurnModel;
  return (
    m.intercept +
    m.usageShortfall * (1 - end.usage!) +
    m.championLost * (c.championLostDay !== null ? 1 : 0) +
    m.supportStorm * (stormRecent ? 1 : 0) +
    m.lowNps * (c.lowNps ? 1 : 0) +
    rng.noise(2 * m.noise)
  );
}

/** The contract's scores every two weeks over the six months before its end. */
function scoresOf(c: Contract, model: HealthModel, rng: SeededRandom): HealthScore[] {
  const scores: HealthScore[] = [];
  for (let k = 13; k >= 0; k--) {
    const day = c.outcomeDay - (7 + 14 * k) * DAY;
    const levels = levelsAt(c, day);
    const observations: Observation[] = [];
    for (const dimension of model.dimensions) {
      const level = levels[dimension.key] ?? 0.6;
      for (const input of dimension.inputs)
        observations.push({
          metric: input.metric,
          date: iso(day - DAY),
          value: Math.round(rawFor(input.normaliser, clamp01(level + rng.noise(0.08))) * 100) / 100,
        });
    }
    scores.push(scoreAccount(model, indexObservations(observations), { now: new Date(day + 6 * 3_600_000) }));
  }
  return scores;
}

/**
 * The demo's renewal history: past renewals of today's accounts (renewed, expanded or contracted)
 * and the accounts that churned in the last eighteen months, each with the scores before it.
 * Deterministic for a seed and a day. `model` scores the history (the workspace's model).
 */
export function generateOutcomeHistory(options: {
  seed: number;
  today: Date;
  model: HealthModel;
  active: readonly ActiveAccountForHistory[];
  ownerEmails: readonly string[];
  /** Names already in the book: former accounts get other company names. */
  takenNames: readonly string[];
  formerAccounts?: number;
}): OutcomeHistory {
  const rng = new SeededRandom(options.seed * 7919 + 17);
  const today = Date.UTC(options.today.getUTCFullYear(), options.today.getUTCMonth(), options.today.getUTCDate());
  const earliest = today - 540 * DAY;
  // A past renewal counts when it was a yearly renewal, in the window, and old enough that the
  // weekly snapshots of the last weeks (scored from today's data) do not cover it.
  const renewing = options.active
    .filter((a) => a.renewalDate && a.contractStart)
    .map((a) => ({ account: a, day: Date.parse(`${a.renewalDate}T00:00:00Z`) - 365 * DAY }))
    .filter(
      ({ account, day }) =>
        day >= earliest && day <= today - 60 * DAY && Date.parse(`${account.contractStart}T00:00:00Z`) <= day,
    )
    .sort((a, b) => a.day - b.day || a.account.externalId.localeCompare(b.account.externalId));
  const formerTarget = options.formerAccounts ?? Math.round(renewing.length * 0.8);
  const history: OutcomeHistory = { formerAccounts: [], outcomes: [], snapshots: [] };
  const usedNames = new Set<string>(options.takenNames.map((n) => n.split(' ')[0]!));
  let next = 0;
  // Contracts are drawn one after another and kept by what the hidden model decides, so the scores
  // before a churn and before a renewal come from the same causes.
  for (
    let draw = 0;
    draw < 20_000 && (next < renewing.length || history.formerAccounts.length < formerTarget);
    draw++
  ) {
    const slot = next < renewing.length ? renewing[next]! : undefined;
    const outcomeDay = slot?.day ?? earliest + rng.int(0, 526) * DAY;
    const contract = drawContract(rng, outcomeDay);
    const churned = rng.next() < 1 / (1 + Math.exp(-churnOdds(contract, rng)));
    if (churned) {
      if (history.formerAccounts.length >= formerTarget) continue;
      const former = formerAccount(
        rng,
        history.formerAccounts.length,
        contract.outcomeDay,
        options.ownerEmails,
        usedNames,
      );
      history.formerAccounts.push(former);
      history.outcomes.push({
        externalId: `DEMO-OUT-${former.external_id}`,
        accountExternalId: former.external_id,
        kind: 'CHURNED',
        occurredOn: iso(contract.outcomeDay),
        arrBefore: Number(former.arr),
        arrAfter: 0,
        currency: former.currency,
      });
      for (const score of scoresOf(contract, options.model, rng))
        history.snapshots.push({ accountExternalId: former.external_id, score });
      continue;
    }
    if (!slot) continue;
    next++;
    const end = levelsAt(contract, contract.outcomeDay);
    const contractOdds = -1.6 + 3 * (1 - end.usage!) + (contract.storm ? 0.8 : 0) + rng.noise(1);
    const kind =
      rng.next() < 1 / (1 + Math.exp(-contractOdds))
        ? 'CONTRACTED'
        : contract.expansion > 0.55 && end.usage! > 0.7 && rng.chance(0.6)
          ? 'EXPANDED'
          : 'RENEWED';
    const factor = kind === 'CONTRACTED' ? rng.between(0.6, 0.9) : kind === 'EXPANDED' ? rng.between(1.1, 1.4) : 1;
    // Today's ARR is what the renewal left; the ARR before it is worked back from that.
    const arrAfter = slot.account.arr;
    history.outcomes.push({
      externalId: `DEMO-OUT-${slot.account.externalId}-${iso(contract.outcomeDay)}`,
      accountExternalId: slot.account.externalId,
      kind,
      occurredOn: iso(contract.outcomeDay),
      arrBefore: Math.round((arrAfter / factor) * 100) / 100,
      arrAfter,
      currency: slot.account.currency,
    });
    for (const score of scoresOf(contract, options.model, rng))
      history.snapshots.push({ accountExternalId: slot.account.externalId, score });
  }
  return history;
}

const formerStemStarts = [
  'Bel',
  'Cor',
  'Dra',
  'Fen',
  'Gal',
  'Hal',
  'Jor',
  'Kel',
  'Lum',
  'Mar',
  'Nor',
  'Pel',
  'Quin',
  'Ros',
  'Sar',
  'Tal',
  'Ver',
  'Wyn',
  'Zel',
];
const formerStemEnds = ['ora', 'ivo', 'enta', 'ux', 'ara', 'ion', 'eth', 'ova', 'ant', 'ix', 'osa'];

function formerAccount(
  rng: SeededRandom,
  index: number,
  outcomeDay: number,
  owners: readonly string[],
  usedNames: Set<string>,
): AccountRow {
  // Made-up stems no account in the book uses, so "how is Acme doing?" never finds a former customer.
  let stem = '';
  for (let tries = 0; !stem || usedNames.has(stem); tries++)
    stem = `${rng.pick(formerStemStarts)}${rng.pick(formerStemEnds)}${tries > 100 ? index : ''}`;
  usedNames.add(stem);
  const name = `${stem} ${rng.pick(companySuffixes)}`;
  const tier = rng.weighted([
    ['enterprise', 2],
    ['professional', 4],
    ['essential', 4],
  ] as const);
  const arr = Math.round(
    tier === 'enterprise'
      ? rng.between(120_000, 400_000)
      : tier === 'professional'
        ? rng.between(30_000, 120_000)
        : rng.between(8_000, 30_000),
  );
  return {
    external_id: `DEMO-FORMER-${String(index + 1).padStart(3, '0')}`,
    name,
    aliases: [],
    domains: [],
    segment: tier === 'enterprise' ? 'strategic' : 'standard',
    tier,
    region: rng.pick(['NA', 'EMEA', 'APAC', 'LATAM']),
    industry: rng.pick(industries),
    lifecycle_stage: 'renewal',
    owner_email: rng.pick(owners),
    executive_sponsor: undefined,
    arr: arr.toFixed(2),
    mrr: (arr / 12).toFixed(2),
    currency: 'USD',
    seats_licensed: undefined,
    contract_start: iso(outcomeDay - 365 * DAY),
    contract_end: iso(outcomeDay - DAY),
    renewal_date: iso(outcomeDay),
    status: 'churned',
  } as AccountRow;
}
