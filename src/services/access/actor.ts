// Who is asking, as every use case sees it. Chat adapters resolve it from Slack or Teams identities;
// the use cases decide what it may read or change, so a new channel cannot forget a check.

export type Role = 'admin' | 'manager' | 'csm' | 'viewer';

export interface Actor {
  /** The Tend user, when the person is a known internal user. */
  userId?: string;
  /** `none`: a workspace member without access (TEND_DEFAULT_ROLE=none). */
  role: Role | 'none';
  /** From another organisation: guest, Slack Connect user, other tenant. */
  external: boolean;
  /**
   * Where they asked. A channel shared with another organisation never sees account data, nor does a
   * conversation Tend cannot inspect (`unverified`: a private channel or DM it is not part of).
   */
  place: 'dm' | 'channel' | 'shared_channel' | 'unverified';
  /** The person's chat identity (Slack user id, Teams AAD object id): survey respondents are known by it. */
  chatIdentity?: string;
  /** The conversation they asked in (a Slack channel id), for acts that post there. */
  conversationId?: string;
}

export class AccessDenied extends Error {
  constructor(
    readonly reason:
      'external' | 'unverified' | 'no_access' | 'read_only' | 'admin_only' | 'managers_only' | 'not_yours',
  ) {
    super(messages[reason]);
    this.name = 'AccessDenied';
  }
}

const messages: Record<AccessDenied['reason'], string> = {
  external: 'Tend answers questions from the account team only.',
  unverified:
    'I cannot see who else is in this conversation, so I share no account data here. Ask me in a direct message with Tend, or invite me to the channel.',
  no_access: 'You do not have access to Tend yet; ask your Tend admin to add you.',
  read_only: 'Your Tend role is read-only; ask your Tend admin if you need to change account data.',
  admin_only: 'Only Tend admins can do that.',
  managers_only: 'Only managers and Tend admins can see that.',
  not_yours: "Only the task's assignee, the play's owner, managers and Tend admins can change it.",
};

const writers: ReadonlySet<Actor['role']> = new Set(['admin', 'manager', 'csm']);

/** Account data: internal people in an unshared place. */
export function assertCanRead(actor: Actor): void {
  if (actor.external || actor.place === 'shared_channel') throw new AccessDenied('external');
  if (actor.place === 'unverified') throw new AccessDenied('unverified');
  if (actor.role === 'none') throw new AccessDenied('no_access');
}

/** Notes, goals, snoozes: the account team. */
export function assertCanWrite(actor: Actor): void {
  assertCanRead(actor);
  if (!writers.has(actor.role)) throw new AccessDenied('read_only');
}

/**
 * Sending a survey. Also from a channel shared with the client: the survey is meant for that
 * channel, and the sender (internal, on the account team) alone sees Tend's reply.
 */
export function assertCanSendSurvey(actor: Actor): void {
  assertCanWrite(actor.place === 'shared_channel' && !actor.external ? { ...actor, place: 'channel' } : actor);
}

/** Portfolio-wide analysis (how good the health score is): managers and admins. */
export function assertManager(actor: Actor): void {
  assertCanRead(actor);
  if (actor.role !== 'manager' && actor.role !== 'admin') throw new AccessDenied('managers_only');
}

export function assertAdmin(actor: Actor): void {
  assertCanRead(actor);
  if (actor.role !== 'admin') throw new AccessDenied('admin_only');
}

export const roleFromDb = (role: 'ADMIN' | 'MANAGER' | 'CSM' | 'VIEWER'): Role => role.toLowerCase() as Role;
