import type { PrismaClient } from '../../db/client.js';
import { assertCanWrite, type Actor } from '../access/actor.js';
import { InputError } from '../accounts/input-error.js';
import { whyNoWork } from '../plays/work-people.js';
import type { AlertNotifiers } from './alert-notifier.js';

const dayMs = 86_400_000;

export type AlertAction =
  { kind: 'ack' } | { kind: 'claim' } | { kind: 'assign'; email: string } | { kind: 'snooze'; days: number };

/**
 * Acknowledge, claim (take it), assign (to a colleague on the account team, never a client contact or
 * a guest) or snooze an alert; the account team only.
 */
export async function actOnAlert(
  prisma: PrismaClient,
  actor: Actor,
  input: { alertId: string; action: AlertAction },
  now: Date,
  /** The connected chat apps, asked whether the person an alert is assigned to is a guest. */
  notifiers?: AlertNotifiers,
): Promise<{ title: string; message: string }> {
  assertCanWrite(actor);
  const alert = await prisma.alert.findUnique({
    where: { id: input.alertId },
    select: { id: true, title: true, state: true },
  });
  if (!alert) throw new InputError('That alert no longer exists.');
  if (alert.state === 'RESOLVED') return { title: alert.title, message: 'This alert has already resolved.' };
  const { action } = input;
  if (action.kind === 'ack') {
    await prisma.alert.update({ where: { id: alert.id }, data: { state: 'ACKNOWLEDGED', acknowledgedAt: now } });
    return { title: alert.title, message: 'Acknowledged.' };
  }
  if (action.kind === 'claim') {
    if (!actor.userId) throw new InputError('Only Tend users can claim alerts; ask your Tend admin to add you.');
    await prisma.alert.update({ where: { id: alert.id }, data: { assigneeId: actor.userId, claimedAt: now } });
    return { title: alert.title, message: 'Claimed: it is yours.' };
  }
  if (action.kind === 'assign') {
    const user = await prisma.user.findUnique({
      where: { email: action.email.toLowerCase() },
      select: { id: true, name: true, active: true },
    });
    if (!user?.active) throw new InputError(`No active Tend user with the email ${action.email}.`);
    // Never to a client contact or a guest, whatever their Tend role.
    const refused = (await whyNoWork(prisma, [user.id], notifiers)).get(user.id);
    if (refused) throw new InputError(`Not assigned: ${refused.reason}`);
    await prisma.alert.update({ where: { id: alert.id }, data: { assigneeId: user.id, claimedAt: now } });
    return { title: alert.title, message: `Assigned to ${user.name}.` };
  }
  if (!Number.isInteger(action.days) || action.days < 1 || action.days > 90)
    throw new InputError('Snooze for 1 to 90 days.');
  const until = new Date(now.getTime() + action.days * dayMs);
  await prisma.alert.update({ where: { id: alert.id }, data: { state: 'SNOOZED', snoozedUntil: until } });
  return { title: alert.title, message: `Snoozed until ${until.toISOString().slice(0, 10)}.` };
}
