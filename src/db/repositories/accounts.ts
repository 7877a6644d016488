import type { AccountStatus } from '../client.js';
import type { DbClient } from './db-client.js';

export interface AccountInput {
  externalId: string;
  name: string;
  aliases: string[];
  domains: string[];
  segment: string;
  tier: string;
  region?: string;
  industry?: string;
  lifecycleStage: string;
  ownerId?: string;
  executiveSponsor?: string;
  /** Decimal strings: money never passes through a binary float. */
  arr: string;
  mrr?: string;
  currency: string;
  seatsLicensed?: number;
  contractStart?: Date;
  contractEnd?: Date;
  renewalDate?: Date;
  status: AccountStatus;
}

/** Upserts accounts by external id; returns externalId -> id. */
export async function upsertAccounts(db: DbClient, accounts: AccountInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const account of accounts) {
    const required = {
      name: account.name,
      aliases: account.aliases,
      domains: account.domains,
      segment: account.segment,
      tier: account.tier,
      lifecycleStage: account.lifecycleStage,
      arr: account.arr,
      currency: account.currency,
      status: account.status,
    };
    // Optional fields a row leaves out stay as they are: another source (or an earlier import) may own them.
    const optional = Object.fromEntries(
      Object.entries({
        region: account.region,
        industry: account.industry,
        ownerId: account.ownerId,
        executiveSponsor: account.executiveSponsor,
        mrr: account.mrr,
        seatsLicensed: account.seatsLicensed,
        contractStart: account.contractStart,
        contractEnd: account.contractEnd,
        renewalDate: account.renewalDate,
      }).filter(([, value]) => value !== undefined),
    );
    const data = { ...required, ...optional };
    const saved = await db.account.upsert({
      where: { externalId: account.externalId },
      create: { externalId: account.externalId, ...data },
      update: data,
      select: { id: true },
    });
    ids.set(account.externalId, saved.id);
  }
  return ids;
}

/** externalId -> id for the given external ids that exist. */
export async function findAccountIdsByExternalId(db: DbClient, externalIds: string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db.account.findMany({
    where: { externalId: { in: externalIds } },
    select: { id: true, externalId: true },
  });
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

export async function countAccounts(db: DbClient): Promise<number> {
  return db.account.count();
}
