import type { AddressInfo } from 'node:net';
import express from 'express';

export interface FakeTicket {
  id: number;
  organization_id: number | null;
  priority: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  satisfaction_rating?: { score: string; comment?: string } | null;
  solved_at?: string | null;
}

/**
 * Zendesk's API as far as Tend uses it: the cursor-based incremental ticket export (with metric
 * sets) and organizations show_many, behind API-token Basic auth, with a 429 + Retry-After on demand.
 */
export async function startFakeZendesk(options: { pageSize?: number } = {}) {
  const tickets: FakeTicket[] = [];
  const organizations: { id: number; external_id: string | null; domain_names: string[] }[] = [];
  const state = {
    auth: `Basic ${Buffer.from('agent@tend.example/token:zd-token').toString('base64')}`,
    rateLimitNext: 0,
    requests: [] as string[],
  };
  const pageSize = options.pageSize ?? 2;
  const app = express();
  app.use((req, res, next) => {
    state.requests.push(req.originalUrl);
    if (req.headers.authorization !== state.auth) return res.status(401).json({ error: "Couldn't authenticate you" });
    if (state.rateLimitNext > 0) {
      state.rateLimitNext--;
      res.setHeader('Retry-After', '1');
      return res.status(429).json({ error: 'APIRateLimitExceeded' });
    }
    return next();
  });
  app.get('/api/v2/incremental/tickets/cursor.json', (req, res) => {
    const q = req.query as Record<string, string>;
    const sorted = [...tickets].sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id - b.id);
    // The cursor is where the last page ended: the updated_at and id of its last ticket.
    const [afterTime, afterId] = q.cursor ? Buffer.from(q.cursor, 'base64url').toString().split('|') : [];
    const start = q.start_time ? new Date(Number(q.start_time) * 1000).toISOString() : '';
    const rest = sorted.filter((t) =>
      afterTime
        ? t.updated_at > afterTime || (t.updated_at === afterTime && t.id > Number(afterId))
        : t.updated_at >= start,
    );
    const page = rest.slice(0, pageSize);
    const last = page.at(-1);
    res.json({
      tickets: page.map(({ solved_at: _s, ...t }) => t),
      metric_sets: q.include?.includes('metric_sets')
        ? page.map((t) => ({ ticket_id: t.id, solved_at: t.solved_at ?? null }))
        : undefined,
      after_cursor: last ? Buffer.from(`${last.updated_at}|${last.id}`).toString('base64url') : (q.cursor ?? null),
      end_of_stream: rest.length <= pageSize,
    });
  });
  app.get('/api/v2/organizations/show_many.json', (req, res) => {
    const ids = String(req.query.ids ?? '')
      .split(',')
      .map(Number);
    res.json({ organizations: organizations.filter((o) => ids.includes(o.id)) });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`,
    tickets,
    organizations,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
