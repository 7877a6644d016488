import type { GoalStatus } from '../client.js';
import type { DbClient } from './db-client.js';

export interface SuccessGoalInput {
  title: string;
  kpi: string;
  unit?: string;
  baseline?: number;
  target?: number;
  current?: number;
  ownerId?: string;
  evidence?: string;
  dueDate?: Date;
  reviewCadence?: string;
  status: GoalStatus;
}

export interface SuccessPlanInput {
  accountId: string;
  title: string;
  startsOn?: Date;
  endsOn?: Date;
  goals: SuccessGoalInput[];
}

export async function createSuccessPlan(db: DbClient, plan: SuccessPlanInput): Promise<string> {
  const saved = await db.successPlan.create({
    data: {
      accountId: plan.accountId,
      title: plan.title,
      startsOn: plan.startsOn ?? null,
      endsOn: plan.endsOn ?? null,
      goals: { create: plan.goals.map((g) => ({ ...g })) },
    },
    select: { id: true },
  });
  return saved.id;
}
