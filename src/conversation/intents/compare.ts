import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { formatMoney } from '../../core/metrics/format-money.js';
import { roundTo } from '../../core/scoring/rounding.js';
import { intentButton, type Reply } from '../../replies/reply.js';
import { getAccountHealth, type AccountHealthReport } from '../../services/scoring/get-account-health.js';
import { unmatchedReply } from '../account-replies.js';
import { accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'compare {account} and {account}',
  '{account} versus {account}',
  '{account} or {account}',
  'which is healthier, {account} or {account}',
  'side by side {account} {account}',
  'how do {account} and {account} compare',
  'contrast {account} with {account}',
  'put {account} next to {account}',
  'difference between {account} and {account}',
  'is {account} better than {account}',
  '{account} compared with {account}',
  'stack up {account} against {account}',
  'comparison of {account} and {account}',
  'benchmark {account} against {account}',
  '{account} against {account}',
];

/** One account's column: every figure from its health report, "not enough data" where there is none. */
function column(report: AccountHealthReport): Record<string, string> {
  const a = report.account;
  const scored = report.assessment?.kind === 'scored' ? report.assessment.score : undefined;
  const cells: Record<string, string> = {
    Health: scored ? `${scored.overall} (${scored.band.label})` : report.assessment ? 'not enough data' : 'churned',
    'This week': scored?.change ? `${scored.change.delta > 0 ? '+' : ''}${roundTo(scored.change.delta, 1)}` : '',
    ARR: formatMoney(a.arr, a.currency),
    Owner: a.owner ?? 'nobody',
    'Tier / segment': `${a.tier} / ${a.segment}`,
    Renewal: report.renewal
      ? `${report.renewal.renewalDate} (${report.renewal.daysToRenewal} days)`
      : (a.renewalDate ?? ''),
    Stage: report.lifecycle?.stage ?? '',
  };
  for (const d of Object.values(scored?.dimensions ?? {}))
    cells[d.label] = d.score === null ? 'not enough data' : String(roundTo(d.score, 1));
  return cells;
}

export default defineIntent({
  name: 'compare',
  examples,
  fromText: (phrase) => {
    const rest = accountArg(examples)(phrase)?.account;
    const parts = rest
      ?.split(/\s*(?:,|\band\b|\bvs\.?|\bversus\b|\bor\b|\bwith\b|\bto\b|\bagainst\b|\bthan\b)\s*/i)
      .filter(Boolean);
    return parts && parts.length === 2 ? { first: parts[0]!, second: parts[1]! } : undefined;
  },
  args: z.object({ first: accountText, second: accountText }),
  verbs: ['compare'],
  access: 'reader',
  help: { group: 'Ask me', order: 25, line: 'compare <account> and <account>: side by side' },
  rules: [
    {
      // "compare Contoso Foods and Contoso Labs", "Acme vs Globex", "how does Acme compare to Globex?"
      priority: 49,
      match: ({ text }) => {
        const m =
          /^(?:\/tend\s+)?compare (.+?) (?:and|with|to|vs\.?|versus) (.+)$/i.exec(text) ??
          /^how (?:does|do|is) (.+?) compare (?:to|with|against) (.+)$/i.exec(text) ??
          /^(.+?) (?:vs\.?|versus) (.+)$/i.exec(text);
        return m ? { first: stripAccount(m[1]!), second: stripAccount(m[2]!) } : undefined;
      },
    },
  ],
  tool: {
    name: 'compare_accounts',
    description: 'Two accounts side by side: health, band, change, dimensions, ARR, owner, renewal',
    parameters: z.object({ first: z.string().min(1).max(200), second: z.string().min(1).max(200) }),
    toArgs: (p) => ({ first: p.first as string, second: p.second as string }),
  },
  async handle({ deps, now }, { first, second }): Promise<Reply> {
    const reports: AccountHealthReport[] = [];
    for (const query of [first, second]) {
      const lookup = await getAccountHealth(deps.prisma, query, now, { compareDays: 7 });
      if (lookup.kind !== 'found') return unmatchedReply(query, lookup, sameRequestFor('health', 'health'));
      reports.push(lookup.report);
    }
    const [a, b] = reports.map(column) as [Record<string, string>, Record<string, string>];
    const rows = [...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, a[k] ?? '', b[k] ?? '']);
    const [ra, rb] = reports as [AccountHealthReport, AccountHealthReport];
    return {
      headline: `${ra.account.name} and ${rb.account.name}, side by side`,
      tone: 'info',
      table: { columns: ['', ra.account.name, rb.account.name], rows },
      buttons: reports.map((r) =>
        intentButton(`Why ${r.account.name}?`, `why ${r.account.name}`, 'why', { account: r.account.name }),
      ),
    };
  },
});
