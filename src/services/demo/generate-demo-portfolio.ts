import type { AccountRow, ContactRow, FeedbackRow, MetricRow, UserRow } from '../import/row-schemas.js';
import { comments, type CommentTone } from './demo-comments.js';
import { companyStems, companySuffixes, contactTitles, firstNames, industries, lastNames } from './demo-vocabulary.js';
import { SeededRandom } from './seeded-random.js';
import { appendTo } from '../../core/collections/append-to.js';

/**
 * A synthetic, deterministic book of business: the same seed and anchor day give the same
 * portfolio. Each account follows a story (steady, declining, recovering, seasonal, onboarding,
 * expansion, churned) that drives all of its metrics and feedback together, so the numbers tell a
 * recognisable, consistent tale.
 */

export type Story = 'steady' | 'declining' | 'recovering' | 'seasonal' | 'onboarding' | 'expansion' | 'churned';

export interface DemoActivity {
  externalId: string;
  accountExternalId: string;
  kind: 'meeting' | 'training' | 'qbr' | 'milestone';
  occurredAt: string;
  title: string;
}

export interface DemoGoal {
  title: string;
  kpi: string;
  unit: string;
  baseline: number;
  target: number;
  current: number;
  ownerEmail: string;
  dueDate: string;
  reviewCadence: string;
  evidence: string;
}

export interface DemoSuccessPlan {
  accountExternalId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  goals: DemoGoal[];
}

export interface DemoPortfolio {
  users: UserRow[];
  accounts: (AccountRow & { story: Story })[];
  contacts: ContactRow[];
  metrics: MetricRow[];
  feedback: FeedbackRow[];
  activities: DemoActivity[];
  successPlans: DemoSuccessPlan[];
}

export interface DemoOptions {
  seed: number;
  /** The day the history ends; renewals fall in the twelve months after it. */
  today: Date;
  accounts?: number;
}

const DAY = 86_400_000;
const WEEKS = 56;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Named accounts the README and examples talk about ("how is Acme doing?", "why did Globex drop?"). */
const showcaseAccounts: { name: string; story: Story }[] = [
  { name: 'Acme Corp', story: 'steady' },
  { name: 'Globex Industries', story: 'declining' },
  { name: 'Initrode Systems', story: 'recovering' },
  { name: 'Umbrella Health', story: 'expansion' },
  { name: 'Vandelay Logistics', story: 'onboarding' },
  { name: 'Hooli Labs', story: 'seasonal' },
];

const regions = [
  ['NA', 4],
  ['EMEA', 3],
  ['APAC', 2],
  ['LATAM', 1],
] as const;
const tiers = [
  ['essential', 5],
  ['professional', 3],
  ['enterprise', 2],
] as const;
const stories = [
  ['steady', 30],
  ['declining', 15],
  ['recovering', 12],
  ['seasonal', 10],
  ['onboarding', 12],
  ['expansion', 14],
  ['churned', 4],
] as const;
const currencies = [
  ['USD', 7],
  ['EUR', 2],
  ['AED', 1],
] as const;

function buildUsers(): UserRow[] {
  const user = (
    email: string,
    name: string,
    role: UserRow['role'],
    region: string | undefined,
    manager?: string,
  ): UserRow =>
    ({
      email,
      name,
      role,
      region,
      manager_email: manager,
      external_id: `usr-${email.split('@')[0]}`,
    }) as UserRow;
  const users: UserRow[] = [
    user('admin@tend.example', 'Avery Admin', 'admin', undefined),
    user('director@tend.example', 'Dana Director', 'manager', undefined),
    user('mgr.na@tend.example', 'Morgan Reyes', 'manager', 'NA', 'director@tend.example'),
    user('mgr.emea@tend.example', 'Sofia Brandt', 'manager', 'EMEA', 'director@tend.example'),
    user('mgr.apac@tend.example', 'Kenji Mori', 'manager', 'APAC', 'director@tend.example'),
    user('viewer@tend.example', 'Victor Viewer', 'viewer', undefined),
  ];
  const csms: [string, string, string][] = [
    ['alex', 'Alex Kim', 'NA'],
    ['jordan', 'Jordan Patel', 'NA'],
    ['casey', 'Casey Moreno', 'NA'],
    ['riley', 'Riley Chen', 'LATAM'],
    ['lena', 'Lena Vogel', 'EMEA'],
    ['tomas', 'Tomas Novak', 'EMEA'],
    ['aisha', 'Aisha Rahman', 'EMEA'],
    ['hana', 'Hana Sato', 'APAC'],
    ['arjun', 'Arjun Mehta', 'APAC'],
    ['sam', 'Sam Okoro', 'NA'],
  ];
  const managerFor = (region: string) =>
    region === 'EMEA' ? 'mgr.emea@tend.example' : region === 'APAC' ? 'mgr.apac@tend.example' : 'mgr.na@tend.example';
  for (const [handle, name, region] of csms)
    users.push(user(`${handle}@tend.example`, name, 'csm', region, managerFor(region)));
  return users;
}

/** Health of the account's engagement over the year, 0..1, at week w (0 = oldest). */
function storyCurve(
  story: Story,
  w: number,
  rng: SeededRandom,
  params: { base: number; turn: number; phase: number },
): number {
  const t = w / (WEEKS - 1);
  switch (story) {
    case 'steady':
      return params.base;
    case 'declining':
      return t < params.turn ? params.base : params.base - ((t - params.turn) / (1 - params.turn)) * 0.45;
    case 'recovering': {
      const dip = Math.exp(-(((t - params.turn) / 0.14) ** 2));
      return params.base - 0.4 * dip + (t > params.turn ? 0.05 : 0);
    }
    case 'seasonal':
      return params.base + 0.18 * Math.sin(2 * Math.PI * (t * (WEEKS / 52) + params.phase));
    case 'onboarding':
      return 0.15 + (params.base - 0.15) * clamp((t - params.turn) / (1 - params.turn), 0, 1) ** 0.7;
    case 'expansion':
      return params.base - 0.15 + 0.3 * t;
    case 'churned':
      return params.base - 0.6 * t;
  }
  return rng.next();
}

export function generateDemoPortfolio(options: DemoOptions): DemoPortfolio {
  const rng = new SeededRandom(options.seed);
  const today = new Date(
    Date.UTC(options.today.getUTCFullYear(), options.today.getUTCMonth(), options.today.getUTCDate()),
  );
  const accountCount = options.accounts ?? 160;
  const users = buildUsers();
  const csmsByRegion = new Map<string, string[]>();
  for (const u of users.filter((u) => u.role === 'csm')) {
    appendTo(csmsByRegion, u.region!, u.email);
  }

  const portfolio: DemoPortfolio = {
    users,
    accounts: [],
    contacts: [],
    metrics: [],
    feedback: [],
    activities: [],
    successPlans: [],
  };
  const usedNames = new Set<string>();
  // Added after every other activity, from their own random stream, so the rest of the demo (ids
  // included) is what it was before time to first value was measured.
  const firstValueMilestones: Omit<DemoActivity, 'externalId'>[] = [];

  for (let i = 0; i < accountCount; i++) {
    const showcase = showcaseAccounts[i];
    let name: string;
    if (showcase) name = showcase.name;
    else {
      do name = `${rng.pick(companyStems)} ${rng.pick(companySuffixes)}`;
      while (usedNames.has(name) || showcaseAccounts.some((s) => s.name.split(' ')[0] === name.split(' ')[0]));
    }
    usedNames.add(name);
    const externalId = `acc-${String(i + 1).padStart(4, '0')}`;
    const region = rng.weighted(regions);
    const tier = rng.weighted(tiers);
    // OmniGaze 80/20: the strategic fifth is mostly enterprise.
    const segment = tier === 'enterprise' || (tier === 'professional' && rng.chance(0.15)) ? 'strategic' : 'standard';
    const weightedStory: Story = rng.weighted(stories);
    const story: Story = showcase?.story ?? weightedStory;
    const seats =
      tier === 'enterprise' ? rng.int(300, 2500) : tier === 'professional' ? rng.int(60, 400) : rng.int(10, 80);
    const pricePerSeat =
      tier === 'enterprise' ? rng.int(300, 600) : tier === 'professional' ? rng.int(200, 350) : rng.int(120, 220);
    const arrCents = seats * pricePerSeat * 100 + rng.int(0, 99) * 100;
    const currency =
      region === 'EMEA'
        ? rng.weighted([
            ['EUR', 6],
            ['AED', 2],
            ['USD', 2],
          ] as const)
        : rng.weighted(currencies);
    const renewal = new Date(today.getTime() + rng.int(7, 365) * DAY);
    const termYears = tier === 'enterprise' && rng.chance(0.4) ? 3 : 1;
    let contractStart = new Date(
      Date.UTC(renewal.getUTCFullYear() - termYears, renewal.getUTCMonth(), renewal.getUTCDate()),
    );
    let contractEnd = new Date(renewal.getTime() - DAY);
    const params = { base: rng.between(0.62, 0.86), turn: rng.between(0.35, 0.7), phase: rng.next() };
    let startWeek = 0;
    if (story === 'onboarding') {
      startWeek = WEEKS - rng.int(6, 16);
      params.turn = startWeek / (WEEKS - 1);
      contractStart = new Date(today.getTime() - (WEEKS - startWeek) * 7 * DAY);
      contractEnd = new Date(
        Date.UTC(contractStart.getUTCFullYear() + 1, contractStart.getUTCMonth(), contractStart.getUTCDate() - 1),
      );
    }
    let endWeek = WEEKS;
    let status: 'active' | 'churned' = 'active';
    if (story === 'churned') {
      endWeek = WEEKS - rng.int(4, 12);
      status = 'churned';
      contractEnd = new Date(today.getTime() - (WEEKS - endWeek) * 7 * DAY);
      contractStart = new Date(
        Date.UTC(contractEnd.getUTCFullYear() - 1, contractEnd.getUTCMonth(), contractEnd.getUTCDate() + 1),
      );
    }
    const lifecycle =
      story === 'onboarding'
        ? WEEKS - startWeek > 10
          ? 'adoption'
          : 'implementation'
        : story === 'churned'
          ? 'renewal'
          : story === 'expansion'
            ? 'growth_expansion'
            : renewal.getTime() - today.getTime() < 90 * DAY
              ? 'renewal'
              : rng.pick(['adoption', 'value_realization', 'value_realization', 'growth_expansion'] as const);
    const owner = rng.pick(csmsByRegion.get(region) ?? csmsByRegion.get('NA')!);
    const stem = name.split(' ')[0]!.toLowerCase();
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
    const abbreviation = name
      .split(' ')
      .map((p) => p[0])
      .join('')
      .toUpperCase();
    portfolio.accounts.push({
      external_id: externalId,
      name,
      aliases: [abbreviation, ...(stem.length > 3 ? [name.split(' ')[0]!] : [])],
      domains: [domain],
      segment,
      tier,
      region,
      industry: rng.pick(industries),
      lifecycle_stage: lifecycle,
      owner_email: owner,
      executive_sponsor: `${rng.pick(firstNames)} ${rng.pick(lastNames)}`,
      arr: (arrCents / 100).toFixed(2),
      mrr: (arrCents / 1200).toFixed(2),
      currency,
      seats_licensed: seats,
      contract_start: iso(contractStart),
      contract_end: iso(contractEnd),
      renewal_date: iso(status === 'churned' ? contractEnd : renewal),
      status,
      story,
    });

    const contactCount = tier === 'enterprise' ? 4 : tier === 'professional' ? 3 : 2;
    const contactIds: string[] = [];
    for (let c = 0; c < contactCount; c++) {
      const first = rng.pick(firstNames);
      const last = rng.pick(lastNames);
      const [title, role] = contactTitles[c % contactTitles.length]!;
      const contactId = `${externalId}-c${c + 1}`;
      contactIds.push(contactId);
      portfolio.contacts.push({
        external_id: contactId,
        account_external_id: externalId,
        name: `${first} ${last}`,
        email: `${first}.${last}@${domain}`.toLowerCase(),
        title,
        role,
        survey_opt_out: rng.chance(0.05),
      } as ContactRow);
    }

    // Weekly history, oldest first, ending on the Monday on or before today.
    const lastMonday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY);
    const health: number[] = [];
    for (let w = 0; w < WEEKS; w++) health.push(clamp(storyCurve(story, w, rng, params) + rng.noise(0.05), 0.05, 0.99));
    // A day in the last week can fall after today: it moves back a week, so the demo holds nothing
    // dated after its day (answers over "the last 90 days" must see every stored answer).
    const beforeToday = (at: number) => new Date(at >= today.getTime() ? at - 7 * DAY : at);
    const weekDate = (w: number) => new Date(lastMonday.getTime() - (WEEKS - 1 - w) * 7 * DAY);
    const metric = (key: string, date: Date, value: number) =>
      portfolio.metrics.push({
        account_external_id: externalId,
        key,
        date: iso(date),
        value,
        source: 'demo',
      } as MetricRow);

    for (let w = startWeek; w < endWeek; w++) {
      const h = health[w]!;
      const dau = clamp(round1(h * 95 + rng.noise(4)), 1, 100);
      metric('dau_pct', weekDate(w), dau);
      metric('seats_active', weekDate(w), Math.round(clamp(seats * (dau / 100) * 1.25, 1, seats)));
      metric('logins_per_user_weekly', weekDate(w), round1(clamp(0.5 + 5.5 * h + rng.noise(0.5), 0, 12)));
      const ticketRate = (seats / 120) * (1.6 - h) * (story === 'declining' && w > WEEKS * params.turn ? 1.8 : 1);
      metric('support_tickets', weekDate(w), Math.max(0, Math.round(ticketRate + rng.noise(2))));
    }

    // Monthly history: the first day of each of the last 13 months.
    for (let m = 12; m >= 0; m--) {
      const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - m, 1));
      const w = clamp(Math.round(WEEKS - 1 - m * 4.33), 0, WEEKS - 1);
      if (w < startWeek || w >= endWeek) continue;
      const h = health[w]!;
      const monthsLive = (w - startWeek) / 4.33;
      metric('feature_adoption_pct', monthStart, clamp(round1(25 + 70 * h + rng.noise(5)), 0, 100));
      metric('tickets_per_user_monthly', monthStart, round1(clamp((1.6 - h) * 2.2 + rng.noise(0.4), 0, 8)));
      metric('avg_resolution_hours', monthStart, round1(clamp(8 + 55 * (1 - h) + rng.noise(6), 1, 120)));
      metric('escalation_rate_pct', monthStart, round1(clamp(1 + 22 * (1 - h) + rng.noise(3), 0, 60)));
      metric('support_satisfaction_pct', monthStart, clamp(round1(45 + 52 * h + rng.noise(5)), 0, 100));
      metric('product_satisfaction_pct', monthStart, clamp(round1(40 + 55 * h + rng.noise(6)), 0, 100));
      const cadence = tier === 'enterprise' ? 4 : tier === 'professional' ? 2 : 1;
      metric('meetings', monthStart, Math.max(0, Math.round(cadence * (0.4 + h) + rng.noise(1))));
      metric('stakeholder_engagement_pct', monthStart, clamp(round1(35 + 60 * h + rng.noise(6)), 0, 100));
      metric('training_no_shows', monthStart, Math.max(0, Math.round((1 - h) * 4 + rng.noise(1.5))));
      metric('xla_achievement_pct', monthStart, clamp(round1(55 + 44 * h + rng.noise(4)), 0, 100));
      metric(
        'roi_realization_pct',
        monthStart,
        clamp(round1(Math.min(monthsLive / 6, 1) * (35 + 65 * h) + rng.noise(5)), 0, 100),
      );
      metric(
        'efficiency_gain_pct',
        monthStart,
        clamp(round1(Math.min(monthsLive / 4, 1) * (10 + 50 * h) + rng.noise(4)), 0, 100),
      );
      metric(
        'time_saved_pct',
        monthStart,
        clamp(round1(Math.min(monthsLive / 4, 1) * (5 + 40 * h) + rng.noise(3)), 0, 100),
      );
      const expansion = story === 'expansion' ? 60 + 35 * (w / WEEKS) : 15 + 45 * h;
      metric('expansion_readiness_pct', monthStart, clamp(round1(expansion + rng.noise(6)), 0, 100));
      const delay = story === 'onboarding' || story === 'declining' ? (1 - h) * 60 : (1 - h) * 12;
      metric('project_delay_days', monthStart, Math.max(0, Math.round(delay + rng.noise(4))));
      if (m % 3 === 0) metric('advocacy_pct', monthStart, clamp(round1(15 + 75 * h + rng.noise(8)), 0, 100));

      // Meetings as touchpoints, for cadence tracking.
      const meetings = Math.max(0, Math.round(cadence * h));
      const holdsQbr = m % 3 === 0 && (segment === 'strategic' || tier !== 'essential') && rng.chance(0.3 + 0.7 * h);
      for (let k = 0; k < meetings; k++) {
        const day = new Date(monthStart.getTime() + rng.int(1, 26) * DAY + 15 * 3_600_000);
        if (day.getTime() > today.getTime()) continue;
        portfolio.activities.push({
          externalId: `${externalId}-a${portfolio.activities.length + 1}`,
          accountExternalId: externalId,
          kind: holdsQbr && k === 0 ? 'qbr' : 'meeting',
          occurredAt: day.toISOString(),
          title:
            holdsQbr && k === 0
              ? 'Quarterly business review'
              : rng.pick(['Check-in', 'Roadmap review', 'Adoption workshop', 'Escalation follow-up', 'Executive sync']),
        });
      }
    }

    // Quarterly NPS from most contacts, CSAT after support interactions.
    let feedbackSeq = 0;
    for (let q = 3; q >= 0; q--) {
      const w = WEEKS - 1 - q * 13;
      if (w < startWeek || w >= endWeek) continue;
      const h = health[w]!;
      for (const contactId of contactIds) {
        if (!rng.chance(0.7)) continue;
        const score = clamp(Math.round(h * 11 + rng.noise(2.5)), 0, 10);
        const tone = toneFor(score >= 9 ? 'positive' : score <= 6 ? 'negative' : 'mixed', rng);
        const received = beforeToday(weekDate(w).getTime() + rng.int(0, 6) * DAY + rng.int(8, 18) * 3_600_000);
        portfolio.feedback.push({
          external_id: `${externalId}-f${++feedbackSeq}`,
          account_external_id: externalId,
          contact_external_id: contactId,
          channel: rng.pick(['slack', 'teams', 'email']),
          kind: 'survey',
          survey_type: 'nps',
          score,
          text: rng.chance(0.8) ? rng.pick(comments[tone]) : undefined,
          received_at: received.toISOString(),
        } as FeedbackRow);
      }
      for (let k = 0; k < 3; k++) {
        if (!rng.chance(0.6)) continue;
        const score = clamp(Math.round(1 + h * 4 + rng.noise(1.2)), 1, 5);
        const tone = toneFor(score >= 4 ? 'positive' : score <= 2 ? 'negative' : 'mixed', rng);
        const received = beforeToday(
          weekDate(Math.max(startWeek, w - k * 4)).getTime() + rng.int(0, 6) * DAY + 11 * 3_600_000,
        );
        portfolio.feedback.push({
          external_id: `${externalId}-f${++feedbackSeq}`,
          account_external_id: externalId,
          contact_external_id: rng.pick(contactIds),
          channel: 'support',
          kind: 'survey',
          survey_type: 'csat',
          score,
          text: rng.chance(0.5) ? rng.pick(comments[tone]) : undefined,
          received_at: received.toISOString(),
        } as FeedbackRow);
      }
    }

    if (segment === 'strategic' && status === 'active') {
      const dau = portfolio.metrics.filter((m) => m.account_external_id === externalId && m.key === 'dau_pct');
      const first = dau[0]?.value ?? 30;
      const last = dau[dau.length - 1]?.value ?? 50;
      portfolio.successPlans.push({
        accountExternalId: externalId,
        title: `${name} success plan ${today.getUTCFullYear()}`,
        startsOn: iso(contractStart),
        endsOn: iso(contractEnd),
        goals: [
          {
            title: 'Broaden daily adoption',
            kpi: 'dau_pct',
            unit: 'percent',
            baseline: first,
            target: Math.min(95, Math.max(first, last) + 10),
            current: last,
            ownerEmail: owner,
            dueDate: iso(new Date(renewal.getTime() - 30 * DAY)),
            reviewCadence: 'monthly',
            evidence: 'Weekly usage export',
          },
          {
            title: 'Cut reporting time',
            kpi: 'time_saved_pct',
            unit: 'percent',
            baseline: 0,
            target: 30,
            current: round1(20 * health[WEEKS - 1]!),
            ownerEmail: owner,
            dueDate: iso(new Date(renewal.getTime() - 60 * DAY)),
            reviewCadence: 'quarterly',
            evidence: 'Customer time study',
          },
        ],
      });
    }
    if (story === 'onboarding') {
      // Healthier onboardings reach first value sooner: 12 to about 55 days after the start.
      const own = new SeededRandom(options.seed * 104_729 + i);
      const days = Math.round(12 + 40 * (1 - params.base) + own.int(0, 14));
      const at = new Date(contractStart.getTime() + days * DAY + 14 * 3_600_000);
      if (at.getTime() <= today.getTime())
        firstValueMilestones.push({
          accountExternalId: externalId,
          kind: 'milestone',
          occurredAt: at.toISOString(),
          title: own.pick(['First value: first report delivered', 'First value: first dashboard in daily use']),
        });
    }
  }
  for (const m of firstValueMilestones)
    portfolio.activities.push({ externalId: `${m.accountExternalId}-a${portfolio.activities.length + 1}`, ...m });
  return portfolio;
}

function toneFor(base: 'positive' | 'negative' | 'mixed', rng: SeededRandom): CommentTone {
  if (rng.chance(0.08)) return 'off_topic';
  if (base === 'negative' && rng.chance(0.25)) return 'sarcastic';
  if (base !== 'mixed' && rng.chance(0.15)) return 'mixed';
  return base;
}
