import { z } from 'zod';
import type { PrismaClient } from '../../db/client.js';
import { assertCanWrite, type Actor } from '../access/actor.js';
import { InputError } from './input-error.js';

const optionalNumber = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const n = Number(v.replace(/[,%\s]/g, ''));
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a number` });
      return z.NEVER;
    }
    return n;
  });

/** A success-plan goal as a person enters it: BIS's baseline -> target -> KPI row. */
export const goalInputSchema = z.object({
  title: z.string().trim().min(1, 'Give the goal a title').max(200, 'Keep the title under 200 characters'),
  kpi: z.string().trim().min(1, 'Name the KPI that measures it').max(200, 'Keep the KPI under 200 characters'),
  baseline: optionalNumber,
  target: optionalNumber,
  dueDate: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const d = new Date(`${v}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: `"${v}" is not a date (YYYY-MM-DD)` });
        return z.NEVER;
      }
      return d;
    }),
});
export type GoalInput = z.input<typeof goalInputSchema>;

/** Adds a goal to the account's current success plan, starting one if it has none. */
export async function setGoal(
  prisma: PrismaClient,
  actor: Actor,
  input: { accountId: string; goal: GoalInput },
  now: Date,
): Promise<{ goalId: string; planTitle: string; accountName: string }> {
  assertCanWrite(actor);
  const parsed = goalInputSchema.safeParse(input.goal);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, String(issue.path[0] ?? ''));
  }
  const goal = parsed.data;
  return prisma.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: input.accountId }, select: { name: true } });
    if (!account) throw new InputError('That account no longer exists.');
    const plan =
      (await tx.successPlan.findFirst({
        where: { accountId: input.accountId },
        orderBy: { createdAt: 'desc' },
        select: { id: true, title: true },
      })) ??
      (await tx.successPlan.create({
        data: { accountId: input.accountId, title: `${account.name} success plan ${now.getUTCFullYear()}` },
        select: { id: true, title: true },
      }));
    const saved = await tx.successGoal.create({
      data: {
        planId: plan.id,
        title: goal.title,
        kpi: goal.kpi,
        baseline: goal.baseline ?? null,
        target: goal.target ?? null,
        current: goal.baseline ?? null,
        dueDate: goal.dueDate ?? null,
        ownerId: actor.userId ?? null,
      },
      select: { id: true },
    });
    return { goalId: saved.id, planTitle: plan.title, accountName: account.name };
  });
}
