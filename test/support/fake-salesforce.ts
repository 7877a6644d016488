import type { AddressInfo } from 'node:net';
import express from 'express';

export interface FakeRecord {
  Id: string;
  SystemModstamp: string;
  [field: string]: unknown;
}

/**
 * Salesforce's REST API as far as Tend uses it (OAuth client credentials, sObject describe, SOQL
 * query and queryMore), serving records sorted by SystemModstamp, `pageSize` at a time.
 */
export async function startFakeSalesforce(options: { pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? 2;
  const data: Record<string, FakeRecord[]> = {
    Account: [],
    Contact: [],
    Opportunity: [],
    Contract: [],
    User: [],
    Task: [],
  };
  let nextTask = 1;
  const fields: Record<string, string[]> = {
    Account: ['Id', 'Name', 'Website', 'Industry', 'SystemModstamp', 'ARR__c', 'OwnerId', 'Seats__c'],
    Contact: ['Id', 'AccountId', 'Name', 'Email', 'Title', 'SystemModstamp'],
    Opportunity: ['Id', 'AccountId', 'CloseDate', 'Type', 'IsClosed', 'Amount', 'SystemModstamp'],
    Contract: ['Id', 'AccountId', 'EndDate', 'Status', 'SystemModstamp'],
    User: ['Id', 'Email', 'IsActive', 'Name', 'SystemModstamp'],
    Task: ['Id', 'Subject', 'Description', 'Status', 'IsClosed', 'ActivityDate', 'OwnerId', 'WhatId', 'SystemModstamp'],
  };
  // Task statuses of a default org: which ones count as closed.
  const closedStatuses = new Set(['Completed', 'Deferred']);
  const state = {
    /** Tokens the API accepts. */
    validTokens: new Set<string>(['token-1']),
    clientSecret: 'secret-1',
    /** Fail the next request to these paths once: 'crash' (500) or 'limit' (403 REQUEST_LIMIT_EXCEEDED). */
    failNext: new Map<string, 'crash' | 'limit'>(),
    queries: [] as string[],
    requests: 0,
  };
  const cursors = new Map<string, { object: string; rest: FakeRecord[] }>();
  let nextLocator = 1;
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use(express.json());

  app.post('/services/oauth2/token', (req, res) => {
    const body = req.body as Record<string, string>;
    if (body.grant_type !== 'client_credentials' || body.client_secret !== state.clientSecret)
      return res.status(400).json({ error: 'invalid_client', error_description: 'invalid client credentials' });
    const token = `token-${Date.now()}-${Math.random()}`;
    state.validTokens.add(token);
    return res.json({
      access_token: token,
      instance_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      id: 'https://login.salesforce.com/id/00D000000000001/005000000000001',
      token_type: 'Bearer',
      issued_at: String(Date.now()),
    });
  });

  app.use('/services/data', (req, res, next) => {
    state.requests++;
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!state.validTokens.has(token))
      return res.status(401).json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    for (const [fragment, failure] of state.failNext)
      if (req.originalUrl.includes(fragment)) {
        state.failNext.delete(fragment);
        if (failure === 'crash')
          return res.status(500).json([{ message: 'unexpected', errorCode: 'UNKNOWN_EXCEPTION' }]);
        return res
          .status(403)
          .json([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      }
    return next();
  });

  app.get('/services/data/:version/sobjects/:object/describe', (req, res) => {
    const list = fields[req.params.object];
    if (!list) return res.status(404).json([{ message: 'not found', errorCode: 'NOT_FOUND' }]);
    return res.json({ name: req.params.object, fields: list.map((name) => ({ name, type: 'string' })) });
  });

  const page = (version: string, records: FakeRecord[], object: string) => {
    const first = records.slice(0, pageSize);
    const rest = records.slice(pageSize);
    const body: Record<string, unknown> = {
      totalSize: records.length,
      done: rest.length === 0,
      records: first.map((r) => ({
        attributes: { type: object, url: `/services/data/${version}/sobjects/${object}/${r.Id}` },
        ...r,
      })),
    };
    if (rest.length) {
      const locator = `01gFAKE${nextLocator++}-${pageSize}`;
      cursors.set(locator, { object, rest });
      body.nextRecordsUrl = `/services/data/${version}/query/${locator}`;
    }
    return body;
  };

  app.get('/services/data/:version/query', (req, res) => {
    const q = String(req.query.q ?? '');
    state.queries.push(q);
    const object = /\bFROM (\w+)/.exec(q)?.[1] ?? '';
    const since = /SystemModstamp >= (\S+)/.exec(q)?.[1];
    const selected =
      /^SELECT (.+?) FROM/
        .exec(q)?.[1]
        ?.split(',')
        .map((f) => f.trim()) ?? [];
    const unknown = selected.filter((f) => !f.includes('.') && !fields[object]?.includes(f));
    if (unknown.length)
      return res.status(400).json([{ message: `No such column '${unknown[0]}'`, errorCode: 'INVALID_FIELD' }]);
    // Besides SystemModstamp, the WHERE forms Tend writes: Field = 'text' / true, and Id IN ('a', 'b').
    const equals = [...q.matchAll(/\b(\w+) = ('(?:[^'\\]|\\.)*'|true|false)/g)].map(([, field, raw]) => ({
      field: field!,
      value: raw === 'true' ? true : raw === 'false' ? false : raw!.slice(1, -1).replace(/\\(.)/g, '$1'),
    }));
    const inIds = /\bId IN \(([^)]*)\)/
      .exec(q)?.[1]
      ?.split(',')
      .map((v) => v.trim().slice(1, -1));
    const limit = Number(/\bLIMIT (\d+)/.exec(q)?.[1] ?? Infinity);
    const records = (data[object] ?? [])
      .filter((r) => !since || Date.parse(r.SystemModstamp.replace(/\+0000$/, 'Z')) >= Date.parse(since))
      .filter((r) => equals.every((e) => r[e.field] === e.value))
      .filter((r) => !inIds || inIds.includes(r.Id))
      .slice(0, limit)
      .sort((a, b) => a.SystemModstamp.localeCompare(b.SystemModstamp));
    return res.json(page(String(req.params.version), records, object));
  });

  // Tasks: create (201 with the new id) and update (204), as the sObject REST API does.
  app.post('/services/data/:version/sobjects/Task', (req, res) => {
    const body = req.body as Record<string, unknown>;
    const owner = data.User!.find((u) => u.Id === body.OwnerId);
    if (!owner)
      return res
        .status(400)
        .json([{ message: 'Owner ID: id value of incorrect type', errorCode: 'MALFORMED_ID', fields: ['OwnerId'] }]);
    const id = `00T${String(nextTask++).padStart(15, '0')}`;
    const status = String(body.Status ?? 'Not Started');
    data.Task!.push({
      ...body,
      Id: id,
      Status: status,
      IsClosed: closedStatuses.has(status),
      SystemModstamp: new Date().toISOString().replace('Z', '+0000'),
    });
    return res.status(201).json({ id, success: true, errors: [] });
  });
  app.patch('/services/data/:version/sobjects/Task/:id', (req, res) => {
    const task = data.Task!.find((t) => t.Id === req.params.id);
    if (!task)
      return res.status(404).json([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    Object.assign(task, req.body as Record<string, unknown>);
    task.IsClosed = closedStatuses.has(String(task.Status));
    return res.status(204).end();
  });

  app.get('/services/data/:version/query/:locator', (req, res) => {
    const cursor = cursors.get(req.params.locator);
    if (!cursor)
      return res.status(400).json([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
    return res.json(page(String(req.params.version), cursor.rest, cursor.object));
  });

  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    data,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
