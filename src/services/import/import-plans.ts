import type { DbClient } from '../../db/repositories/db-client.js';
import { findAccountIdsByExternalId, upsertAccounts } from '../../db/repositories/accounts.js';
import { findContactIdsByExternalId, upsertContacts } from '../../db/repositories/contacts.js';
import { offlineSentiment } from '../../llm/sentiment/offline-sentiment.js';
import { upsertFeedbackItems } from '../../db/repositories/feedback-items.js';
import { upsertMetricObservations } from '../../db/repositories/metric-observations.js';
import { findUserIdsByEmail, setManagers, upsertUsers } from '../../db/repositories/users.js';
import type { ParsedRow, RowProblem } from './parse-csv.js';
import { recordOutcomes } from '../outcomes/record-outcomes.js';
import type { AccountRow, ContactRow, FeedbackRow, ImportKind, MetricRow, OutcomeRow, UserRow } from './row-schemas.js';

// For each kind: check references and duplicates against the database and the file itself, then
// hand back a writer that runs inside the caller's transaction. Nothing is written while checking.

export interface ImportPlan {
  problems: RowProblem[];
  /** How many rows create a new record, and how many change an existing one. */
  creates: number;
  updates: number;
  write(tx: DbClient): Promise<void>;
}

type Rows<T> = ParsedRow<T>[];

const uniq = <T>(values: T[]) => [...new Set(values)];
const date = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : undefined);

function duplicates<T>(rows: Rows<T>, keyOf: (row: T) => string, what: string): RowProblem[] {
  const firstLine = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const { line, row } of rows) {
    const key = keyOf(row);
    const seen = firstLine.get(key);
    if (seen === undefined) firstLine.set(key, line);
    else problems.push({ line, message: `repeats the ${what} of line ${seen}` });
  }
  return problems;
}

export async function planUsers(db: DbClient, rows: Rows<UserRow>): Promise<ImportPlan> {
  const problems = duplicates(rows, (r) => r.email, 'email');
  const inFile = new Set(rows.map((r) => r.row.email));
  const existing = await findUserIdsByEmail(
    db,
    uniq(rows.flatMap((r) => [r.row.email, r.row.manager_email ?? []].flat())),
  );
  for (const { line, row } of rows) {
    if (row.manager_email && !inFile.has(row.manager_email) && !existing.has(row.manager_email)) {
      problems.push({
        line,
        column: 'manager_email',
        message: `manager_email "${row.manager_email}" is not a known user; add that user to this file or import them first`,
      });
    }
    if (row.manager_email === row.email) {
      problems.push({ line, column: 'manager_email', message: 'a user cannot be their own manager' });
    }
  }
  const creates = rows.filter((r) => !existing.has(r.row.email)).length;
  return {
    problems,
    creates,
    updates: rows.length - creates,
    async write(tx) {
      const ids = await upsertUsers(
        tx,
        rows.map(({ row }) => ({
          externalId: row.external_id,
          email: row.email,
          name: row.name,
          ...(row.role ? { role: row.role.toUpperCase() as 'ADMIN' | 'MANAGER' | 'CSM' | 'VIEWER' } : {}),
          region: row.region,
          slackUserId: row.slack_user_id,
          slackTeamId: row.slack_team_id,
          teamsAadObjectId: row.teams_aad_object_id,
          teamsTenantId: row.teams_tenant_id,
        })),
      );
      const managerIds = await findUserIdsByEmail(
        tx,
        uniq(rows.flatMap((r) => (r.row.manager_email ? [r.row.manager_email] : []))),
      );
      await setManagers(
        tx,
        // Without a manager_email the stored manager stays, as every other missing value does.
        rows.flatMap(({ row }) =>
          row.manager_email ? [{ userId: ids.get(row.email)!, managerId: managerIds.get(row.manager_email)! }] : [],
        ),
      );
    },
  };
}

export async function planAccounts(db: DbClient, rows: Rows<AccountRow>): Promise<ImportPlan> {
  const problems = duplicates(rows, (r) => r.external_id, 'external_id');
  const owners = await findUserIdsByEmail(
    db,
    uniq(rows.flatMap((r) => (r.row.owner_email ? [r.row.owner_email] : []))),
  );
  for (const { line, row } of rows) {
    if (row.owner_email && !owners.has(row.owner_email)) {
      problems.push({
        line,
        column: 'owner_email',
        message: `owner_email "${row.owner_email}" is not a known user; import users first (tend import users.csv --kind users)`,
      });
    }
    if (row.contract_start && row.contract_end && row.contract_end < row.contract_start) {
      problems.push({
        line,
        column: 'contract_end',
        message: `contract_end ${row.contract_end} is before contract_start ${row.contract_start}`,
      });
    }
  }
  const existing = await findAccountIdsByExternalId(
    db,
    rows.map((r) => r.row.external_id),
  );
  const creates = rows.filter((r) => !existing.has(r.row.external_id)).length;
  return {
    problems,
    creates,
    updates: rows.length - creates,
    async write(tx) {
      await upsertAccounts(
        tx,
        rows.map(({ row }) => ({
          externalId: row.external_id,
          name: row.name,
          aliases: row.aliases,
          domains: row.domains,
          segment: row.segment,
          tier: row.tier,
          region: row.region,
          industry: row.industry,
          lifecycleStage: row.lifecycle_stage,
          ownerId: row.owner_email ? owners.get(row.owner_email) : undefined,
          executiveSponsor: row.executive_sponsor,
          arr: row.arr,
          mrr: row.mrr,
          currency: row.currency,
          seatsLicensed: row.seats_licensed,
          contractStart: date(row.contract_start),
          contractEnd: date(row.contract_end),
          renewalDate: date(row.renewal_date ?? row.contract_end),
          status: row.status === 'churned' ? 'CHURNED' : 'ACTIVE',
        })),
      );
    },
  };
}

async function resolveAccounts<T extends { account_external_id: string }>(
  db: DbClient,
  rows: Rows<T>,
  problems: RowProblem[],
) {
  const accounts = await findAccountIdsByExternalId(db, uniq(rows.map((r) => r.row.account_external_id)));
  for (const { line, row } of rows) {
    if (!accounts.has(row.account_external_id)) {
      problems.push({
        line,
        column: 'account_external_id',
        message: `account_external_id "${row.account_external_id}" is not a known account; import accounts first`,
      });
    }
  }
  return accounts;
}

export async function planContacts(db: DbClient, rows: Rows<ContactRow>): Promise<ImportPlan> {
  const problems = duplicates(rows, (r) => r.external_id, 'external_id');
  const accounts = await resolveAccounts(db, rows, problems);
  const existing = await findContactIdsByExternalId(
    db,
    rows.map((r) => r.row.external_id),
  );
  const creates = rows.filter((r) => !existing.has(r.row.external_id)).length;
  return {
    problems,
    creates,
    updates: rows.length - creates,
    async write(tx) {
      await upsertContacts(
        tx,
        rows.map(({ row }) => ({
          externalId: row.external_id,
          accountId: accounts.get(row.account_external_id)!,
          name: row.name,
          email: row.email,
          title: row.title,
          role: row.role,
          slackUserId: row.slack_user_id,
          slackTeamId: row.slack_team_id,
          teamsAadObjectId: row.teams_aad_object_id,
          teamsTenantId: row.teams_tenant_id,
          surveyOptOut: row.survey_opt_out,
        })),
      );
    },
  };
}

export async function planMetrics(db: DbClient, rows: Rows<MetricRow>): Promise<ImportPlan> {
  const problems = duplicates(
    rows,
    (r) => `${r.account_external_id}\u0000${r.key}\u0000${r.date}\u0000${r.source}`,
    'account, key, date and source',
  );
  const accounts = await resolveAccounts(db, rows, problems);
  return {
    problems,
    // Telling creates from updates would cost a lookup per row; metrics are upserted either way.
    creates: rows.length,
    updates: 0,
    async write(tx) {
      await upsertMetricObservations(
        tx,
        rows.map(({ row }) => ({
          accountId: accounts.get(row.account_external_id)!,
          key: row.key,
          date: row.date,
          value: row.value,
          source: row.source,
        })),
      );
    },
  };
}

export async function planFeedback(db: DbClient, rows: Rows<FeedbackRow>): Promise<ImportPlan> {
  const withIds = rows.filter((r) => r.row.external_id);
  const problems = duplicates(withIds, (r) => r.external_id!, 'external_id');
  const accounts = await resolveAccounts(db, rows, problems);
  const contacts = await findContactIdsByExternalId(
    db,
    uniq(rows.flatMap((r) => (r.row.contact_external_id ? [r.row.contact_external_id] : []))),
  );
  for (const { line, row } of rows) {
    if (!row.contact_external_id) continue;
    const contact = contacts.get(row.contact_external_id);
    if (!contact) {
      problems.push({
        line,
        column: 'contact_external_id',
        message: `contact_external_id "${row.contact_external_id}" is not a known contact; import contacts first`,
      });
    } else if (accounts.has(row.account_external_id) && contact.accountId !== accounts.get(row.account_external_id)) {
      problems.push({
        line,
        column: 'contact_external_id',
        message: `contact "${row.contact_external_id}" belongs to another account than "${row.account_external_id}"`,
      });
    }
  }
  return {
    problems,
    creates: rows.length,
    updates: 0,
    async write(tx) {
      await upsertFeedbackItems(
        tx,
        rows.map(({ row }) => ({
          externalId: row.external_id,
          accountId: accounts.get(row.account_external_id)!,
          contactId: row.contact_external_id ? contacts.get(row.contact_external_id)?.id : undefined,
          channel: row.channel,
          kind: row.kind === 'survey' ? 'SURVEY' : 'FREE_TEXT',
          surveyType: row.survey_type,
          score: row.score,
          text: row.text,
          ...(row.text ? { sentiment: offlineSentiment(row.text) } : {}),
          receivedAt: new Date(row.received_at),
        })),
      );
    },
  };
}

/** Renewal outcomes, upserted by external id (a contract or opportunity id). */
export async function planOutcomes(db: DbClient, rows: Rows<OutcomeRow>): Promise<ImportPlan> {
  const problems = duplicates(rows, (r) => r.external_id, 'external_id');
  const accounts = await resolveAccounts(db, rows, problems);
  for (const { line, row } of rows)
    if (row.kind === 'churned' && row.arr_after !== undefined && Number(row.arr_after) !== 0)
      problems.push({
        line,
        column: 'arr_after',
        message: 'a churned contract keeps no ARR: leave arr_after empty or 0',
      });
  const existing = new Set(
    (
      await db.renewalOutcome.findMany({
        where: { externalId: { in: rows.map((r) => r.row.external_id) } },
        select: { externalId: true },
      })
    ).map((o) => o.externalId),
  );
  const updates = rows.filter((r) => existing.has(r.row.external_id)).length;
  return {
    problems,
    creates: rows.length - updates,
    updates,
    async write(tx) {
      await recordOutcomes(
        tx,
        rows.map(({ row }) => ({
          externalId: row.external_id,
          accountId: accounts.get(row.account_external_id)!,
          kind: row.kind.toUpperCase() as 'RENEWED' | 'EXPANDED' | 'CONTRACTED' | 'CHURNED',
          occurredOn: row.occurred_on,
          arrBefore: row.arr_before === undefined ? null : Number(row.arr_before),
          arrAfter: row.arr_after === undefined ? (row.kind === 'churned' ? 0 : null) : Number(row.arr_after),
          currency: row.currency,
          source: 'import',
        })),
      );
    },
  };
}

export const planners: { [K in ImportKind]: (db: DbClient, rows: Rows<never>) => Promise<ImportPlan> } = {
  users: planUsers as (db: DbClient, rows: Rows<never>) => Promise<ImportPlan>,
  accounts: planAccounts as (db: DbClient, rows: Rows<never>) => Promise<ImportPlan>,
  contacts: planContacts as (db: DbClient, rows: Rows<never>) => Promise<ImportPlan>,
  metrics: planMetrics as (db: DbClient, rows: Rows<never>) => Promise<ImportPlan>,
  feedback: planFeedback as (db: DbClient, rows: Rows<never>) => Promise<ImportPlan>,
  outcomes: planOutcomes as (db: DbClient, rows: Rows<never>) => Promise<ImportPlan>,
};
