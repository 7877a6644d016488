import type { EntryCondition, Lifecycle } from './lifecycle-schema.js';
import { daysUntil, monthsSince } from './calendar.js';

export interface LifecycleFacts {
  status: 'active' | 'churned';
  contractStart?: string;
  renewalDate?: string;
  overall?: number;
  /** Latest value of a metric, if known. */
  latest(metric: string): number | undefined;
}

export interface StageResult {
  stage: string;
  label: string;
  /** Why this stage: the entry rule's conditions in words. */
  reason: string;
}

/** The lifecycle stage an account is in: the first entry rule whose conditions all hold. */
export function lifecycleStage(lifecycle: Lifecycle, facts: LifecycleFacts, now: Date): StageResult {
  for (const rule of lifecycle.entryRules) {
    const reasons: string[] = [];
    if (rule.when.every((c) => holds(c, facts, now, reasons))) {
      const stage = lifecycle.stages.find((s) => s.key === rule.stage)!;
      return {
        stage: stage.key,
        label: stage.label,
        reason: reasons.length ? reasons.join(' and ') : 'no earlier stage applies',
      };
    }
  }
  const last = lifecycle.stages.at(-1)!;
  return { stage: last.key, label: last.label, reason: 'no entry rule matched' };
}

function holds(c: EntryCondition, facts: LifecycleFacts, now: Date, reasons: string[]): boolean {
  switch (c.kind) {
    case 'no_contract': {
      const ok = !facts.contractStart || daysUntil(facts.contractStart, now) > 0;
      if (ok) reasons.push('no contract has started');
      return ok;
    }
    case 'status': {
      const ok = facts.status === c.status;
      if (ok) reasons.push(`the account is ${c.status}`);
      return ok;
    }
    case 'months_since_start': {
      if (!facts.contractStart) return false;
      const m = monthsSince(facts.contractStart, now);
      const ok = (c.min === undefined || m >= c.min) && (c.max === undefined || m < c.max);
      if (ok) reasons.push(`${m} month${m === 1 ? '' : 's'} since the contract started`);
      return ok;
    }
    case 'days_to_renewal': {
      if (!facts.renewalDate) return false;
      const d = daysUntil(facts.renewalDate, now);
      const ok = d >= 0 && d <= c.max;
      if (ok) reasons.push(`renewal in ${d} days`);
      return ok;
    }
    case 'score_at_least': {
      const ok = facts.overall !== undefined && facts.overall >= c.value;
      if (ok) reasons.push(`health ${facts.overall} is at least ${c.value}`);
      return ok;
    }
    case 'metric_at_least': {
      const v = facts.latest(c.metric);
      const ok = v !== undefined && v >= c.value;
      if (ok) reasons.push(`${c.metric} ${v} is at least ${c.value}`);
      return ok;
    }
  }
}
