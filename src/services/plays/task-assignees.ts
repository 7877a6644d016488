import type { StepOwner } from '../../core/plays/play-schema.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { readSetting } from '../../db/repositories/settings.js';
import { escalationPeopleKey, escalationPeopleSchema } from '../alerts/escalate-alerts.js';
import { whyNoWork } from './work-people.js';

export interface AssigneeContext {
  ownerId: string | null;
  managerId: string | null;
  /** Escalation role -> active user ids holding it (`tend alerts escalation set`). */
  roles: ReadonlyMap<string, string[]>;
  adminIds: string[];
}

/**
 * Who holds what at each account: its owner, their manager, the escalation roles, the admins; for
 * many accounts in six queries (alerts open plays for a whole portfolio at once). Someone who may
 * not take work (a client contact, whatever their Tend role) holds nothing here, so a step falls to
 * the next person.
 */
export async function assigneeContexts(
  db: DbClient,
  accountIds: readonly string[],
): Promise<Map<string, AssigneeContext>> {
  const [accounts, stored, admins] = await Promise.all([
    db.account.findMany({
      where: { id: { in: [...accountIds] } },
      select: { id: true, owner: { select: { id: true, active: true, managerId: true } } },
    }),
    readSetting(db, escalationPeopleKey),
    db.user.findMany({ where: { role: 'ADMIN', active: true }, select: { id: true }, orderBy: { email: 'asc' } }),
  ]);
  const people = stored ? escalationPeopleSchema.parse(stored) : {};
  const emails = [
    ...new Set(
      Object.values(people)
        .flat()
        .map((e) => e.toLowerCase()),
    ),
  ];
  const users = emails.length
    ? await db.user.findMany({ where: { email: { in: emails }, active: true }, select: { id: true, email: true } })
    : [];
  const candidates = [
    ...accounts.flatMap((a) => (a.owner ? [a.owner.id, a.owner.managerId ?? ''] : [])),
    ...users.map((u) => u.id),
    ...admins.map((a) => a.id),
  ].filter(Boolean);
  const refused = await whyNoWork(db, candidates);
  const may = (id: string | null | undefined): id is string => !!id && refused.has(id) && !refused.get(id);
  const idOf = new Map(users.filter((u) => may(u.id)).map((u) => [u.email.toLowerCase(), u.id]));
  const roles = new Map(
    Object.entries(people).map(([role, list]) => [
      role,
      list.map((e) => idOf.get(e.toLowerCase())).filter((id): id is string => !!id),
    ]),
  );
  const adminIds = admins.map((a) => a.id).filter(may);
  return new Map(
    accounts.map((a) => [
      a.id,
      {
        ownerId: a.owner?.active && may(a.owner.id) ? a.owner.id : null,
        managerId: may(a.owner?.managerId) ? a.owner!.managerId : null,
        roles,
        adminIds,
      },
    ]),
  );
}

/**
 * The person a step is for. A role nobody holds falls to the owner's manager, then an admin, so a
 * task always has someone; the owner's own steps fall to their manager when the account has no owner.
 */
export function assigneeFor(who: StepOwner | null, ctx: AssigneeContext): string | null {
  const fallback = ctx.managerId ?? ctx.adminIds[0] ?? null;
  if (who === null || who === 'owner') return ctx.ownerId ?? fallback;
  if (who === 'manager') return fallback ?? ctx.ownerId;
  const role = who === 'executive_sponsor' ? 'Executive sponsor' : who.role;
  return ctx.roles.get(role)?.[0] ?? fallback ?? ctx.ownerId;
}
