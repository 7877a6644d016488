import { formatMoney } from '../core/metrics/format-money.js';
import type { AccountHealthReport } from '../services/scoring/get-account-health.js';
import type { InsufficientData } from '../core/scoring/data-sufficiency.js';
import { dataFreshness } from '../core/scoring/freshness.js';
import { roundTo } from '../core/scoring/rounding.js';
import { intentButton, type Reply, type ReplyButton } from '../replies/reply.js';
import { timeAgo } from './time-ago.js';

/** Colour of a health answer, from the model's own bands: at risk, critical (under 40), or fine. */
const toneOf = (report: AccountHealthReport): Reply['tone'] => {
  if (report.assessment?.kind !== 'scored') return 'info';
  const score = report.assessment.score;
  return score.overall < 40 ? 'critical' : score.band.atRisk ? 'warning' : 'good';
};

const churned = (report: AccountHealthReport): Reply => ({
  headline: `${report.account.name} has churned; Tend no longer scores it.`,
  tone: 'info',
});

/** Too little data for a score: say so, with what is missing and since when, never a number. */
function notEnoughData(report: AccountHealthReport, gap: InsufficientData): Reply {
  const a = report.account;
  return {
    headline: `${a.name}: not enough data to score`,
    tone: 'info',
    facts: [
      { label: 'Owner', value: a.owner ?? 'nobody' },
      { label: 'ARR', value: formatMoney(a.arr, a.currency) },
      { label: 'Newest data', value: gap.newestData ?? 'none yet' },
      ...sourcesFact(report),
    ],
    sections: [
      { title: 'Why there is no score', lines: [gap.text] },
      ...(gap.missing.length
        ? [
            {
              title: 'Missing inputs',
              lines: gap.missing.map(
                (m) => `${m.label}: ${m.lastSeen ? `last value ${m.lastSeen}` : 'never received'}`,
              ),
            },
          ]
        : []),
      ...staleSection(report),
    ],
  };
}

/** ↑ or ↓ with the points moved since the comparison snapshot; nothing when it barely moved. */
function trend(delta: number | undefined): string {
  if (delta === undefined || Math.abs(delta) < 0.5) return '';
  return ` ${delta > 0 ? '↑' : '↓'} ${Math.abs(roundTo(delta, 1))}`;
}

/** What a person can do next about an account: the health card's buttons. */
function accountButtons(a: AccountHealthReport['account']): ReplyButton[] {
  return [
    intentButton('Why?', `why ${a.name}`, 'why', { account: a.name }, { style: 'primary' }),
    intentButton('Success plan', `plan ${a.name}`, 'plan', { account: a.name }),
    intentButton('Draft QBR', `qbr ${a.name}`, 'qbr', { account: a.name }),
    intentButton('Snooze alerts 7 days', `snooze ${a.name} 7`, 'snooze', { account: a.name, days: 7 }),
    intentButton(
      'Log a note',
      `note ${a.name}`,
      'note',
      { account: a.name },
      { form: { kind: 'note', accountId: a.id, accountName: a.name } },
    ),
  ];
}

/** NPS, CSAT and comment sentiment: weighed by the model, or shown beside it when it has no such input. */
function voiceSection(report: AccountHealthReport): { title: string; lines: string[] }[] {
  if (!report.voice?.length) return [];
  return [
    {
      title: 'Customer voice (last 180 days)',
      lines: report.voice.map(
        (v) =>
          `${v.text}, latest ${v.asOf}: ${v.weighedIn ? `weighed in ${v.weighedIn}` : 'not part of your health score'}`,
      ),
    },
  ];
}

/** Each source's last delivery about the account, newest first; stale ones marked. */
function sourcesFact(report: AccountHealthReport): { label: string; value: string }[] {
  if (!report.sources.length) return [];
  const value = [...report.sources]
    .sort((a, b) => a.ageMinutes - b.ageMinutes)
    .map((s) => `${s.source} ${timeAgo(s.ageMinutes)}${s.stale ? ' (stale)' : ''}`)
    .join(', ');
  return [{ label: 'Sources', value }];
}

/** A warning for each source that has gone quiet about the account. */
function staleSection(report: AccountHealthReport): { title: string; lines: string[] }[] {
  const stale = report.sources.filter((s) => s.stale);
  if (!stale.length) return [];
  return [
    {
      title: 'Stale data',
      lines: stale.map(
        (s) =>
          `${s.source} last sent data ${timeAgo(s.ageMinutes)} (expected within ${s.staleAfterHours} h): what it feeds may be out of date.`,
      ),
    },
  ];
}

/** The derived stage, said to be derived, with the imported one beside it when they differ. */
function stageText(l: NonNullable<AccountHealthReport['lifecycle']>): string {
  const same = l.imported && [l.stage, l.label].some((s) => s.toLowerCase() === l.imported!.toLowerCase());
  return `${l.label} (derived by ${l.framework} rules${l.imported && !same ? `; imported as ${l.imported}` : ''})`;
}

/** "How is Acme doing?": score, band, dimensions, what changed, what to do. */
export function healthReply(report: AccountHealthReport): Reply {
  const a = report.account;
  const assessment = report.assessment;
  if (!assessment) return churned(report);
  if (assessment.kind === 'insufficient-data') return notEnoughData(report, assessment.gap);
  const s = assessment.score;
  const fresh = dataFreshness(s);
  return {
    headline: `${a.name}: ${s.overall}/100, ${s.band.label}${trend(s.change?.delta)}`,
    tone: toneOf(report),
    figures: {
      score: s.overall,
      band: s.band.label,
      change: s.change?.delta ?? null,
      confidence: roundTo(s.confidence, 2),
      arr: Number(a.arr),
      ...(report.renewal ? { daysToRenewal: report.renewal.daysToRenewal } : {}),
    },
    facts: [
      { label: 'Owner', value: a.owner ?? 'nobody' },
      { label: 'Tier / segment', value: `${a.tier} / ${a.segment}` },
      { label: 'ARR', value: formatMoney(a.arr, a.currency) },
      ...(report.renewal
        ? [{ label: 'Renewal', value: `${report.renewal.renewalDate} (${report.renewal.daysToRenewal} days)` }]
        : []),
      ...(report.lifecycle ? [{ label: 'Stage', value: stageText(report.lifecycle) }] : []),
      { label: 'Confidence', value: `${Math.round(s.confidence * 100)} %` },
      {
        label: 'Data as of',
        value: `${fresh.newest ?? 'no data'}${fresh.stale ? ` (${fresh.stale} input(s) stale)` : ''}`,
      },
      ...sourcesFact(report),
    ],
    bars: Object.values(s.dimensions).map((d) => ({
      label: d.label,
      score: d.score === null ? null : roundTo(d.score, 1),
      note: `weight ${d.weight} %`,
    })),
    sections: [
      ...(s.change ? [{ title: 'This week', lines: [s.change.summary] }] : []),
      ...(s.drivers.negative.length || s.drivers.positive.length
        ? [
            {
              title: 'Top drivers',
              lines: [...s.drivers.negative.slice(0, 2), ...s.drivers.positive.slice(0, 1)].map((d) => d.text),
            },
          ]
        : []),
      ...(assessment.signals.length
        ? [{ title: 'Signals', lines: assessment.signals.map((g) => `${g.label}: ${g.humanAction}`) }]
        : []),
      ...voiceSection(report),
      ...staleSection(report),
    ],
    buttons: accountButtons(a),
  };
}

/** "Why did Globex drop?": the change, the drivers, the evidence. */
export function whyReply(report: AccountHealthReport): Reply {
  const a = report.account;
  const assessment = report.assessment;
  if (!assessment) return churned(report);
  if (assessment.kind === 'insufficient-data') return notEnoughData(report, assessment.gap);
  const s = assessment.score;
  return {
    headline: `Why ${a.name} is at ${s.overall} (${s.band.label})`,
    tone: toneOf(report),
    sections: [
      {
        title: 'What changed',
        lines: [
          s.change
            ? `Since ${s.change.previousAt.slice(0, 10)}: ${s.change.summary}`
            : 'No earlier score to compare with yet.',
        ],
      },
      ...(s.drivers.negative.length
        ? [{ title: 'Pulling it down', lines: s.drivers.negative.map((d) => d.text) }]
        : []),
      ...(s.drivers.positive.length ? [{ title: 'Holding it up', lines: s.drivers.positive.map((d) => d.text) }] : []),
      ...(s.redFlags.length
        ? [{ title: 'Red flags', lines: s.redFlags.map((f) => `${f.label} (${roundTo(f.value, 1)})`) }]
        : []),
      ...(s.recommendations.length
        ? [{ title: 'Recommended', lines: s.recommendations.map((r) => `${r.priority}: ${r.action}`) }]
        : []),
      ...(s.coverage.missing.length
        ? [{ title: 'Missing data', lines: s.coverage.missing.map((m) => `${m.dimension}.${m.metric}: ${m.handling}`) }]
        : []),
      ...voiceSection(report),
    ],
    buttons: accountButtons(a).filter((b) => !b.command.startsWith('why ')),
  };
}
