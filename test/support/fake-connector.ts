import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'GET';
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
}

/**
 * A local Bot Framework connector: the bot posts its replies to the activity's serviceUrl, here.
 * It records them, assigns activity ids, and answers member lookups from `members`.
 */
export async function startFakeConnector(
  members: Record<string, Record<string, unknown>> = {},
  /** Users (by AAD object id) a 1:1 chat can be created with: the app is installed for them. */
  installedFor: Set<string> = new Set(),
  /** Who is in each group chat or channel (member ids from `members`), or `{ fail }` for an outage. */
  rosters: Record<string, string[] | { fail: number }> = {},
) {
  const calls: ConnectorCall[] = [];
  /** Files the bot uploaded to the OneDrive upload URLs given on file consent, by name. */
  const uploads = new Map<string, { bytes: Buffer; contentRange?: string }>();
  let next = 1;
  const app = express();
  // A OneDrive upload session, as a file consent's uploadUrl points to one.
  app.put('/upload/:name', express.raw({ type: () => true, limit: '20mb' }), (req, res) => {
    uploads.set(String(req.params.name), {
      bytes: req.body as Buffer,
      ...(req.get('content-range') ? { contentRange: req.get('content-range')! } : {}),
    });
    res.status(201).json({ id: `drive-item-${req.params.name}` });
  });
  app.use(express.json({ limit: '5mb' }));
  // Creating a 1:1 chat, as Teams does: only with a user the app is installed for.
  app.post('/v3/conversations', (req, res) => {
    const body = req.body as { members?: { id?: string }[] };
    const user = body.members?.[0]?.id ?? '';
    const id = `a:created-${user}`;
    calls.push({ method: 'POST', conversationId: installedFor.has(user) ? id : '', body: req.body });
    if (installedFor.has(user)) res.status(201).json({ id });
    else
      res
        .status(403)
        .json({ error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } });
  });
  app.post('/v3/conversations/:conversationId/activities{/:replyTo}', (req, res) => {
    const id = `reply-${next++}`;
    calls.push({
      method: 'POST',
      conversationId: String(req.params.conversationId),
      activityId: id,
      body: req.body as Record<string, unknown>,
    });
    res.json({ id });
  });
  app.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    calls.push({
      method: 'PUT',
      conversationId: String(req.params.conversationId),
      activityId: String(req.params.activityId),
      body: req.body as Record<string, unknown>,
    });
    res.json({ id: req.params.activityId });
  });
  // The roster, one member per page so paging is exercised, as getPagedMembers reads it.
  app.get('/v3/conversations/:conversationId/pagedmembers', (req, res) => {
    const roster = rosters[String(req.params.conversationId).split(';')[0]!];
    calls.push({ method: 'GET', conversationId: String(req.params.conversationId), body: {} });
    if (!roster) return res.status(404).json({ error: { code: 'ConversationNotFound', message: 'not found' } });
    if (!Array.isArray(roster)) return res.status(roster.fail).json({ error: { code: 'ServiceError' } });
    const from = Number(req.query.continuationToken ?? 0);
    const next = from + 1 < roster.length ? String(from + 1) : undefined;
    res.json({
      members: roster.slice(from, from + 1).map((id) => members[id]),
      ...(next ? { continuationToken: next } : {}),
    });
  });
  app.get('/v3/conversations/:conversationId/members/:memberId', (req, res) => {
    const member = members[String(req.params.memberId)];
    // `{ fail: 500 }` makes the lookup fail, as a connector outage does.
    if (typeof member?.fail === 'number') res.status(member.fail).json({ error: { code: 'ServiceError' } });
    else if (member) res.json(member);
    else res.status(404).json({ error: { code: 'MemberNotFound', message: 'not found' } });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    uploads,
    /** Messages (not typing indicators) sent after `mark`. */
    messages: (mark: number) => calls.slice(mark).filter((c) => c.method !== 'GET' && c.body.type === 'message'),
    async waitFor(mark: number, count = 1, timeoutMs = 10_000) {
      const started = Date.now();
      for (;;) {
        const found = calls.slice(mark).filter((c) => c.body.type === 'message');
        if (found.length >= count) return found;
        if (Date.now() - started > timeoutMs)
          throw new Error(`no reply within ${timeoutMs} ms: ${JSON.stringify(calls.slice(mark))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeConnector = Awaited<ReturnType<typeof startFakeConnector>>;
