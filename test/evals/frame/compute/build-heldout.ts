/**
 * Writes test/evals/frame/heldout.jsonl from the facts dump-demo.ts wrote. Every figure in an
 * expectation is computed here from the seeded demo database (stored health snapshots, accounts,
 * outcomes, metrics, feedback, activities as of 2026-09-14T09:00:00Z); the questions are written by
 * hand. Written without reading how Tend understands questions.
 *
 *   node --import tsx test/evals/frame/compute/build-heldout.ts /tmp/heldout-demo.json test/evals/frame/heldout.jsonl
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Acc {
  id: string;
  name: string;
  aliases: string[];
  segment: string;
  tier: string;
  region: string;
  industry: string;
  lifecycle: string;
  owner: string;
  ownerName: string;
  sponsor: string;
  arr: number;
  currency: string;
  seats: number;
  renewal: string;
  status: string;
  health: number;
  band: string;
}
interface Facts {
  users: { email: string; name: string; role: string; region: string | null; manager: string | null }[];
  accounts: Omit<Acc, 'health' | 'band'>[];
  snapshots: { accountId: string; computedAt: string; overall: number | null; band: string }[];
  outcomes: {
    accountId: string;
    kind: string;
    occurredOn: string;
    arrBefore: number | null;
    arrAfter: number | null;
    currency: string;
  }[];
  metrics: { accountId: string; key: string; date: string; value: number }[];
  feedback: { accountId: string; surveyType: string | null; score: number | null; receivedAt: string }[];
  activities: { accountId: string; kind: string; occurredAt: string; title: string }[];
}

const facts = JSON.parse(readFileSync(process.argv[2] ?? '/tmp/heldout-demo.json', 'utf8')) as Facts;
const outPath = process.argv[3] ?? 'test/evals/frame/heldout.jsonl';
const TODAY = '2026-09-14';

// ---- facts ---------------------------------------------------------------------------------------
const latest = new Map<string, Facts['snapshots'][number]>();
for (const s of facts.snapshots) latest.set(s.accountId, s); // ordered by computedAt ascending
const all: Acc[] = facts.accounts
  .filter((a) => a.status === 'ACTIVE')
  .map((a) => ({ ...a, health: latest.get(a.id)!.overall!, band: latest.get(a.id)!.band }));
const byName = (name: string) => {
  const a = all.find((x) => x.name === name);
  if (!a) throw new Error(`no active account ${name}`);
  return a;
};
const accById = new Map(facts.accounts.map((a) => [a.id, a]));
const user = (handle: string) => facts.users.find((u) => u.email.startsWith(`${handle}@`))!;
const AT_RISK = new Set(['at_risk', 'critical', 'urgent']); // bis-table: bands below 60, and at_risk (atRisk: true)
const atRisk = (a: Acc) => AT_RISK.has(a.band);
const critical = (a: Acc) => a.band === 'critical';
const worstFirst = (l: Acc[]) => [...l].sort((x, y) => x.health - y.health);
const soonestFirst = (l: Acc[]) => [...l].sort((x, y) => x.renewal.localeCompare(y.renewal));
const ownedBy = (handle: string) => all.filter((a) => a.owner === `${handle}@tend.example`);
const teamOf = (mgr: string) => {
  const reports = facts.users.filter((u) => u.manager === mgr).map((u) => u.email);
  const deep = facts.users.filter((u) => u.manager && reports.includes(u.manager)).map((u) => u.email);
  const team = new Set([...reports, ...deep]);
  return all.filter((a) => team.has(a.owner));
};
const renewsBetween = (from: string, to: string) => (a: Acc) => a.renewal >= from && a.renewal <= to;
const thisMonth = renewsBetween(TODAY, '2026-09-30');
const thisQuarter = renewsBetween(TODAY, '2026-09-30');
const nextQuarter = renewsBetween('2026-10-01', '2026-12-31');
const byEndOfQ1 = renewsBetween(TODAY, '2027-03-31');
const next30 = renewsBetween(TODAY, '2026-10-14');
const next90 = renewsBetween(TODAY, '2026-12-13');

const h1 = (v: number) => (Number.isInteger(v) ? `${v.toFixed(1)}|${v}` : v.toFixed(1));
const symbol: Record<string, string> = { USD: '$', EUR: '€', AED: 'AED ' };
const money = (v: number, c: string) => {
  const whole = Math.round(v).toLocaleString('en-US');
  const k = Math.round(v / 1000);
  const m = (v / 1e6).toFixed(1);
  const alts = [`${symbol[c]}${whole}`, whole, `${k}k`, `${k}K`];
  if (v >= 1e6) alts.push(`${m}M`, `${m}m`);
  return alts.join('|');
};
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const day = (iso: string) => {
  const [, mo, d] = iso.split('-').map(Number) as [number, number, number];
  const full = MONTHS[mo - 1]!;
  const short = full.slice(0, 3);
  return [iso, `${d} ${short}`, `${short} ${d}`, `${d} ${full}`, `${full} ${d}`].join('|');
};
const names = (l: Acc[], n = 4) => l.slice(0, n).map((a) => a.name);
const count = (n: number) => {
  const words = [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
  ];
  return words[n] ? `${n}|${words[n]}` : String(n);
};
/** Accounts outside a scope that the wider answer would show first (lowest health, or soonest renewal). */
const outside = (wider: Acc[], inScope: Acc[], n = 4, order: (l: Acc[]) => Acc[] = worstFirst) =>
  order(wider.filter((a) => !inScope.includes(a)))
    .slice(0, n)
    .map((a) => a.name);
const avg = (l: number[]) => Math.round((l.reduce((s, v) => s + v, 0) / l.length) * 10) / 10;
const sumBy = (l: Acc[], c: string) => l.filter((a) => a.currency === c).reduce((s, a) => s + a.arr, 0);

function retention(filter: (region: string) => boolean, from: string) {
  const byCur = new Map<string, Facts['outcomes']>();
  for (const o of facts.outcomes) {
    if (o.occurredOn < from || o.occurredOn > TODAY) continue;
    if (!filter(accById.get(o.accountId)!.region)) continue;
    byCur.set(o.currency, [...(byCur.get(o.currency) ?? []), o]);
  }
  const res: Record<string, { n: number; grr: number; nrr: number; churn: number; expansion: number }> = {};
  for (const [c, l] of byCur) {
    const priced = l.filter((o) => (o.arrBefore ?? 0) > 0);
    const after = (o: (typeof l)[number]) => (o.kind === 'CHURNED' ? 0 : (o.arrAfter ?? o.arrBefore!));
    const up = priced.reduce((s, o) => s + o.arrBefore!, 0);
    const pct = (x: number) => Math.round((x / up) * 1000) / 10;
    res[c] = {
      n: l.length,
      grr: pct(priced.reduce((s, o) => s + Math.min(after(o), o.arrBefore!), 0)),
      nrr: pct(priced.reduce((s, o) => s + after(o), 0)),
      churn: Math.round((l.filter((o) => o.kind === 'CHURNED').length / l.length) * 1000) / 10,
      expansion: pct(priced.reduce((s, o) => s + Math.max(0, after(o) - o.arrBefore!), 0)),
    };
  }
  return res;
}
type RetKey = 'grr' | 'nrr' | 'churn' | 'expansion';
/** "The year's renewals": the last twelve months, or the calendar year to date; both are accepted. */
const retFig = (filter: (r: string) => boolean, key: RetKey, cur = 'USD') => {
  const t12 = retention(filter, '2025-09-15')[cur]?.[key];
  const ytd = retention(filter, '2026-01-01')[cur]?.[key];
  return [...new Set([t12, ytd])].map((v) => `${v}%`).join('|');
};
const anyRegion = () => true;
/** The wider figure (both windows), minus any that is a substring of one of the scope's own figures. */
const widerFig = (scope: (r: string) => boolean, key: RetKey, cur = 'USD') => {
  const own = ['USD', 'EUR', 'AED'].flatMap((c) => retFig(scope, key, c).split('|'));
  return retFig(anyRegion, key, cur)
    .split('|')
    .filter((w) => !own.some((o) => o.includes(w)));
};
const region = (r: string) => (x: string) => x === r;

// ---- lines ---------------------------------------------------------------------------------------
interface Expect {
  kind: 'answer' | 'cannot-apply' | 'clarify';
  mustContain: string[];
  mustNotContain: string[];
  mustName?: string[];
  note: string;
}
const lines: object[] = [];
let threadNo = 0;
const asker = (h: string) => `${h}@tend.example`;
function q(who: string, question: string, style: string, expect: Expect) {
  lines.push({ id: `h${String(lines.length + 1).padStart(3, '0')}`, asker: asker(who), question, style, expect });
}
function thread(who: string, turns: [string, string, Expect][]) {
  const t = `t${++threadNo}`;
  turns.forEach(([question, style, expect], i) =>
    lines.push({
      id: `h${String(lines.length + 1).padStart(3, '0')}`,
      thread: t,
      turn: i + 1,
      asker: asker(who),
      question,
      style,
      expect,
    }),
  );
}
const ans = (mustContain: string[], mustNotContain: string[], note: string): Expect => ({
  kind: 'answer',
  mustContain,
  mustNotContain,
  note,
});
const cannot = (mustName: string[], mustContain: string[], mustNotContain: string[], note: string): Expect => ({
  kind: 'cannot-apply',
  mustContain,
  mustNotContain,
  mustName,
  note,
});
const clarify = (mustNotContain: string[], note: string): Expect => ({
  kind: 'clarify',
  mustContain: [],
  mustNotContain,
  note,
});
const NED = 'not enough data';

/** A list answer: the count, the first names, and none of the accounts the wider list would add. */
function listExpect(scope: Acc[], wider: Acc[], note: string, order: (l: Acc[]) => Acc[] = worstFirst, n = 4): Expect {
  const inOrder = order(scope);
  if (scope.length === 0)
    return ans(
      ['none|no |0|zero|nothing'],
      outside(wider, scope, 4, order),
      `${note}: none in scope (the wider list would show ${wider.length})`,
    );
  return ans(
    [...(scope.length > 1 ? [count(scope.length)] : []), ...names(inOrder, n)],
    outside(wider, scope, 4, order),
    `${note}: ${scope.length} in scope (${names(inOrder, 6).join(', ')}${scope.length > 6 ? ', ...' : ''}); the wider list has ${wider.length}`,
  );
}

const csms = ['alex', 'jordan', 'casey', 'riley', 'lena', 'tomas', 'aisha', 'hana', 'arjun', 'sam'];
const first = (h: string) => user(h).name.split(' ')[0]!;
const full = (h: string) => user(h).name;
const allRisk = all.filter(atRisk);
const allCrit = all.filter(critical);

// 1. A named CSM's scope, asked by managers and the director.
const styles1 = ['terse', 'full', 'abbrev', 'typo'];
for (const [i, h] of csms.entries()) {
  const mine = ownedBy(h);
  const mgr = user(h).manager!.split('@')[0]!;
  const by = i % 2 === 0 ? mgr : 'director';
  const crit = mine.filter(critical);
  const risk = mine.filter(atRisk);
  q(
    by,
    `${first(h).toLowerCase()}'s critical accounts`,
    'terse',
    listExpect(crit, allCrit, `${full(h)}'s critical-band accounts`),
  );
  q(
    by,
    [
      `which of ${first(h)}'s accounts are at risk?`,
      `at risk accts for ${first(h).toLowerCase()}`,
      `${full(h)} at-risk list pls`,
      `whats at risk in ${first(h).toLowerCase()}s book`,
    ][i % 4]!,
    styles1[i % 4]!,
    listExpect(risk, allRisk, `${full(h)}'s at-risk accounts (bands at risk, critical, urgent)`),
  );
  q(
    by,
    [
      `${first(h).toLowerCase()} book summary`,
      `how many accounts does ${first(h)} own`,
      `${full(h)} portfolio overview`,
    ][i % 3]!,
    i % 3 === 1 ? 'full' : 'terse',
    {
      ...ans(
        [count(mine.length)],
        outside(all, mine, 3),
        `${full(h)} owns ${mine.length} active accounts (${mine.filter(atRisk).length} at risk, average health ${avg(mine.map((a) => a.health))}); the company has ${all.length}`,
      ),
    },
  );
}
// Renewals of a named CSM in a period.
for (const [h, pred, words, style] of [
  ['jordan', nextQuarter, "jordan's renewals next quarter", 'terse'],
  ['aisha', byEndOfQ1, 'what does aisha have renewing before end of q1', 'abbrev'],
  ['hana', next90, 'hana renewals next 90 days', 'terse'],
  ['riley', nextQuarter, 'rileys renewls next qtr', 'typo'],
  ['tomas', byEndOfQ1, 'Which of Tomas Novak’s accounts renew by the end of Q1?', 'full'],
] as const) {
  const by = user(h).manager!.split('@')[0]!;
  q(
    by,
    words,
    style,
    listExpect(ownedBy(h).filter(pred), all.filter(pred), `${full(h)}'s renewals in the period`, soonestFirst),
  );
}

// 2. "my team", asked by managers.
for (const m of ['mgr.na', 'mgr.emea', 'mgr.apac']) {
  const team = teamOf(`${m}@tend.example`);
  q(
    m,
    'my team at risk accounts',
    'terse',
    listExpect(team.filter(atRisk), allRisk, `${full(m)}'s team's at-risk accounts`),
  );
  q(
    m,
    "what's renewing for my team next quarter?",
    'full',
    listExpect(
      team.filter(nextQuarter),
      all.filter(nextQuarter),
      `${full(m)}'s team's renewals in Q4 2026`,
      soonestFirst,
    ),
  );
  q(
    m,
    'how many accts does my team have',
    'abbrev',
    ans(
      [count(team.length)],
      outside(all, team, 3),
      `${full(m)}'s team owns ${team.length} active accounts; the company has ${all.length}`,
    ),
  );
  q(
    m,
    'my teams critical ones',
    'terse',
    listExpect(team.filter(critical), allCrit, `${full(m)}'s team's critical-band accounts`),
  );
}
{
  const team = teamOf('mgr.na@tend.example');
  const latam = team.filter((a) => a.region === 'LATAM');
  q(
    'mgr.na',
    'my team renewals this month',
    'terse',
    listExpect(
      team.filter(thisMonth),
      all.filter(thisMonth),
      "Morgan Reyes's team (NA CSMs and Riley Chen in LATAM) renewing in September 2026",
      soonestFirst,
    ),
  );
  q(
    'mgr.na',
    'does my team include rileys latam accounts? how many at risk there',
    'typo',
    ans(
      [count(latam.filter(atRisk).length)],
      outside(allRisk, latam, 3),
      `Riley Chen (LATAM) reports to Morgan Reyes; ${latam.filter(atRisk).length} of Riley's ${latam.length} accounts are at risk`,
    ),
  );
}

// 3. "my", asked by CSMs.
for (const [i, h] of csms.entries()) {
  const mine = ownedBy(h);
  const v = i % 5;
  if (v === 0 || i === 1)
    q(
      h,
      'my renewals next qtr',
      'abbrev',
      listExpect(
        mine.filter(nextQuarter),
        all.filter(nextQuarter),
        `${full(h)}'s own renewals in Q4 2026`,
        soonestFirst,
      ),
    );
  q(
    h,
    [
      'my at risk accounts',
      'which of my accts r at risk',
      'show me my risky accounts',
      'my at-risk list',
      'anything of mine at risk?',
    ][v]!,
    ['terse', 'abbrev', 'full', 'terse', 'pronoun'][v]!,
    listExpect(mine.filter(atRisk), allRisk, `${full(h)}'s own at-risk accounts`),
  );
  q(
    h,
    ['how many accounts do i have', 'my accounts', 'list my accts', 'what accounts do I own?', 'my book'][v]!,
    ['full', 'terse', 'abbrev', 'full', 'terse'][v]!,
    ans(
      [count(mine.length), ...names(worstFirst(mine), 2)],
      outside(all, mine, 3),
      `${full(h)} owns ${mine.length} active accounts`,
    ),
  );
  q(
    h,
    [
      'which of my accounts renew before end of q1',
      'my renewals before eoq1',
      'renewals of mine by end of Q1 2027',
      'what do i have renewing before march 31',
      'my q1 and earlier renewals',
    ][v]!,
    ['full', 'abbrev', 'full', 'full', 'abbrev'][v]!,
    listExpect(
      mine.filter(byEndOfQ1),
      all.filter(byEndOfQ1),
      `${full(h)}'s renewals from today to 31 March 2027`,
      soonestFirst,
    ),
  );
}

// 4. Regions on renewals.
const regionWords: [string, string][] = [
  ['EMEA', 'emea'],
  ['APAC', 'apac'],
  ['NA', 'north america'],
  ['LATAM', 'latam'],
];
for (const [r, w] of regionWords) {
  const inR = all.filter((a) => a.region === r);
  q(
    'director',
    `${w} renewals next quarter`,
    'terse',
    listExpect(inR.filter(nextQuarter), all.filter(nextQuarter), `${r} renewals in Q4 2026`, soonestFirst),
  );
  q(
    'director',
    `what's renewing in ${w} in the next 30 days`,
    'full',
    listExpect(inR.filter(next30), all.filter(next30), `${r} renewals from 14 Sep to 14 Oct 2026`, soonestFirst),
  );
  q('admin', `${w} at risk`, 'terse', listExpect(inR.filter(atRisk), allRisk, `${r} at-risk accounts`));
}
q(
  'mgr.emea',
  'emea renewals before end of q1',
  'abbrev',
  listExpect(
    all.filter((a) => a.region === 'EMEA' && byEndOfQ1(a)),
    all.filter(byEndOfQ1),
    'EMEA renewals to 31 March 2027',
    soonestFirst,
  ),
);
q(
  'director',
  'renewals in apac this month?',
  'full',
  listExpect(
    all.filter((a) => a.region === 'APAC' && thisMonth(a)),
    all.filter(thisMonth),
    'APAC renewals in September 2026',
    soonestFirst,
  ),
);

// 5. Calendar periods, company-wide.
q(
  'director',
  'renewals this month',
  'terse',
  listExpect(
    all.filter(thisMonth),
    all.filter(next90),
    'renewals in September 2026 (from today to 30 Sep)',
    soonestFirst,
  ),
);
q(
  'director',
  'what renews before end of q1',
  'abbrev',
  ans(
    [count(all.filter(byEndOfQ1).length), ...names(soonestFirst(all.filter(byEndOfQ1)), 2)],
    soonestFirst(all.filter((a) => !byEndOfQ1(a)))
      .slice(0, 3)
      .map((a) => a.name),
    `${all.filter(byEndOfQ1).length} renewals from 14 Sep 2026 to 31 Mar 2027; the first after it must not appear`,
  ),
);
q(
  'admin',
  'next quarter renewals',
  'terse',
  listExpect(
    all.filter(nextQuarter),
    all.filter(renewsBetween(TODAY, '2027-03-31')),
    'renewals 1 Oct to 31 Dec 2026',
    soonestFirst,
  ),
);
q(
  'director',
  'how many renewals do we have in october',
  'full',
  ans(
    [count(all.filter(renewsBetween('2026-10-01', '2026-10-31')).length)],
    soonestFirst(all.filter(thisMonth))
      .slice(0, 3)
      .map((a) => a.name),
    'renewals in October 2026; the September ones must not be listed',
  ),
);
q(
  'director',
  'renewals this quarter',
  'terse',
  listExpect(
    all.filter(thisQuarter),
    all.filter(nextQuarter).concat(all.filter(thisQuarter)),
    'Q3 2026 ends 30 Sep: the rest of this quarter',
    soonestFirst,
  ),
);
q(
  'mgr.apac',
  'anything renewing for my team in the next 2 weeks?',
  'full',
  listExpect(
    all.filter(renewsBetween(TODAY, '2026-09-28')).filter((a) => a.region === 'APAC'),
    all.filter(renewsBetween(TODAY, '2026-09-28')),
    "renewals to 28 Sep 2026 in Kenji Mori's team (APAC)",
    soonestFirst,
  ),
);

// 6. Thresholds (ARR in the account's own currency; AED accounts left out of both lists because a
// converted and an unconverted reading disagree).
{
  const big = all.filter((a) => a.currency !== 'AED' && a.arr > 500_000);
  const small = all.filter((a) => a.arr < 250_000 && a.currency !== 'AED');
  q(
    'director',
    'accounts over 500k arr',
    'abbrev',
    ans(
      names(
        big.sort((a, b) => b.arr - a.arr),
        5,
      ),
      names(
        small.sort((a, b) => b.arr - a.arr),
        4,
      ),
      `USD/EUR accounts above 500,000 ARR: ${big.length}; AED accounts not judged; accounts under 250k must not appear`,
    ),
  );
  const bigRisk = big.filter(atRisk);
  q(
    'director',
    'at risk accounts over 500k',
    'terse',
    ans(
      names(bigRisk, 5),
      outside(allRisk, bigRisk.concat(all.filter((a) => a.currency === 'AED')), 4),
      `at-risk accounts above 500,000 ARR: ${names(bigRisk, 10).join(', ')}`,
    ),
  );
  const emeaBig = all.filter((a) => a.region === 'EMEA' && a.currency !== 'AED' && a.arr > 100_000 && nextQuarter(a));
  q(
    'mgr.emea',
    'emea renewals over 100k next quarter',
    'terse',
    ans(
      names(emeaBig, 5),
      soonestFirst(all.filter((a) => nextQuarter(a) && (a.region !== 'EMEA' || a.arr < 50_000)))
        .slice(0, 4)
        .map((a) => a.name),
      `EMEA renewals in Q4 2026 above 100,000: ${emeaBig.length}`,
    ),
  );
}
for (const [t, style, words] of [
  [60, 'terse', 'health under 60'],
  [50, 'full', 'Which accounts have a health score below 50?'],
  [55, 'abbrev', 'accts w/ health < 55'],
  [45, 'typo', 'helth under 45'],
] as const) {
  const s = all.filter((a) => a.health < t);
  q(
    'director',
    words,
    style,
    ans(
      [...(s.length > 1 ? [count(s.length)] : []), ...names(worstFirst(s), 4)],
      worstFirst(all.filter((a) => a.health >= t))
        .slice(0, 3)
        .map((a) => a.name),
      `${s.length} accounts with health below ${t}; the next ones just above ${t} must not appear`,
    ),
  );
}
{
  const s = ownedBy('jordan').filter((a) => a.health < 70);
  q(
    'mgr.na',
    "jordan's accounts with health under 70",
    'terse',
    listExpect(
      s,
      all.filter((a) => a.health < 70),
      "Jordan Patel's accounts below 70",
    ),
  );
}

// 7. Segments and tiers.
for (const [pred, words, style, note] of [
  [
    (a: Acc) => a.segment === 'strategic' && atRisk(a),
    'strategic accounts at risk',
    'terse',
    'strategic-segment at-risk accounts',
  ],
  [
    (a: Acc) => a.tier === 'enterprise' && nextQuarter(a),
    'enterprise tier renewing next quarter',
    'terse',
    'enterprise-tier renewals Q4 2026',
  ],
  [
    (a: Acc) => a.tier === 'professional' && critical(a),
    'professional tier critical accounts',
    'terse',
    'professional-tier critical-band accounts',
  ],
  [
    (a: Acc) => a.tier === 'essential' && atRisk(a),
    'which essential-tier customers are at risk?',
    'full',
    'essential-tier at-risk accounts',
  ],
  [
    (a: Acc) => a.segment === 'standard' && a.region === 'APAC' && atRisk(a),
    'standard segment apac at risk',
    'terse',
    'standard-segment APAC at-risk accounts',
  ],
  [
    (a: Acc) => a.tier === 'enterprise' && a.region === 'EMEA',
    'ent accts in emea',
    'abbrev',
    'enterprise-tier EMEA accounts',
  ],
] as const) {
  const s = all.filter(pred);
  const wider = words.includes('renew')
    ? all.filter(nextQuarter)
    : words.includes('critical')
      ? allCrit
      : words.includes('risk')
        ? allRisk
        : all.filter((a) => a.region === 'EMEA');
  q('director', words, style, listExpect(s, wider, note, words.includes('renew') ? soonestFirst : worstFirst));
}
q(
  'director',
  'how many essential tier customers do we have',
  'full',
  ans(
    [count(all.filter((a) => a.tier === 'essential').length)],
    [String(all.length)],
    `essential tier: ${all.filter((a) => a.tier === 'essential').length}; all active: ${all.length}`,
  ),
);
q(
  'director',
  'strategic segment arr',
  'terse',
  ans(
    [
      money(
        sumBy(
          all.filter((a) => a.segment === 'strategic'),
          'USD',
        ),
        'USD',
      ),
    ],
    [money(sumBy(all, 'USD'), 'USD').split('|')[0]!],
    `strategic USD ARR ${Math.round(
      sumBy(
        all.filter((a) => a.segment === 'strategic'),
        'USD',
      ),
    )} (per currency: amounts in different currencies are not added); company USD ARR ${Math.round(sumBy(all, 'USD'))}`,
  ),
);

// 8. Follow-ups as edits.
const emea = region('EMEA');
thread('director', [
  [
    'grr emea',
    'abbrev',
    ans(
      [retFig(emea, 'grr', 'EUR')],
      widerFig(emea, 'grr', 'EUR'),
      `EMEA GRR per currency; EUR ${retFig(emea, 'grr', 'EUR')} (last 12 months | year to date), USD ${retFig(emea, 'grr')}; company EUR ${retFig(anyRegion, 'grr', 'EUR')}`,
    ),
  ],
  [
    'and nrr?',
    'follow-up',
    ans(
      [retFig(emea, 'nrr', 'EUR')],
      widerFig(emea, 'nrr', 'EUR'),
      `EMEA NRR: EUR ${retFig(emea, 'nrr', 'EUR')}, USD ${retFig(emea, 'nrr')}; company EUR ${retFig(anyRegion, 'nrr', 'EUR')}`,
    ),
  ],
]);
thread('director', [
  [
    'nrr',
    'terse',
    ans(
      [retFig(anyRegion, 'nrr')],
      [NED],
      `company NRR USD ${retFig(anyRegion, 'nrr')}, EUR ${retFig(anyRegion, 'nrr', 'EUR')}, AED ${retFig(anyRegion, 'nrr', 'AED')}`,
    ),
  ],
  [
    'what about apac only',
    'follow-up',
    ans(
      [retFig(region('APAC'), 'nrr')],
      widerFig(region('APAC'), 'nrr'),
      `APAC NRR USD ${retFig(region('APAC'), 'nrr')}; company USD ${retFig(anyRegion, 'nrr')}`,
    ),
  ],
]);
for (const [n, who, first] of [
  ['Globex Industries', 'mgr.emea', 'globex health'],
  ['Hooli Labs', 'mgr.apac', 'hooli health'],
  ['Black Mesa Manufacturing', 'director', 'black mesa mfg health'],
] as const) {
  const a = byName(n);
  thread(who, [
    [
      first,
      first.includes('mfg') ? 'abbrev' : 'terse',
      ans([h1(a.health)], outside(all, [a], 3), `${n} health ${h1(a.health)} (${a.band})`),
    ],
    [
      'and its renewal?',
      'follow-up',
      ans([day(a.renewal)], outside(all, [a], 3, soonestFirst), `${n} renews ${a.renewal}`),
    ],
    [
      "who's the sponsor there",
      'pronoun',
      ans([a.sponsor], outside(all, [a], 2), `${n}'s executive sponsor is ${a.sponsor}`),
    ],
  ]);
}
thread('director', [
  [
    'at risk accounts',
    'terse',
    ans(
      [count(allRisk.length), ...names(worstFirst(allRisk), 3)],
      [NED],
      `${allRisk.length} at-risk accounts company-wide`,
    ),
  ],
  [
    'what about emea only',
    'follow-up',
    listExpect(
      allRisk.filter((a) => a.region === 'EMEA'),
      allRisk,
      'EMEA at-risk accounts',
    ),
  ],
  [
    'which of those are strategic',
    'follow-up',
    listExpect(
      allRisk.filter((a) => a.region === 'EMEA' && a.segment === 'strategic'),
      allRisk.filter((a) => a.region === 'EMEA'),
      'EMEA at-risk strategic accounts',
    ),
  ],
]);
{
  const nq = all.filter(nextQuarter);
  const per = Object.fromEntries(
    ['NA', 'EMEA', 'APAC', 'LATAM'].map((r) => [r, nq.filter((a) => a.region === r).length]),
  );
  thread('director', [
    ['renewals next quarter', 'terse', listExpect(nq, all.filter(byEndOfQ1), 'renewals in Q4 2026', soonestFirst)],
    [
      'break it down by region',
      'follow-up',
      ans(
        ['NA', 'EMEA', 'APAC', 'LATAM', ...Object.values(per).map(String)],
        [NED],
        `Q4 2026 renewals by region: ${JSON.stringify(per)}`,
      ),
    ],
  ]);
  const emeaNq = nq.filter((a) => a.region === 'EMEA');
  thread('mgr.emea', [
    ['emea renewals next quarter', 'terse', listExpect(emeaNq, nq, 'EMEA renewals in Q4 2026', soonestFirst)],
    [
      'which of those are at risk',
      'follow-up',
      listExpect(emeaNq.filter(atRisk), allRisk, 'EMEA Q4 2026 renewals that are at risk'),
    ],
    [
      "who's the sponsor on the worst one",
      'pronoun',
      (() => {
        const w = worstFirst(emeaNq.filter(atRisk))[0];
        return w
          ? ans(
              [w.name, w.sponsor],
              outside(all, emeaNq.filter(atRisk), 2),
              `lowest-health EMEA Q4 renewal at risk: ${w.name}, sponsor ${w.sponsor}`,
            )
          : ans([], [], 'none at risk');
      })(),
    ],
  ]);
}
for (const h of ['jordan', 'lena']) {
  const mine = ownedBy(h);
  thread(h, [
    [
      'my renewals',
      'terse',
      listExpect(
        mine,
        all,
        `${full(h)}'s renewals (all ${mine.length} own accounts renew within a year)`,
        soonestFirst,
        3,
      ),
    ],
    [
      'just the ones before end of q1',
      'follow-up',
      listExpect(mine.filter(byEndOfQ1), all.filter(byEndOfQ1), `${full(h)}'s renewals to 31 Mar 2027`, soonestFirst),
    ],
    [
      'which of those are at risk',
      'follow-up',
      listExpect(mine.filter(byEndOfQ1).filter(atRisk), allRisk, `${full(h)}'s at-risk renewals to 31 Mar 2027`),
    ],
  ]);
}
{
  const a = byName('Fourth Coffee Media');
  thread('director', [
    ['grr', 'terse', ans([retFig(anyRegion, 'grr')], [NED], `company GRR USD ${retFig(anyRegion, 'grr')}`)],
    [
      'and expansion?',
      'follow-up',
      ans([retFig(anyRegion, 'expansion')], [NED], `company expansion USD ${retFig(anyRegion, 'expansion')}`),
    ],
    [
      'by region?',
      'follow-up',
      ans(
        ['NA', 'EMEA', 'APAC', 'LATAM', retFig(region('NA'), 'expansion')],
        [NED],
        `expansion by region, per currency; NA USD ${retFig(region('NA'), 'expansion')}, EMEA EUR ${retFig(emea, 'expansion', 'EUR')}, APAC USD ${retFig(region('APAC'), 'expansion')}, LATAM USD ${retFig(region('LATAM'), 'expansion')}`,
      ),
    ],
  ]);
  thread(a.owner.split('@')[0]!, [
    [
      'how is fourth coffee media',
      'full',
      ans(
        [h1(a.health)],
        outside(all, [a], 3),
        `Fourth Coffee Media ${h1(a.health)}, band ${a.band} (the only urgent account)`,
      ),
    ],
    ['when do they renew', 'pronoun', ans([day(a.renewal)], outside(all, [a], 3, soonestFirst), `renews ${a.renewal}`)],
    [
      'and whats their arr',
      'follow-up',
      ans(
        [money(a.arr, a.currency)],
        [money(sumBy(all, a.currency), a.currency).split('|')[0]!],
        `ARR ${a.arr} ${a.currency}`,
      ),
    ],
  ]);
}
{
  const mine = teamOf('mgr.apac@tend.example');
  thread('mgr.apac', [
    [
      'my team',
      'terse',
      ans([count(mine.length)], outside(all, mine, 3), `Kenji Mori's team: ${mine.length} accounts`),
    ],
    [
      'only hana',
      'follow-up',
      ans(
        [count(ownedBy('hana').length)],
        ownedBy('arjun')
          .slice(0, 3)
          .map((a) => a.name),
        `Hana Sato: ${ownedBy('hana').length}`,
      ),
    ],
    [
      'and arjun?',
      'follow-up',
      ans(
        [count(ownedBy('arjun').length)],
        ownedBy('hana')
          .slice(0, 3)
          .map((a) => a.name),
        `Arjun Mehta: ${ownedBy('arjun').length}`,
      ),
    ],
  ]);
}

// 9. Account names inside sentences, and misspellings.
const seats = new Map<string, number>();
const dau = new Map<string, number[]>();
for (const m of facts.metrics) {
  if (m.key === 'seats_active') seats.set(m.accountId, m.value);
  if (m.key === 'dau_pct') dau.set(m.accountId, [...(dau.get(m.accountId) ?? []), m.value]);
}
const lastOf = (id: string, kind?: string) =>
  facts.activities
    .filter((x) => x.accountId === id && (!kind || x.kind === kind))
    .sort((x, y) => y.occurredAt.localeCompare(x.occurredAt))[0];
const sentences: [string, string, string, (a: Acc) => Expect][] = [
  [
    'Fourth Coffee Media',
    'fourth coffee media is urgent?? whats going on',
    'full',
    (a) => ans(['Fourth Coffee Media', h1(a.health)], outside(all, [a], 3), `health ${h1(a.health)}, band urgent`),
  ],
  [
    'Hooli Labs',
    'how many seats does hooli labs have',
    'full',
    (a) => ans([a.seats.toLocaleString('en-US') + '|' + a.seats], [], `${a.seats} seats licensed`),
  ],
  ['Globex Industries', 'when does globex renew', 'full', (a) => ans([day(a.renewal)], [], `renews ${a.renewal}`)],
  [
    'Black Mesa Manufacturing',
    'whos the csm on black mesa mfg',
    'abbrev',
    (a) => ans([a.ownerName], [], `owner ${a.ownerName}`),
  ],
  [
    'Dunder Foods',
    "what's the arr on dunder foods",
    'full',
    (a) => ans([money(a.arr, a.currency)], ['Dunder Pharma'], `ARR ${a.arr} ${a.currency}`),
  ],
  [
    'Acme Corp',
    'is acme corp ok? heard they were unhappy',
    'full',
    (a) => ans([h1(a.health)], outside(all, [a], 3), `health ${h1(a.health)} (${a.band})`),
  ],
  [
    'Initrode Systems',
    'can you tell me who owns initrode',
    'full',
    (a) => ans([a.ownerName], [], `owner ${a.ownerName}`),
  ],
  [
    'Umbrella Health',
    'umbrella health renewal date?',
    'terse',
    (a) => ans([day(a.renewal)], [], `renews ${a.renewal}`),
  ],
  ['Vandelay Logistics', 'vandelay logistics - what tier are they', 'full', (a) => ans([a.tier], [], `tier ${a.tier}`)],
  [
    'Proseware Energy',
    'proseware energy looks bad, why',
    'full',
    (a) =>
      ans(
        ['Proseware Energy', h1(a.health)],
        ['Proseware Systems', 'Proseware Partners'],
        `health ${h1(a.health)} (${a.band}); the other Prosewares must not be confused`,
      ),
  ],
  [
    'Stark Networks',
    'need the health of stark networks before my call',
    'full',
    (a) => ans([h1(a.health)], ['Planet Networks'], `health ${h1(a.health)}`),
  ],
  [
    'Hooli Labs',
    'hooli labs seats used vs licensed',
    'abbrev',
    (a) =>
      ans(
        [String(seats.get(a.id)), a.seats.toLocaleString('en-US') + '|' + a.seats],
        [],
        `latest seats_active ${seats.get(a.id)} of ${a.seats} licensed`,
      ),
  ],
  [
    'Globex Industries',
    'globex usage trend',
    'terse',
    (a) => {
      const s = dau.get(a.id)!;
      return ans(
        ['Globex'],
        outside(all, [a], 3),
        `dau_pct weekly, ${s.length} points, from ${s[0]} a year ago to ${s[s.length - 1]} now`,
      );
    },
  ],
  [
    'Initrode Systems',
    'whats the trend on initrode',
    'terse',
    (a) =>
      ans(
        ['Initrode'],
        outside(all, [a], 3),
        `recovering story; health snapshots over 6 weeks; latest ${h1(a.health)}`,
      ),
  ],
  [
    'Hooli Labs',
    'last qbr with hooli labs?',
    'terse',
    (a) => {
      const l = lastOf(a.id, 'qbr');
      return ans(
        l ? [day(l.occurredAt.slice(0, 10))] : [],
        [],
        l ? `last QBR ${l.occurredAt.slice(0, 10)}` : 'no QBR on record',
      );
    },
  ],
  [
    'Black Mesa Manufacturing',
    'when did we last talk to black mesa manufacturing',
    'full',
    (a) => {
      const l = lastOf(a.id);
      return ans(
        l ? [day(l.occurredAt.slice(0, 10))] : [],
        [],
        l ? `last activity ${l.kind} '${l.title}' ${l.occurredAt.slice(0, 10)}` : 'none',
      );
    },
  ],
  [
    'Dunder Pharma',
    'dunder pharma exec sponsor',
    'terse',
    (a) => ans([a.sponsor], ['Dunder Foods'], `sponsor ${a.sponsor}`),
  ],
  [
    'Redwood Holdings',
    'redwood holdings is critical, what happened',
    'full',
    (a) =>
      ans(
        ['Redwood Holdings', h1(a.health)],
        ['Redwood Robotics', 'Redwood Media'],
        `health ${h1(a.health)} (${a.band})`,
      ),
  ],
];
for (const [n, words, style, make] of sentences) {
  const a = byName(n);
  const e = make(a);
  // A single-account question: the accounts a portfolio answer would show first must not appear.
  if (e.mustNotContain.length === 0) e.mustNotContain = outside(all, [a], 2);
  q('director', words, style, e);
}
const typos: [string, string][] = [
  ['Globex Industries', 'globx industries health'],
  ['Initrode Systems', 'how is initrod systems doing'],
  ['Umbrella Health', 'umbrela health renewal'],
  ['Vandelay Logistics', 'vandelay logistcs health'],
  ['Black Mesa Manufacturing', 'black mesa manufactring arr'],
  ['Fourth Coffee Media', 'forth coffee media health?'],
  ['Hooli Labs', 'hooli lbas seats'],
  ['Stark Networks', 'stark netwroks renewal date'],
];
for (const [n, words] of typos) {
  const a = byName(n);
  const fig = words.includes('renewal')
    ? day(a.renewal)
    : words.includes('arr')
      ? money(a.arr, a.currency)
      : words.includes('seats')
        ? `${a.seats.toLocaleString('en-US')}|${a.seats}`
        : h1(a.health);
  q('director', words, 'typo', ans([fig], outside(all, [a], 2), `one obvious typo for ${n}: answer it, do not ask`));
}

// 10. Keyword traps.
{
  const lastQ = facts.outcomes.filter((o) => o.occurredOn >= '2026-04-01' && o.occurredOn <= '2026-06-30');
  const renewedLastQ = lastQ.filter((o) => o.kind !== 'CHURNED');
  q(
    'director',
    'how many accounts did we renew last quarter',
    'full',
    ans(
      [count(renewedLastQ.length)],
      soonestFirst(all)
        .slice(0, 3)
        .map((a) => a.name),
      `renewal outcomes Apr-Jun 2026 other than churn: ${renewedLastQ.length} (of ${lastQ.length}, ${lastQ.length - renewedLastQ.length} churned); upcoming renewals must not be listed`,
    ),
  );
  q(
    'director',
    'which customers churned this year',
    'full',
    ans(
      [count(facts.outcomes.filter((o) => o.kind === 'CHURNED' && o.occurredOn >= '2026-01-01').length)],
      names(worstFirst(allRisk), 3),
      `churn outcomes since 1 Jan 2026: ${facts.outcomes.filter((o) => o.kind === 'CHURNED' && o.occurredOn >= '2026-01-01').length}; active at-risk accounts are not churned`,
    ),
  );
}
q(
  'director',
  'whats our churn',
  'terse',
  ans(
    [
      `${retFig(anyRegion, 'churn')}|${retFig(anyRegion, 'grr')
        .split('|')
        .map((v) => `${Math.round((100 - parseFloat(v)) * 10) / 10}%`)
        .join('|')}`,
    ],
    [NED],
    `logo churn USD ${retFig(anyRegion, 'churn')} (EUR, AED 0%); revenue churn (100 - GRR) also accepted`,
  ),
);
q('director', 'nrr?', 'terse', ans([retFig(anyRegion, 'nrr')], [NED], `NRR USD ${retFig(anyRegion, 'nrr')}`));
q(
  'director',
  'expansion rate',
  'terse',
  ans([retFig(anyRegion, 'expansion')], [NED], `expansion USD ${retFig(anyRegion, 'expansion')}`),
);
q(
  'director',
  'gross retention for latam',
  'full',
  ans(
    [retFig(region('LATAM'), 'grr')],
    widerFig(region('LATAM'), 'grr'),
    `LATAM GRR USD ${retFig(region('LATAM'), 'grr')}; company ${retFig(anyRegion, 'grr')}`,
  ),
);
q(
  'mgr.na',
  'na nrr',
  'abbrev',
  ans([retFig(region('NA'), 'nrr')], widerFig(region('NA'), 'nrr'), `NA NRR USD ${retFig(region('NA'), 'nrr')}`),
);
q(
  'alex',
  'remind me to renew my conference badge friday',
  'full',
  ans([], names(soonestFirst(all), 3), 'a personal reminder, not a renewal list; no accounts should be listed'),
);
q(
  'director',
  'renewal risk for acme',
  'full',
  ans(
    ['Acme', h1(byName('Acme Corp').health)],
    outside(all, [byName('Acme Corp')], 3),
    'one account, not the renewal list',
  ),
);
q(
  'director',
  'usage for umbrella health',
  'terse',
  ans(
    ['Umbrella'],
    outside(all, [byName('Umbrella Health')], 3),
    `one account's usage: latest dau_pct ${dau.get(byName('Umbrella Health').id)!.at(-1)}`,
  ),
);

// 11. What the issue says has no answer today (the data exists for most of it: answer).
{
  const byCsm = csms.map((h) => [h, avg(ownedBy(h).map((a) => a.health))] as const).sort((a, b) => b[1] - a[1]);
  q(
    'director',
    'rank csms by average health',
    'abbrev',
    ans(
      [full(byCsm[0]![0]), h1(byCsm[0]![1]), full(byCsm[9]![0])],
      [NED],
      `averages: ${byCsm.map(([h, v]) => `${first(h)} ${v}`).join(', ')}`,
    ),
  );
  q(
    'mgr.emea',
    'which of my csms has the lowest avg health',
    'abbrev',
    (() => {
      const t = ['lena', 'tomas', 'aisha']
        .map((h) => [h, avg(ownedBy(h).map((a) => a.health))] as const)
        .sort((a, b) => a[1] - b[1]);
      return ans(
        [full(t[0]![0]), h1(t[0]![1])],
        [full(byCsm.find(([h]) => !['lena', 'tomas', 'aisha'].includes(h))![0])],
        `EMEA: ${t.map(([h, v]) => `${first(h)} ${v}`).join(', ')}`,
      );
    })(),
  );
  const regs = ['NA', 'EMEA', 'APAC', 'LATAM'].map(
    (r) => [r, avg(all.filter((a) => a.region === r).map((a) => a.health))] as const,
  );
  q(
    'director',
    'avg health by region',
    'abbrev',
    ans(
      regs.map(([, v]) => h1(v)),
      [NED],
      regs.map(([r, v]) => `${r} ${v}`).join(', '),
    ),
  );
  const segs = ['strategic', 'standard'].map(
    (s) => [s, avg(all.filter((a) => a.segment === s).map((a) => a.health))] as const,
  );
  q(
    'director',
    'health by segment',
    'terse',
    ans(
      segs.map(([, v]) => h1(v)),
      [NED],
      segs.map(([s, v]) => `${s} ${v}`).join(', '),
    ),
  );
  const atRiskByCsm = csms.map((h) => `${first(h)} ${ownedBy(h).filter(atRisk).length}`);
  q(
    'director',
    'at risk count per csm',
    'abbrev',
    ans(['Jordan', 'Aisha', 'Casey', 'Tomas'], [NED], atRiskByCsm.join(', ')),
  );
  const arrByRegion = ['NA', 'EMEA', 'APAC', 'LATAM'].map(
    (r) =>
      [
        r,
        sumBy(
          all.filter((a) => a.region === r),
          'USD',
        ),
      ] as const,
  );
  q(
    'director',
    'arr by region',
    'abbrev',
    ans(
      ['NA', 'EMEA', 'APAC', 'LATAM', money(arrByRegion[0]![1], 'USD')],
      [NED],
      `USD ARR by region: ${arrByRegion.map(([r, v]) => `${r} ${Math.round(v)}`).join(', ')} (other currencies separate)`,
    ),
  );
  // Portfolio health trend over the six weekly snapshots.
  const weeks = [
    ...new Set(facts.snapshots.filter((s) => s.computedAt >= '2026-08-10').map((s) => s.computedAt)),
  ].sort();
  const weekAvg = weeks.map((w) =>
    avg(
      facts.snapshots
        .filter((s) => s.computedAt === w && s.overall !== null && all.some((a) => a.id === s.accountId))
        .map((s) => s.overall!),
    ),
  );
  q(
    'director',
    'how has overall health trended over the last 6 weeks',
    'full',
    ans(
      [h1(weekAvg.at(-1)!)],
      [NED],
      `portfolio average by week ${weeks.map((w, i) => `${w.slice(0, 10)} ${weekAvg[i]}`).join(', ')}`,
    ),
  );
  const emeaWeek = weeks.map((w) =>
    avg(
      facts.snapshots
        .filter((s) => s.computedAt === w && all.some((a) => a.id === s.accountId && a.region === 'EMEA'))
        .map((s) => s.overall!),
    ),
  );
  q(
    'mgr.emea',
    'emea health trend',
    'terse',
    ans(
      [h1(emeaWeek.at(-1)!)],
      [h1(weekAvg.at(-1)!)],
      `EMEA average by week ${emeaWeek.join(', ')}; company ${weekAvg.at(-1)}`,
    ),
  );
  // CSAT by quarter (surveys dated on or before today only).
  const csat = facts.feedback.filter(
    (f) => f.surveyType === 'csat' && f.score !== null && f.receivedAt <= '2026-09-14T09:00:00.000Z',
  );
  const quarters = new Map<string, number[]>();
  for (const f of csat) {
    const d = f.receivedAt.slice(0, 7);
    const qk = `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`;
    quarters.set(qk, [...(quarters.get(qk) ?? []), f.score!]);
  }
  q(
    'director',
    'csat trend over time',
    'terse',
    ans(
      ['CSAT'],
      [NED],
      `CSAT (1-5) average by quarter: ${[...quarters]
        .sort()
        .map(([k, v]) => `${k} ${avg(v)} (${v.length})`)
        .join(', ')}`,
    ),
  );
  const g = byName('Globex Industries');
  const gSnaps = facts.snapshots
    .filter((s) => s.accountId === g.id && s.computedAt >= '2026-08-10')
    .map((s) => s.overall!);
  q(
    'mgr.emea',
    'globex health over time',
    'full',
    ans([h1(g.health), h1(gSnaps[0]!)], outside(all, [g], 3), `Globex weekly: ${gSnaps.join(', ')}`),
  );
  q(
    'director',
    'how many customers do we have',
    'full',
    ans(
      [count(all.length)],
      [String(facts.accounts.length)],
      `${all.length} active customers; ${facts.accounts.length} accounts in the database counting ${facts.accounts.length - all.length} churned former customers`,
    ),
  );
  q(
    'mgr.na',
    'how many customers does na have',
    'full',
    ans(
      [count(all.filter((a) => a.region === 'NA').length)],
      [String(all.length), String(teamOf('mgr.na@tend.example').length)],
      `NA active accounts ${all.filter((a) => a.region === 'NA').length}`,
    ),
  );
  q(
    'director',
    'total # of accts',
    'abbrev',
    ans([count(all.length)], [String(facts.accounts.length)], `${all.length} active`),
  );
  // Expansion candidates: healthy accounts with the highest latest expansion_readiness_pct.
  const exp = new Map<string, number>();
  for (const m of facts.metrics) if (m.key === 'expansion_readiness_pct') exp.set(m.accountId, m.value);
  const cands = all.filter((a) => a.band === 'healthy').sort((a, b) => (exp.get(b.id) ?? 0) - (exp.get(a.id) ?? 0));
  q(
    'director',
    'expansion candidates',
    'terse',
    ans(
      [
        cands
          .slice(0, 6)
          .map((a) => a.name)
          .join('|'),
      ],
      names(worstFirst(allCrit), 4),
      `healthy accounts with the highest expansion readiness: ${cands
        .slice(0, 5)
        .map((a) => `${a.name} ${exp.get(a.id)}`)
        .join(', ')}; critical accounts are not candidates`,
    ),
  );
  q(
    'hana',
    'any of my accounts ready to expand?',
    'full',
    ans(
      [
        ownedBy('hana')
          .filter((a) => a.band === 'healthy')
          .sort((a, b) => (exp.get(b.id) ?? 0) - (exp.get(a.id) ?? 0))
          .slice(0, 3)
          .map((a) => a.name)
          .join('|'),
      ],
      outside(all, ownedBy('hana'), 4),
      `Hana's healthiest by expansion readiness: ${ownedBy('hana')
        .filter((a) => a.band === 'healthy')
        .sort((a, b) => (exp.get(b.id) ?? 0) - (exp.get(a.id) ?? 0))
        .slice(0, 3)
        .map((a) => a.name)
        .join(', ')}`,
    ),
  );
  const under = all.map((a) => [a, seats.get(a.id)! / a.seats] as const).sort((x, y) => x[1] - y[1]);
  q(
    'director',
    'seats used vs licensed - who is underusing',
    'full',
    ans(
      [under[0]![0].name],
      [NED],
      `lowest seats_active/licensed: ${under
        .slice(0, 5)
        .map(([a, r]) => `${a.name} ${Math.round(r * 100)}%`)
        .join(', ')}`,
    ),
  );
  const lastTouch = ownedBy('alex')
    .map((a) => [a, lastOf(a.id)] as const)
    .sort((x, y) => (x[1]?.occurredAt ?? '').localeCompare(y[1]?.occurredAt ?? ''));
  q(
    'alex',
    "which of my accounts haven't i talked to in a while",
    'full',
    ans(
      [lastTouch[0]![0].name],
      outside(all, ownedBy('alex'), 3),
      `oldest last activity: ${lastTouch
        .slice(0, 3)
        .map(([a, l]) => `${a.name} ${l?.occurredAt.slice(0, 10) ?? 'never'}`)
        .join(', ')}`,
    ),
  );
  const noQbr = all.filter(
    (a) =>
      a.segment === 'strategic' &&
      !facts.activities.some((x) => x.accountId === a.id && x.kind === 'qbr' && x.occurredAt >= '2026-06-14'),
  );
  q(
    'director',
    'strategic accounts with no qbr in the last 3 months',
    'full',
    ans(
      noQbr.length ? [count(noQbr.length)] : [],
      [NED],
      `strategic accounts without a QBR since 14 Jun 2026: ${noQbr.map((a) => a.name).join(', ')}`,
    ),
  );
}
// Truly absent data: cannot-apply.
const emeaRisk = worstFirst(allRisk.filter((a) => a.region === 'EMEA'));
q(
  'director',
  'open tickets for globex',
  'full',
  cannot(
    ['open'],
    ['Globex'],
    [NED],
    'the demo holds weekly support ticket counts, not tickets with an open/closed state',
  ),
);
q(
  'director',
  'which accounts have the most open tickets',
  'full',
  cannot(['open'], [], [], 'no ticket status exists; weekly support_tickets counts are not open tickets'),
);
q(
  'director',
  'at risk accounts in germany',
  'full',
  cannot(
    ['Germany'],
    [],
    outside(allRisk, emeaRisk, 3),
    'accounts have a region (EMEA), no country: Germany must be named as not applicable (offering the EMEA list with that said is fine); the company-wide list (NA accounts first) is wrong',
  ),
);
q(
  'director',
  'renewals in the uk next quarter',
  'full',
  cannot(
    ['UK'],
    [],
    soonestFirst(all.filter((a) => a.region !== 'EMEA' && nextQuarter(a)))
      .slice(0, 3)
      .map((a) => a.name),
    'no country in the data: name it (EMEA renewals offered as such are fine); renewals outside EMEA are wrong',
  ),
);
q('director', 'arr by product line', 'abbrev', cannot(['product'], [], [], 'no product lines in the demo'));
q(
  'director',
  'which accounts have an open upsell opportunity',
  'full',
  cannot(['opportunit'], [], [], 'no opportunities (CRM pipeline) in the demo'),
);
q(
  'director',
  'nps by industry',
  'abbrev',
  ans(
    ['Healthcare', 'Energy', 'Public sector'],
    [NED],
    'industry exists on accounts and NPS surveys exist: answerable per industry',
  ),
);
q(
  'director',
  'who are the decision makers at hooli labs',
  'full',
  ans(['Hooli'], outside(all, [byName('Hooli Labs')], 2), 'contacts with titles exist'),
);
{
  const health = all.filter((a) => a.industry === 'Healthcare');
  q(
    'admin',
    'at risk accounts in healthcare',
    'full',
    listExpect(health.filter(atRisk), allRisk, 'Healthcare-industry at-risk accounts'),
  );
  const mfg = all.filter((a) => a.industry === 'Manufacturing');
  q(
    'director',
    'mfg accts at risk',
    'abbrev',
    listExpect(mfg.filter(atRisk), allRisk, 'Manufacturing-industry at-risk accounts'),
  );
  const intl = all.filter((a) => a.region !== 'NA');
  q(
    'director',
    'intl at risk accts',
    'abbrev',
    listExpect(intl.filter(atRisk), allRisk, 'international = outside NA (EMEA, APAC, LATAM): at-risk accounts'),
  );
  const q1 = renewsBetween('2027-01-01', '2027-03-31');
  q(
    'director',
    'q1 renewals',
    'abbrev',
    listExpect(
      all.filter(q1),
      all.filter(byEndOfQ1),
      'renewals in Q1 2027 (1 Jan to 31 Mar), not the ones before it',
      soonestFirst,
    ),
  );
  q(
    'mgr.emea',
    'emea q1 renewals arr',
    'abbrev',
    ans(
      [
        money(
          sumBy(
            all.filter((a) => a.region === 'EMEA' && q1(a)),
            'EUR',
          ),
          'EUR',
        ),
      ],
      [money(sumBy(all.filter(q1), 'EUR'), 'EUR').split('|')[0]!],
      `EMEA Q1 2027 renewals: EUR ARR ${sumBy(
        all.filter((a) => a.region === 'EMEA' && q1(a)),
        'EUR',
      )}, USD ${sumBy(
        all.filter((a) => a.region === 'EMEA' && q1(a)),
        'USD',
      )}, AED ${sumBy(
        all.filter((a) => a.region === 'EMEA' && q1(a)),
        'AED',
      )}; company EUR ${sumBy(all.filter(q1), 'EUR')}`,
    ),
  );
  const v = byName('Vandelay Logistics');
  thread('mgr.emea', [
    [
      "how's vandelay",
      'terse',
      ans([h1(v.health)], outside(all, [v], 3), `Vandelay Logistics ${h1(v.health)} (${v.band}), onboarding story`),
    ],
    [
      'is it at risk?',
      'pronoun',
      ans(['Vandelay|healthy|not at risk'], outside(allRisk, [v], 3), `band ${v.band}: not at risk (just above 80)`),
    ],
    ['who owns it', 'pronoun', ans([v.ownerName], outside(all, [v], 2), `owner ${v.ownerName}`)],
    [
      'and how many seats do they use',
      'pronoun',
      ans(
        [String(seats.get(v.id))],
        outside(all, [v], 2),
        `latest seats_active ${seats.get(v.id)} of ${v.seats} licensed`,
      ),
    ],
  ]);
  const u = byName('Umbrella Health');
  thread('hana', [
    [
      'umbrella health',
      'terse',
      ans([h1(u.health)], outside(all, [u], 3), `Umbrella Health ${h1(u.health)} (${u.band})`),
    ],
    [
      'whats the usage trend there',
      'pronoun',
      ans(['Umbrella'], outside(all, [u], 3), `weekly dau_pct from ${dau.get(u.id)![0]} to ${dau.get(u.id)!.at(-1)}`),
    ],
    [
      'when did we last have a qbr with them',
      'pronoun',
      (() => {
        const l = lastOf(u.id, 'qbr');
        return l
          ? ans([day(l.occurredAt.slice(0, 10))], outside(all, [u], 2), `last QBR ${l.occurredAt.slice(0, 10)}`)
          : ans(['no|never|not'], outside(all, [u], 2), 'Umbrella Health (essential, standard) has no QBR on record');
      })(),
    ],
  ]);
}

// 12. Greetings and ambiguous questions.
const worst = names(worstFirst(all), 3);
q('alex', 'hi', 'terse', ans([], worst, 'a greeting: reply in kind, no portfolio dump'));
q('director', 'hey tend', 'terse', ans([], worst, 'a greeting'));
q('lena', 'good morning!', 'terse', ans([], worst, 'a greeting'));
q('mgr.emea', 'thanks', 'terse', ans([], worst, 'thanks: no answer about accounts'));
q(
  'director',
  "how's dunder doing",
  'terse',
  clarify(
    all.filter((a) => a.name.startsWith('Dunder ')).map((a) => h1(a.health).split('|')[0]!),
    'two active accounts are called Dunder (Dunder Foods, Dunder Pharma): ask which',
  ),
);
q(
  'director',
  'redwood health',
  'terse',
  clarify(
    all.filter((a) => a.name.startsWith('Redwood ')).map((a) => h1(a.health).split('|')[0]!),
    `${all
      .filter((a) => a.name.startsWith('Redwood '))
      .map((a) => a.name)
      .join(', ')}: ask which`,
  ),
);
q(
  'director',
  'proseware renewal',
  'terse',
  clarify(
    all.filter((a) => a.name.startsWith('Proseware ')).map((a) => a.renewal),
    `${all
      .filter((a) => a.name.startsWith('Proseware '))
      .map((a) => a.name)
      .join(', ')}: ask which`,
  ),
);
q('director', 'is it bad?', 'pronoun', clarify(worst, 'no earlier turn: "it" refers to nothing'));
q('mgr.na', 'compare them', 'pronoun', clarify(worst, 'no earlier turn'));
q('director', 'show me the numbers', 'terse', clarify(worst, 'which numbers?'));
q('director', 'whats the status', 'terse', clarify(worst, 'status of what?'));

// ---- write ---------------------------------------------------------------------------------------
const ids = new Set<string>();
for (const l of lines as { id: string; expect: Expect }[]) {
  if (ids.has(l.id)) throw new Error(`duplicate ${l.id}`);
  ids.add(l.id);
  const lower = (s: string) => s.toLowerCase();
  for (const c of l.expect.mustContain)
    for (const n of l.expect.mustNotContain)
      if (c.split('|').every((alt) => lower(alt).includes(lower(n))))
        throw new Error(`${l.id}: every form of ${c} contains the forbidden ${n}`);
}
writeFileSync(outPath, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.log(`wrote ${lines.length} lines to ${outPath}`);
