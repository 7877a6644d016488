import type { DbClient } from '../../db/repositories/db-client.js';
import { roleFromDb, type Actor } from './actor.js';

// Who a person is, decided in one place for every surface: chat (Slack, Teams), assistants (MCP),
// the terminal (--as), and the people work is given to (task assignees, reminders, escalations).
// A client contact of any account and anyone outside the organisation win over any Tend role: a
// client's CFO imported as a Tend user is a client, and a guest with a Tend role is a guest.

/**
 * What a chat platform says of a person: a member of the organisation; outside it (a guest, someone
 * of another organisation, a bot, a deactivated account); or it would not say (a failed lookup).
 */
export type PlatformStanding = 'member' | 'outsider' | 'unknown';

/** What is known of a person: any of their identities, and what their chat platform says of them. */
export interface PersonClaim {
  /** A Tend user already known by id (a task's assignee, an escalation target, a token's user). */
  userId?: string;
  /** Chat identities the platform vouches for. */
  slackUserId?: string;
  teamsAadObjectId?: string;
  /** The email the chat platform verified, or the one an operator named (--as). */
  email?: string;
  /** Absent where no chat platform is involved (the terminal, an assistant's token). */
  platform?: PlatformStanding;
}

export type Person =
  /** A client contact of some account (by chat identity or email): sees nothing but their own survey. */
  | { kind: 'client'; userId?: string }
  /** Guest, another organisation, or not known to be inside it (fails closed). */
  | { kind: 'outsider'; userId?: string }
  /** A Tend user inside the organisation; `role` is `none` for a deactivated one. */
  | { kind: 'user'; userId: string; role: Actor['role']; linkable: boolean }
  /** A member of the organisation Tend does not know (TEND_DEFAULT_ROLE applies). */
  | { kind: 'member' };

const userSelect = { id: true, email: true, role: true, active: true, slackUserId: true, teamsAadObjectId: true };
type UserRow = {
  id: string;
  email: string;
  role: 'ADMIN' | 'MANAGER' | 'CSM' | 'VIEWER';
  active: boolean;
  slackUserId: string | null;
  teamsAadObjectId: string | null;
};

const defined = <T>(values: (T | null | undefined)[]): T[] => values.filter((v): v is T => v != null);

/**
 * The one identity decision: for each claim, in this order, a client contact (any of the person's
 * identities, or the Tend user's, matches a contact), an outsider (the platform says so, or would
 * not say), a Tend user, else a member Tend does not know. Two queries for any number of people.
 *
 * A Tend user is found by id, then chat identity, then email; by email only when that user is not
 * already linked to another identity on the same platform (`linkable` says the link is still to make).
 */
export async function resolvePeople(db: DbClient, claims: readonly PersonClaim[]): Promise<Person[]> {
  const norm = claims.map((c) => ({ ...c, email: c.email?.trim().toLowerCase() || undefined }));
  const ids = {
    user: defined(norm.map((c) => c.userId)),
    slack: defined(norm.map((c) => c.slackUserId)),
    teams: defined(norm.map((c) => c.teamsAadObjectId)),
    email: defined(norm.map((c) => c.email)),
  };
  const or = [
    ...(ids.user.length ? [{ id: { in: ids.user } }] : []),
    ...(ids.slack.length ? [{ slackUserId: { in: ids.slack } }] : []),
    ...(ids.teams.length ? [{ teamsAadObjectId: { in: ids.teams } }] : []),
    // Emails are compared without case, as mail systems do (imports lower-case them; not every writer does).
    ...(ids.email.length ? [{ email: { in: ids.email, mode: 'insensitive' as const } }] : []),
  ];
  const users: UserRow[] = or.length ? await db.user.findMany({ where: { OR: or }, select: userSelect }) : [];
  const userOf = (c: (typeof norm)[number]): { user: UserRow; linkable: boolean } | undefined => {
    const byKey = users.find(
      (u) =>
        (c.userId !== undefined && u.id === c.userId) ||
        (c.slackUserId !== undefined && u.slackUserId === c.slackUserId) ||
        (c.teamsAadObjectId !== undefined && u.teamsAadObjectId === c.teamsAadObjectId),
    );
    if (byKey) return { user: byKey, linkable: false };
    const byEmail = c.email === undefined ? undefined : users.find((u) => u.email.toLowerCase() === c.email);
    if (!byEmail) return undefined;
    // Someone else's Slack or Teams identity already holds this email's Tend user.
    const linked = c.slackUserId ? byEmail.slackUserId : c.teamsAadObjectId ? byEmail.teamsAadObjectId : undefined;
    if (linked) return undefined;
    return { user: byEmail, linkable: !!(c.slackUserId || c.teamsAadObjectId) };
  };
  const found = norm.map(userOf);
  // Every identity of the person, theirs and their Tend user's, is asked about.
  const identities = norm.map((c, i) => {
    const u = found[i]?.user;
    return {
      slack: defined([c.slackUserId, u?.slackUserId]),
      teams: defined([c.teamsAadObjectId, u?.teamsAadObjectId]),
      email: defined([c.email, u?.email.toLowerCase()]),
    };
  });
  const all = {
    slack: [...new Set(identities.flatMap((x) => x.slack))],
    teams: [...new Set(identities.flatMap((x) => x.teams))],
    email: [...new Set(identities.flatMap((x) => x.email))],
  };
  const contactOr = [
    ...(all.slack.length ? [{ slackUserId: { in: all.slack } }] : []),
    ...(all.teams.length ? [{ teamsAadObjectId: { in: all.teams } }] : []),
    ...(all.email.length ? [{ email: { in: all.email } }] : []),
  ];
  const contacts = contactOr.length
    ? await db.contact.findMany({
        where: { OR: contactOr },
        select: { slackUserId: true, teamsAadObjectId: true, email: true },
      })
    : [];
  return norm.map((c, i): Person => {
    const mine = identities[i]!;
    const isClient = contacts.some(
      (k) =>
        (k.slackUserId !== null && mine.slack.includes(k.slackUserId)) ||
        (k.teamsAadObjectId !== null && mine.teams.includes(k.teamsAadObjectId)) ||
        (k.email !== null && mine.email.includes(k.email.toLowerCase())),
    );
    const f = found[i];
    // Whether they also hold a Tend user is kept for the record, never to grant anything.
    const held = f ? { userId: f.user.id } : {};
    if (isClient) return { kind: 'client', ...held };
    if (c.platform === 'outsider' || c.platform === 'unknown') return { kind: 'outsider', ...held };
    if (f)
      return {
        kind: 'user',
        userId: f.user.id,
        role: f.user.active ? roleFromDb(f.user.role) : 'none',
        linkable: f.linkable,
      };
    return { kind: 'member' };
  });
}

/** `resolvePeople` for one person. */
export async function resolvePerson(db: DbClient, claim: PersonClaim): Promise<Person> {
  return (await resolvePeople(db, [claim]))[0]!;
}

/** Why work cannot go to this person, in words for the one who tried; undefined when it can. */
export function cannotTakeWork(person: Person, name: string, platform?: PlatformStanding): string | undefined {
  if (person.kind === 'client')
    return `${name} is a client contact; Tend gives tasks and reminders only to the account team.`;
  if (person.kind === 'outsider')
    return platform === 'unknown'
      ? `Slack would not say whether ${name} is a guest, so Tend gives them no tasks or reminders for now; try again later.`
      : `${name} is a guest or from outside the organisation in chat; Tend gives tasks and reminders only to the account team.`;
  if (person.kind !== 'user' || person.role === 'none') return `${name} is not an active Tend user.`;
  return undefined;
}

/**
 * The actor of an assistant or a terminal session acting as a Tend user: their role, and nothing at
 * all when they are a client contact too; undefined for someone who holds no Tend user.
 */
export function actorOfPerson(person: Person): Actor | undefined {
  if (person.kind === 'member' || !person.userId) return undefined;
  if (person.kind === 'client' || person.kind === 'outsider') return { role: 'none', external: true, place: 'dm' };
  return { userId: person.userId, role: person.role, external: false, place: 'dm' };
}

/** `actorOfPerson` for the Tend user with this email (tend ask --as, tend mcp --as, an identity provider's token). */
export async function actorForEmail(db: DbClient, email: string): Promise<Actor | undefined> {
  return actorOfPerson(await resolvePerson(db, { email }));
}
