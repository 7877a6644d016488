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
  const data: Record<string, FakeHubspotObject[]> = { companies: [], contacts: [], deals: [], tasks: [] };
  /** task id -> the records it was associated with on creation */
  const taskAssociations = new Map<string, { to: { id: string }; types: unknown[] }[]>();
  let nextTaskId = 9001;
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
    const found = body.inputs.map((i) => data[String(req.params.type)]?.find((o) => o.id === i.id));
    const results = found
      .filter((o): o is FakeHubspotObject => o !== undefined)
      .map((o) => project(o, body.properties ?? []));
    const missing = body.inputs.filter((_, i) => !found[i]).map((i) => i.id);
    // HubSpot answers a batch with some ids unknown as 207 Multi-Status, the misses as errors.
    return res.status(missing.length ? 207 : 200).json({
      status: 'COMPLETE',
      results,
      ...(missing.length
        ? {
            numErrors: 1,
            errors: [
              {
                status: 'error',
                category: 'OBJECT_NOT_FOUND',
                message: 'Could not get some TASK objects, they may be deleted or not exist.',
                context: { ids: missing },
              },
            ],
          }
        : {}),
      startedAt: new Date().toISOString(),
      completedAt: new Date().toISOString(),
    });
  });
  // Tasks (the engagements API): create with associations, update properties.
  app.post('/crm/v3/objects/tasks', (req, res) => {
    const body = req.body as {
      properties?: Record<string, string>;
      associations?: { to: { id: string }; types: unknown[] }[];
    };
    if (!body.properties?.hs_timestamp)
      return res.status(400).json({
        status: 'error',
        message: 'Property values were not valid: hs_timestamp is required',
        category: 'VALIDATION_ERROR',
      });
    const task = { id: String(nextTaskId++), properties: { ...body.properties } };
    data.tasks!.push(task);
    taskAssociations.set(task.id, body.associations ?? []);
    const at = new Date().toISOString();
    return res.status(201).json({ ...task, createdAt: at, updatedAt: at, archived: false });
  });
  app.patch('/crm/v3/objects/tasks/:id', (req, res) => {
    const task = data.tasks!.find((t) => t.id === req.params.id);
    if (!task)
      return res.status(404).json({ status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' });
    Object.assign(task.properties, (req.body as { properties: Record<string, string> }).properties);
    const at = new Date().toISOString();
    return res.json({ ...task, createdAt: at, updatedAt: at, archived: false });
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
  // The owners list, filtered by `email` when asked (as HubSpot does).
  const ownerList = (req: express.Request, res: express.Response) => {
    const email = typeof req.query.email === 'string' ? req.query.email.toLowerCase() : undefined;
    res.json({
      results: owners
        .filter((o) => !email || o.email.toLowerCase() === email)
        .map((o) => ({ ...o, type: 'PERSON', archived: false })),
    });
  };
  app.get('/crm/v3/owners', ownerList);
  app.get('/crm/v3/owners/', ownerList);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    data,
    dealCompany,
    taskAssociations,
    owners,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
