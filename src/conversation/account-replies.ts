import type { AccountMatch } from '../core/text/match-account.js';
import type { AccountName } from '../services/accounts/find-account.js';
import type { SuccessPlanView } from '../services/accounts/get-success-plan.js';
import { intentButton, type Reply, type ReplyButton } from '../replies/reply.js';

/** The same request again, for another account: the typed command and the intent it runs. */
export type Retry = (account: AccountName) => { command: string; intent: string; args: Record<string, unknown> };

const retryButton = (account: AccountName, retry: Retry): ReplyButton => {
  const r = retry(account);
  return intentButton(account.name, r.command, r.intent, r.args);
};

/** "Did you mean ...?" for a name that matched several accounts or none. */
export function unmatchedReply(
  query: string,
  match: Exclude<AccountMatch<AccountName>, { kind: 'found' }>,
  retry: Retry,
): Reply {
  if (match.kind === 'ambiguous')
    return {
      headline: `Several accounts match "${query}". Which one?`,
      tone: 'info',
      unresolved: { kind: 'account', query, candidates: match.candidates.slice(0, 5).map((c) => c.name) },
      buttons: match.candidates.slice(0, 5).map((c) => retryButton(c, retry)),
    };
  return {
    headline: match.suggestions.length
      ? `No account called "${query}". Did you mean:`
      : `No account matches "${query}".`,
    tone: 'info',
    unresolved: { kind: 'account', query, candidates: match.suggestions.map((c) => c.name) },
    buttons: match.suggestions.map((c) => retryButton(c, retry)),
    ...(match.suggestions.length ? {} : { suggestions: ['at-risk', 'renewals 90', 'portfolio'] }),
  };
}

const fmt = (n: number | null, unit: string | null) => (n === null ? '?' : `${n}${unit ? ` ${unit}` : ''}`);

export function planReply(account: { id: string; name: string }, plan: SuccessPlanView | undefined): Reply {
  const addGoal = intentButton(
    'Add a goal',
    `goal ${account.name}`,
    'goal',
    { account: account.name },
    { form: { kind: 'goal', accountId: account.id, accountName: account.name } },
  );
  if (!plan)
    return {
      headline: `${account.name} has no success plan yet.`,
      tone: 'info',
      buttons: [{ ...addGoal, style: 'primary' }],
    };
  const behind = plan.goals.filter((g) => g.status === 'AT_RISK' || g.status === 'MISSED').length;
  return {
    headline: `${plan.title}: ${plan.goals.length} goal(s)${behind ? `, ${behind} behind` : ''}`,
    tone: behind ? 'warning' : 'info',
    table: {
      columns: ['Goal', 'KPI', 'Baseline → target', 'Now', 'Progress', 'Status', 'Owner', 'Due'],
      rows: plan.goals.map((g) => [
        g.title,
        g.kpi,
        `${fmt(g.baseline, g.unit)} → ${fmt(g.target, g.unit)}`,
        fmt(g.current, g.unit),
        g.progress === null ? '' : `${Math.round(g.progress * 100)} %`,
        g.status.toLowerCase().replace('_', ' '),
        g.owner ?? '',
        g.dueDate?.toISOString().slice(0, 10) ?? '',
      ]),
    },
    buttons: [addGoal],
  };
}
