import { goalProgress } from '../../core/plans/goal-progress.js';
import type { PrismaClient } from '../../db/client.js';

export interface SuccessPlanView {
  title: string;
  startsOn: Date | null;
  endsOn: Date | null;
  goals: {
    title: string;
    kpi: string;
    unit: string | null;
    baseline: number | null;
    target: number | null;
    current: number | null;
    /** Share of the way from baseline to target, 0..1 (can exceed 1); null without both ends. */
    progress: number | null;
    status: string;
    owner: string | null;
    dueDate: Date | null;
  }[];
}

/** The account's most recent success plan with its goals. */
export async function getSuccessPlan(prisma: PrismaClient, accountId: string): Promise<SuccessPlanView | undefined> {
  const plan = await prisma.successPlan.findFirst({
    where: { accountId },
    orderBy: { createdAt: 'desc' },
    include: { goals: { orderBy: { createdAt: 'asc' }, include: { owner: { select: { name: true } } } } },
  });
  if (!plan) return undefined;
  return {
    title: plan.title,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    goals: plan.goals.map((g) => ({
      title: g.title,
      kpi: g.kpi,
      unit: g.unit,
      baseline: g.baseline,
      target: g.target,
      current: g.current,
      progress: goalProgress(g),
      status: g.status,
      owner: g.owner?.name ?? null,
      dueDate: g.dueDate,
    })),
  };
}
