import type { Database } from '../services/database.js';
import type { Logger } from '../logging/logger.js';
import type { Reply } from '../replies/reply.js';
import { patchAccounts } from '../services/ingest/account-patches.js';
import { upsertSupportTickets } from '../services/ingest/support-tickets.js';
import { ingestRows, rowKinds, type RowKind } from '../services/ingest/ingest-rows.js';
import { connectorMappingOf } from '../services/ingest/source-mappings.js';
import {
  ensureSource,
  markSourceError,
  recordAuthFailure,
  saveSourceCursor,
  sourceCursor,
  type SourceRecord,
} from '../services/ingest/sources.js';
import type { Connector, ConnectorPage } from './connector.js';
import { classify } from './vendor-errors.js';

export interface SyncDeps {
  prisma: Database;
  logger: Logger;
  /** Tells the admins, once, that a source stopped. */
  notifyAdmins(reply: Reply): Promise<unknown>;
}

export interface SyncSummary {
  source: string;
  pages: number;
  rows: number;
  skippedRows: number;
  outcome: 'done' | 'stopped' | 'failed' | 'skipped';
  error?: string;
}

/**
 * One incremental sync of a vendor: page by page, each page written (accounts first, so the rest
 * can refer to them) and then its cursor saved, so a crash or restart resumes at the page it was
 * on and upserts make a re-read page harmless. Records a vendor refuses are skipped and named;
 * repeated authentication failures stop the source and tell the admins once.
 */
export async function syncSource(deps: SyncDeps, connector: Connector, now: Date): Promise<SyncSummary> {
  const source = await ensureSource(deps.prisma, connector.kind, connector.kind);
  const summary: SyncSummary = { source: source.name, pages: 0, rows: 0, skippedRows: 0, outcome: 'done' };
  if (source.state !== 'active') return { ...summary, outcome: 'skipped', error: `source is ${source.state}` };
  const mapping = connectorMappingOf(source);
  const problems: string[] = [];
  try {
    const cursor = await sourceCursor(deps.prisma, source.id);
    for await (const page of connector.pages({ cursor, mapping, now })) {
      const written = await writePage(deps, source, page, now, problems);
      summary.rows += written.rows;
      summary.skippedRows += written.skipped;
      await saveSourceCursor(deps.prisma, source.id, page.cursor, now);
      summary.pages++;
    }
    if (problems.length)
      await markSourceError(
        deps.prisma,
        source.id,
        `${summary.skippedRows} record(s) skipped: ${problems.slice(0, 3).join('; ')}`,
        now,
      );
    return summary;
  } catch (error) {
    const classified = classify(connector.kind, error);
    if (classified.reason === 'auth') {
      const { stopped } = await recordAuthFailure(deps.prisma, source.id, classified.message, now);
      if (stopped) {
        await deps.notifyAdmins({
          headline: `Tend stopped syncing ${connector.kind}: ${classified.message}`,
          tone: 'critical',
          sections: [
            {
              lines: [
                `${connector.kind} refused Tend's credentials three times in a row, so its data is no longer fresh.`,
                `Renew the credentials, then run \`tend sources resume ${source.name}\`.`,
              ],
            },
          ],
        });
        return { ...summary, outcome: 'stopped', error: classified.message };
      }
    } else await markSourceError(deps.prisma, source.id, classified.message, now);
    deps.logger.warn({ source: source.name, reason: classified.reason, err: classified.message }, 'sync failed');
    return { ...summary, outcome: 'failed', error: classified.message };
  }
}

/**
 * Writes a page: rows first (accounts before what refers to them), then tickets and account
 * patches, which need the accounts to exist. What Tend refuses is left out and named in `problems`.
 */
export async function writePage(
  deps: Pick<SyncDeps, 'prisma'>,
  source: SourceRecord,
  page: Pick<ConnectorPage, 'rows' | 'accountPatches' | 'tickets'>,
  now: Date,
  problems: string[],
): Promise<{ rows: number; skipped: number }> {
  const rows = page.rows;
  const total = { rows: 0, skipped: 0 };
  for (const kind of rowKinds) {
    const batch = rows[kind];
    if (!batch?.length) continue;
    const written = await writeTolerating(deps, source, kind, batch, now, problems);
    total.rows += written.rows;
    total.skipped += written.skipped;
  }
  if (page.tickets?.length) {
    const stored = await upsertSupportTickets(deps.prisma, source, page.tickets, now);
    total.rows += stored.stored;
    total.skipped += stored.unmatched.length;
    if (stored.unmatched.length)
      problems.push(`tickets of organizations no account matches: ${stored.unmatched.slice(0, 5).join(', ')}`);
  }
  if (page.accountPatches?.length) {
    const patched = await patchAccounts(deps.prisma, page.accountPatches, source.name, now);
    total.rows += patched.updated;
    total.skipped += patched.unknown.length;
    if (patched.unknown.length)
      problems.push(`updates for unknown accounts: ${patched.unknown.slice(0, 5).join(', ')}`);
    if (patched.unknownOwners.length)
      problems.push(`owners who are not Tend users: ${patched.unknownOwners.slice(0, 5).join(', ')}`);
  }
  return total;
}

/** Writes a page's rows of one kind; rows Tend's checks refuse are left out and named. */
async function writeTolerating(
  deps: Pick<SyncDeps, 'prisma'>,
  source: SourceRecord,
  kind: RowKind,
  rows: Record<string, unknown>[],
  now: Date,
  problems: string[],
): Promise<{ rows: number; skipped: number }> {
  const first = await ingestRows(deps.prisma, { source, kind, rows, now });
  if (first.status === 200) return { rows: rows.length, skipped: 0 };
  if (first.status !== 422 || !first.body.problems) throw new Error(first.body.message);
  const bad = new Set(first.body.problems.map((p) => p.index));
  for (const p of first.body.problems.slice(0, 3))
    problems.push(
      `${kind} ${String(rows[p.index]?.external_id ?? rows[p.index]?.account_external_id ?? p.index)}: ${p.message}`,
    );
  const good = rows.filter((_, i) => !bad.has(i));
  if (good.length) {
    const second = await ingestRows(deps.prisma, { source, kind, rows: good, now });
    // What is left can still refer to something refused with it (a contact of a refused account).
    if (second.status !== 200) return { rows: 0, skipped: rows.length };
  }
  return { rows: good.length, skipped: bad.size };
}
