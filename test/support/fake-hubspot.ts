import type { AddressInfo } from 'node:net';
import express from 'express';

export interface FakeHubspotObject {
  id: string;
  properties: Record<string, string | null>;
}

/**
 * HubSpot's CRM v3 API as far as Tend uses it: object search (filter, sort, `after` paging) and
 * batch read, with a bearer token, and a 429 with Retry-After on demand.
 */
export async function startFakeHubspot(options: { pageSize?: number } = {}) {
  const data: Record<string, FakeHubspotObject[]> = { companies: [], contacts: [], deals: [] };
  /** deal id -> company id */
  const dealCompany = new Map<string, string>();
  const owners: { id: string; email: string }[] = [];
  const state = { token: 'pat-1', rateLimitNext: 0, searches: [] as Record<string, unknown>[] };
  const modified: Record<string, string> = {
    companies: 'hs_lastmodifieddate',
    contacts: 'lastmodifieddate',
    deals: 'hs_lastmodifieddate',
  };
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    if (req.headers.authorization !== `Bearer ${state.token}`)
      return res.status(401).json({
        status: 'error',
        message: 'Authentication credentials not found.',
        category: 'INVALID_AUTHENTICATION',
      });
    if (state.rateLimitNext > 0) {
      state.rateLimitNext--;
      res.setHeader('Retry-After', '1');
      return res
        .status(429)
        .json({ status: 'error', message: 'You have reached your secondly limit.', category: 'RATE_LIMITS' });
    }
    return next();
  });
  const project = (o: FakeHubspotObject, properties: string[]) => ({
    id: o.id,
    properties: Object.fromEntries(properties.map((p) => [p, o.properties[p] ?? null])),
    archived: false,
  });
  app.post('/crm/v3/objects/:type/search', (req, res) => {
    const type = String(req.params.type);
    const body = req.body as {
      filterGroups?: { filters: { propertyName: string; operator: string; value: string }[] }[];
      properties?: string[];
      limit?: number;
      after?: string;
    };
    state.searches.push({ type, ...body });
    const filter = body.filterGroups?.[0]?.filters[0];
    const key = modified[type]!;
    const rows = (data[type] ?? [])
      .filter((o) => !filter || Date.parse(o.properties[key]!) >= Number(filter.value))
      .sort((a, b) => Date.parse(a.properties[key]!) - Date.parse(b.properties[key]!));
    const start = Number(body.after ?? 0);
    const size = options.pageSize ?? body.limit ?? 100;
    const results = rows.slice(start, start + size).map((o) => project(o, body.properties ?? []));
    const next = start + size < rows.length ? { paging: { next: { after: String(start + size) } } } : {};
    return res.json({ total: rows.length, results, ...next });
  });
  app.post('/crm/v3/objects/:type/batch/read', (req, res) => {
    const body = req.body as { inputs: { id: string }[]; properties?: string[] };
    const results = body.inputs
      .map((i) => data[String(req.params.type)]?.find((o) => o.id === i.id))
      .filter((o): o is FakeHubspotObject => o !== undefined)
      .map((o) => project(o, body.properties ?? []));
    return res.json({
      status: 'COMPLETE',
      results,
      startedAt: new Date().toISOString(),
      completedAt: new Date().toISOString(),
    });
  });
  app.post('/crm/v4/associations/:from/:to/batch/read', (req, res) => {
    const body = req.body as { inputs: { id: string }[] };
    const results = body.inputs
      .filter((i) => dealCompany.has(i.id))
      .map((i) => ({
        from: { id: i.id },
        to: [
          {
            toObjectId: Number(dealCompany.get(i.id)),
            associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 5, label: 'Primary' }],
          },
        ],
      }));
    return res.json({
      status: 'COMPLETE',
      results,
      startedAt: new Date().toISOString(),
      completedAt: new Date().toISOString(),
    });
  });
  app.get('/crm/v3/owners', (_req, res) => {
    res.json({ results: owners.map((o) => ({ ...o, type: 'PERSON', archived: false })) });
  });
  app.get('/crm/v3/owners/', (_req, res) => {
    res.json({ results: owners.map((o) => ({ ...o, type: 'PERSON', archived: false })) });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    data,
    dealCompany,
    owners,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
