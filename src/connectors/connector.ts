import type { FieldMapping } from '../core/mapping/field-mapping.js';
import type { AccountPatch } from '../services/ingest/account-patches.js';
import type { RowKind } from '../services/ingest/ingest-rows.js';
import type { SupportTicketInput } from '../services/ingest/support-tickets.js';

/** What a connector hands over per page: Tend rows by kind, and where the next sync resumes. */
export interface ConnectorPage {
  rows: Partial<Record<RowKind, Record<string, unknown>[]>>;
  /** Fields of existing accounts this source owns (revenue from billing, renewal and owner from deals). */
  accountPatches?: AccountPatch[];
  /** Help desk tickets; support metrics are computed from them. */
  tickets?: SupportTicketInput[];
  /** Saved once the page is written; a crash before that re-reads the page (writes are upserts). */
  cursor: unknown;
}

/** A source's field mappings, per Tend kind. */
export type ConnectorMapping = Partial<Record<RowKind, FieldMapping>>;

export interface Connector {
  kind: 'hubspot' | 'salesforce' | 'zendesk' | 'stripe';
  /** Pages of changes since `cursor` (undefined: everything, a backfill). */
  pages(input: { cursor: unknown; mapping: ConnectorMapping; now: Date }): AsyncGenerator<ConnectorPage>;
}

/** A vendor error, classified: credentials the vendor refuses, a rate limit, or anything else. */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly reason: 'auth' | 'rate_limit' | 'other',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
