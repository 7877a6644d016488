import zendesk from 'node-zendesk';
import type { ConnectorsConfig } from '../../config/config.js';
import type { SupportTicketInput } from '../../services/ingest/support-tickets.js';
import type { Connector, ConnectorPage } from '../connector.js';
import { ConnectorError } from '../connector.js';
import { callVendor } from '../vendor-errors.js';

export type ZendeskSettings = NonNullable<ConnectorsConfig['zendesk']>;

interface Ticket {
  id: number;
  organization_id: number | null;
  priority: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  satisfaction_rating?: { score?: string; comment?: string | null } | null;
  metric_set?: { solved_at?: string | null } | null;
}
interface ExportPage {
  tickets: Ticket[];
  after_cursor: string | null;
  end_of_stream: boolean;
  metric_sets?: { ticket_id: number; solved_at: string | null }[];
}
interface Organization {
  id: number;
  external_id: string | null;
  domain_names: string[];
}
type Cursor = { afterCursor?: string };

/** A request through node-zendesk's transport: the raw status, so 401 and 429 are seen as such. */
async function get<T>(
  client: ReturnType<typeof zendesk.createClient>,
  path: (string | Record<string, unknown>)[],
): Promise<T> {
  const transporter = (
    client.tickets as unknown as {
      transporter: {
        request(
          method: string,
          uri: unknown[],
        ): Promise<{ response: { status: number; headers: { get(n: string): string | null } }; result: unknown }>;
      };
    }
  ).transporter;
  const { response, result } = await transporter.request('GET', path);
  if (response.status >= 400) {
    const error = new Error(`Zendesk ${response.status}`) as Error & { statusCode: number; headers: unknown };
    error.statusCode = response.status;
    error.headers = response.headers;
    throw error;
  }
  return result as T;
}

/**
 * Zendesk tickets through the cursor-based incremental export (node-zendesk's transport, API token
 * auth), with their organizations (matched to accounts) and metric sets (solve times). Tickets roll
 * up into support metrics; a satisfaction rating's comment becomes customer feedback.
 */
export function zendeskConnector(settings: ZendeskSettings): Connector {
  const client = zendesk.createClient({
    username: settings.email,
    token: settings.apiToken,
    ...(settings.apiBase ? { endpointUri: settings.apiBase } : { subdomain: settings.subdomain }),
  });
  const call = <T>(run: () => Promise<T>) => callVendor('zendesk', run);
  return {
    kind: 'zendesk',
    async *pages({ cursor, now }): AsyncGenerator<ConnectorPage> {
      const at: Cursor = { ...((cursor as Cursor | undefined) ?? {}) };
      for (;;) {
        const query = at.afterCursor
          ? { cursor: at.afterCursor, include: 'metric_sets' }
          : // A first sync reads the last year.
            { start_time: Math.floor(now.getTime() / 1000) - 365 * 86_400, include: 'metric_sets' };
        const page = await call(() => get<ExportPage>(client, ['incremental', 'tickets', 'cursor', query]));
        if (!Array.isArray(page.tickets)) throw new ConnectorError('zendesk: unexpected export page', 'other');
        const orgIds = [...new Set(page.tickets.flatMap((t) => (t.organization_id ? [t.organization_id] : [])))];
        const orgs = orgIds.length
          ? (
              await call(() =>
                get<{ organizations: Organization[] }>(client, [
                  'organizations',
                  'show_many',
                  { ids: orgIds.join(',') },
                ]),
              )
            ).organizations
          : [];
        const solvedAt = new Map((page.metric_sets ?? []).map((m) => [m.ticket_id, m.solved_at]));
        const tickets: SupportTicketInput[] = page.tickets.map((t) => {
          const org = orgs.find((o) => o.id === t.organization_id);
          const solved = solvedAt.get(t.id) ?? t.metric_set?.solved_at ?? null;
          const score = t.satisfaction_rating?.score;
          return {
            externalId: String(t.id),
            organization: org ? { externalId: org.external_id, domains: org.domain_names ?? [] } : null,
            priority: t.priority,
            status: t.status,
            openedAt: new Date(t.created_at),
            solvedAt: solved ? new Date(solved) : null,
            satisfaction: score === 'good' || score === 'bad' ? score : null,
          };
        });
        // The requester's own words on a rating are customer voice; they reach the health score as feedback.
        const feedback = page.tickets.flatMap((t) => {
          const org = orgs.find((o) => o.id === t.organization_id);
          const comment = t.satisfaction_rating?.comment?.trim();
          return org?.external_id && comment
            ? [
                {
                  external_id: `zendesk-csat-${t.id}`,
                  account_external_id: org.external_id,
                  channel: 'zendesk',
                  kind: 'free_text',
                  text: comment,
                  received_at: t.updated_at,
                },
              ]
            : [];
        });
        if (page.after_cursor) at.afterCursor = page.after_cursor;
        yield { tickets, rows: feedback.length ? { feedback } : {}, cursor: { ...at } };
        if (page.end_of_stream || !page.after_cursor) return;
      }
    },
  };
}
