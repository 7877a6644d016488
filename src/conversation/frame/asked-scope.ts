import type { AccountScope } from '../../core/portfolio/account-scope.js';
import type { Actor } from '../../services/access/actor.js';
import type { Database } from '../../services/database.js';
import { teamOwnerIds } from '../../services/portfolio/team-members.js';
import { askedParts, said, type QuestionFrame, type ScopePart } from './question-frame.js';

/**
 * The scope a question asked, resolved against the book (owners to ids), and what the answer
 * applied of it: intents call `use` for each part they apply; whatever they did not use is named in
 * the reply (see `notApplied`), so an answer is never silently wider than the question.
 */
export interface AskedScope {
  frame: QuestionFrame;
  /** The accounts the question covers (owner, region, segment, tier, industry, thresholds). */
  accounts: AccountScope;
  /** "Jordan Patel's enterprise EMEA", "your team's", '' for everyone's. */
  label: string;
  /** Why an asked owner cannot be applied ("you have no team in Tend"), if so. */
  ownerProblem?: string;
  /** Marks parts as applied by the answer. */
  use(...parts: ScopePart[]): void;
  readonly applied: ReadonlySet<ScopePart>;
}

/** The account parts every list over the book applies through `inScope`. */
export const accountParts: ScopePart[] = ['owner', 'regions', 'segment', 'tiers', 'industry', 'thresholds'];

export async function resolveAskedScope(prisma: Database, actor: Actor, frame: QuestionFrame): Promise<AskedScope> {
  const applied = new Set<ScopePart>();
  const accounts: AccountScope = {};
  let ownerLabel = '';
  let ownerProblem: string | undefined;
  const owner = frame.owner;
  if (owner?.kind === 'person') {
    accounts.ownerIds = [owner.id];
    ownerLabel = `${owner.name}'s`;
  } else if (owner?.kind === 'me') {
    // A manager's own book is their team's (as in the portfolio summary): "my renewals" means theirs.
    const team = actor.userId && actor.role === 'manager' ? await teamOwnerIds(prisma, actor.userId) : [];
    if (team.length) {
      accounts.ownerIds = team;
      ownerLabel = "your team's";
    } else if (actor.userId) {
      accounts.ownerIds = [actor.userId];
      ownerLabel = 'your';
    } else ownerProblem = 'I do not know who you are in Tend, so I cannot narrow this to your accounts';
  } else if (owner?.kind === 'team') {
    const team = actor.userId ? await teamOwnerIds(prisma, actor.userId) : [];
    if (team.length) {
      accounts.ownerIds = team;
      ownerLabel = "your team's";
    } else ownerProblem = 'nobody reports to you in Tend, so I cannot narrow this to your team';
  }
  if (frame.regions) accounts.regions = frame.regions.values;
  if (frame.segment) accounts.segment = frame.segment.value;
  if (frame.tiers) accounts.tiers = frame.tiers.values;
  if (frame.industry) accounts.industry = frame.industry.value;
  if (frame.thresholds) accounts.thresholds = frame.thresholds.map(({ field, op, value }) => ({ field, op, value }));
  const label = [
    ownerLabel,
    frame.tiers?.values.join('/'),
    frame.segment?.value,
    frame.industry?.value,
    frame.regions?.values.join('/'),
  ]
    .filter(Boolean)
    .join(' ');
  // "over 500k", "under 60": said back as typed, after the rest ("EMEA (over 500k)").
  const thresholds = frame.thresholds?.map(
    (t) => `${t.op} ${t.field === 'arr' ? formatThreshold(t.value) : `${t.value} health`}`,
  );
  const fullLabel = thresholds?.length ? `${label}${label ? ' ' : ''}(${thresholds.join(', ')})` : label;
  return {
    frame,
    accounts,
    label: fullLabel,
    ...(ownerProblem ? { ownerProblem } : {}),
    use: (...parts) => {
      for (const p of parts) if (frame[p] !== undefined && !(p === 'owner' && ownerProblem)) applied.add(p);
    },
    applied,
  };
}

const formatThreshold = (v: number) =>
  v >= 1e6 ? `${+(v / 1e6).toFixed(2)}M ARR` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k ARR` : `${v} ARR`;

const partNames: Record<ScopePart, string> = {
  owner: 'owner',
  regions: 'region',
  segment: 'segment',
  tiers: 'tier',
  industry: 'industry',
  period: 'period',
  thresholds: 'threshold',
  groupBy: 'grouping',
};

/** What the question asked that the answer did not apply, in words, or undefined when all was applied. */
export function notApplied(scope: AskedScope): string | undefined {
  const missing = askedParts(scope.frame).filter((p) => !scope.applied.has(p));
  if (!missing.length) return undefined;
  const named = missing.map((p) => `${said(scope.frame, p)} (${partNames[p]})`).join(', ');
  return `Not applied: ${named}${scope.ownerProblem && missing.includes('owner') ? ` (${scope.ownerProblem})` : ''}. I cannot narrow this answer by ${missing.length === 1 ? 'it' : 'them'} yet, so it is wider than you asked.`;
}
