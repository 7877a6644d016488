import type { PrismaClient } from '../../db/client.js';
import { assertCanWrite, type Actor } from '../access/actor.js';
import { InputError } from './input-error.js';

const dayMs = 86_400_000;

/** Holds back an account's alerts for `days`; open alerts are snoozed with it. */
export async function snoozeAlerts(
  prisma: PrismaClient,
  actor: Actor,
  input: { accountId: string; days: number },
  now: Date,
): Promise<{ until: Date; accountName: string; snoozedAlerts: number }> {
  assertCanWrite(actor);
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 90)
    throw new InputError('Snooze for 1 to 90 days.', 'days');
  const until = new Date(now.getTime() + input.days * dayMs);
  return prisma.$transaction(async (tx) => {
    const account = await tx.account.update({
      where: { id: input.accountId },
      data: { alertsSnoozedUntil: until },
      select: { name: true },
    });
    const alerts = await tx.alert.updateMany({
      where: { accountId: input.accountId, state: { in: ['OPEN', 'ACKNOWLEDGED'] } },
      data: { state: 'SNOOZED', snoozedUntil: until },
    });
    return { until, accountName: account.name, snoozedAlerts: alerts.count };
  });
}
