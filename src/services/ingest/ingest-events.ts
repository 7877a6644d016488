import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../db/client.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { upsertMetricObservations } from '../../db/repositories/metric-observations.js';
import { defaultEventRules, eventRulesSchema, type EventRules } from '../../core/events/event-rules.js';
import { longestWindowDays, measureRule, type ActivityEvent } from '../../core/events/roll-up-events.js';
import { segmentEventSchema, segmentPayloadSchema, type SegmentEvent } from '../../core/events/segment-event.js';
import { markAccountsFresh } from './account-freshness.js';
import { earlierAnswer, writeBatchOnce, type Accepted, type KeyReused } from './ingest-batches.js';
import { maxBatchRows, type RowProblemOut } from './ingest-rows.js';
import type { SourceRecord } from './sources.js';

interface EventsBody {
  batchId: string;
  kind: 'events';
  events: number;
  stored: number;
  duplicates: number;
  skipped: { index: number; reason: string }[];
  metrics: number;
}

export type EventsOutcome =
  | Accepted<EventsBody>
  | KeyReused
  | { status: 413 | 422; replayed: false; body: { error: string; message: string; problems?: RowProblemOut[] } };

/** The event rules of a source: its mapping's `eventRules`, else the defaults. */
export function eventRulesOf(source: SourceRecord): EventRules {
  const stored = (source.mapping as { eventRules?: unknown } | null)?.eventRules;
  const parsed = stored ? eventRulesSchema.safeParse(stored) : undefined;
  return parsed?.success ? parsed.data : defaultEventRules;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const actorOf = (e: SegmentEvent) => (e.userId ?? e.anonymousId)!;

/** Accounts by a Segment groupId: the account's external id, else one of its domains. */
async function accountsByGroup(db: DbClient, groupIds: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (groupIds.length === 0) return found;
  const lower = groupIds.map((g) => g.toLowerCase());
  const rows = await db.$queryRaw<{ id: string; externalId: string; domains: string[] }[]>`
    SELECT id, "externalId", domains FROM "Account"
    WHERE "externalId" = ANY(${groupIds}::text[]) OR domains && ${lower}::text[]`;
  for (const g of groupIds) {
    const hit = rows.find((r) => r.externalId === g) ?? rows.find((r) => r.domains.includes(g.toLowerCase()));
    if (hit) found.set(g, hit.id);
  }
  return found;
}

/**
 * Takes Segment-spec events (a batch or one event): `identify` and `group` say who belongs to which
 * account; `track`, `page` and `screen` are stored once each (by messageId) and rolled up into the
 * metrics the source's rules name, for each day they fall on. Malformed events reject the batch;
 * events Tend cannot place on an account are skipped and reported.
 */
export async function ingestEvents(
  prisma: PrismaClient,
  input: { source: SourceRecord; payload: unknown; idempotencyKey?: string; now: Date },
): Promise<EventsOutcome> {
  const { source, now } = input;
  const earlier = await earlierAnswer<EventsBody>(prisma, source, input.idempotencyKey, 'events');
  if (earlier) return earlier;
  const shape = segmentPayloadSchema.safeParse(input.payload);
  if (!shape.success)
    return {
      status: 422,
      replayed: false,
      body: {
        error: 'invalid_payload',
        message: 'send one Segment event ({"type": ...}) or a batch ({"batch": [...]})',
      },
    };
  const raw: unknown[] = 'batch' in shape.data ? (shape.data.batch as unknown[]) : [shape.data];
  if (raw.length > maxBatchRows)
    return {
      status: 413,
      replayed: false,
      body: {
        error: 'batch_too_large',
        message: `a batch holds at most ${maxBatchRows} events; this one has ${raw.length}`,
      },
    };
  const events: SegmentEvent[] = [];
  const problems: RowProblemOut[] = [];
  raw.forEach((r, index) => {
    const parsed = segmentEventSchema.safeParse(r);
    if (parsed.success) events.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? issue.path.join('.') : undefined;
        problems.push({
          index,
          ...(field ? { field } : {}),
          message: field ? `${field} ${issue.message}` : issue.message,
        });
      }
  });
  if (problems.length)
    return {
      status: 422,
      replayed: false,
      body: {
        error: 'invalid_events',
        message: `${new Set(problems.map((p) => p.index)).size} of ${raw.length} event(s) are malformed; nothing was stored`,
        problems: problems.slice(0, 1_000),
      },
    };

  const groupIdOf = (e: SegmentEvent) =>
    e.type === 'group' ? e.groupId : (e.context?.groupId ?? (e.type === 'track' ? e.properties?.groupId : undefined));
  const groups = await accountsByGroup(prisma, [
    ...new Set(events.map(groupIdOf).filter((g): g is string => g !== undefined)),
  ]);
  const members = new Map<string, string>();
  const known = await prisma.productUser.findMany({
    where: { sourceId: source.id, userId: { in: [...new Set(events.map(actorOf))] }, accountId: { not: null } },
    select: { userId: true, accountId: true },
  });
  for (const u of known) members.set(u.userId, u.accountId!);

  const skipped: { index: number; reason: string }[] = [];
  const userRows = new Map<string, { accountId?: string; email?: string }>();
  const activity: { messageId: string; accountId: string; userId: string; event: string; occurredAt: Date }[] = [];
  events.forEach((e, index) => {
    const user = actorOf(e);
    const groupId = groupIdOf(e);
    const groupAccount = groupId ? groups.get(groupId) : undefined;
    if (e.type === 'identify') {
      const email = e.traits?.email?.trim().toLowerCase();
      userRows.set(user, { ...userRows.get(user), ...(email ? { email } : {}) });
      return;
    }
    if (e.type === 'group') {
      if (!groupAccount) {
        skipped.push({ index, reason: `group "${groupId}" is no account's external id or domain` });
        return;
      }
      members.set(user, groupAccount);
      userRows.set(user, { ...userRows.get(user), accountId: groupAccount });
      return;
    }
    if (e.type === 'alias') return;
    const accountId = groupAccount ?? members.get(user);
    if (!accountId) {
      skipped.push({
        index,
        reason: groupId
          ? `group "${groupId}" is no account's external id or domain`
          : `user "${user}" belongs to no known account: send a group call, or context.groupId`,
      });
      return;
    }
    const at = e.timestamp ? new Date(e.timestamp) : now;
    activity.push({
      messageId: e.messageId,
      accountId,
      userId: user,
      event:
        e.type === 'track' ? e.event : `${e.type}:${e.type === 'page' || e.type === 'screen' ? (e.name ?? '') : ''}`,
      // A clock ahead of Tend's is read as now.
      occurredAt: at.getTime() > now.getTime() ? now : at,
    });
  });

  const rules = eventRulesOf(source);
  const body: EventsBody = {
    batchId: randomUUID(),
    kind: 'events',
    events: raw.length,
    stored: 0,
    duplicates: 0,
    skipped: skipped.slice(0, 100),
    metrics: 0,
  };
  return writeBatchOnce<EventsBody>(
    prisma,
    {
      source,
      kind: 'events',
      rows: raw.length,
      now,
      ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    },
    async (tx) => {
      for (const [userId, row] of userRows)
        await tx.productUser.upsert({
          where: { sourceId_userId: { sourceId: source.id, userId } },
          create: { sourceId: source.id, userId, ...row },
          update: row,
        });
      const inserted = activity.length
        ? await tx.$queryRaw<{ accountId: string; occurredAt: Date }[]>`
            INSERT INTO "ProductEvent" ("sourceId", "messageId", "accountId", "userId", "event", "occurredAt")
            SELECT ${source.id}::uuid, * FROM unnest(
              ${activity.map((a) => a.messageId)}::text[],
              ${activity.map((a) => a.accountId)}::uuid[],
              ${activity.map((a) => a.userId)}::text[],
              ${activity.map((a) => a.event)}::text[],
              ${activity.map((a) => a.occurredAt)}::timestamptz[])
            ON CONFLICT ("sourceId", "messageId") DO NOTHING
            RETURNING "accountId", "occurredAt"`
        : [];
      body.stored = inserted.length;
      body.duplicates = activity.length - inserted.length;
      const days = new Map<string, Set<string>>();
      for (const e of inserted) {
        const set = days.get(e.accountId) ?? new Set<string>();
        set.add(day(e.occurredAt));
        days.set(e.accountId, set);
      }
      body.metrics = await rollUp(tx, source, rules, days, now);
      await markAccountsFresh(tx, [...days.keys()], source.name, now);
      return body;
    },
  );
}

/**
 * Recomputes the rules' metrics for each account on each day new events fell on: past days over
 * windows ending at the day's end, today over the window ending now.
 */
async function rollUp(
  tx: DbClient,
  source: SourceRecord,
  rules: EventRules,
  days: Map<string, Set<string>>,
  now: Date,
): Promise<number> {
  if (days.size === 0 || rules.rules.length === 0) return 0;
  const span = longestWindowDays(rules.rules) * 86_400_000;
  const seats = new Map(
    (
      await tx.account.findMany({ where: { id: { in: [...days.keys()] } }, select: { id: true, seatsLicensed: true } })
    ).map((a) => [a.id, a.seatsLicensed]),
  );
  const observations: { accountId: string; key: string; date: string; value: number; source: string }[] = [];
  for (const [accountId, dates] of days) {
    const ends = [...dates].map((d) => {
      const end = new Date(`${d}T23:59:59.999Z`);
      return end.getTime() > now.getTime() ? now : end;
    });
    const earliest = new Date(Math.min(...ends.map((e) => e.getTime())) - span);
    const latest = new Date(Math.max(...ends.map((e) => e.getTime())));
    const rows: ActivityEvent[] = await tx.productEvent.findMany({
      where: { accountId, sourceId: source.id, occurredAt: { gt: earliest, lte: latest } },
      select: { userId: true, event: true, occurredAt: true },
    });
    for (const end of ends)
      for (const rule of rules.rules) {
        const value = measureRule(rule, rows, end, seats.get(accountId) ?? null);
        if (value !== undefined)
          observations.push({ accountId, key: rule.metric, date: day(end), value, source: source.name });
      }
  }
  await upsertMetricObservations(tx, observations);
  return observations.length;
}
