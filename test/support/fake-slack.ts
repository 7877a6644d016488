import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/** One call Tend made to Slack: a Web API method, or a post to a response_url. */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  /** performance.now() when it arrived. */
  at: number;
}

export interface FakeSlackUser {
  id: string;
  team_id: string;
  email?: string;
  is_restricted?: boolean;
  is_bot?: boolean;
  enterprise_user?: { enterprise_id: string };
}

export interface FakeSlackChannel {
  id: string;
  name?: string;
  is_ext_shared?: boolean;
  is_im?: boolean;
  user?: string;
  /** false: posting there fails with not_in_channel, as when Tend was never invited. */
  botIsMember?: boolean;
  /** Who is in the channel (conversations.members), served two to a page as Slack pages them. */
  members?: string[];
}

/**
 * A local stand-in for slack.com: the Web API methods Tend calls, and response_url endpoints.
 * It records every call, so tests assert on what Tend actually sent over HTTP.
 */
export async function startFakeSlack(options: {
  teamId: string;
  users: FakeSlackUser[];
  channels: FakeSlackChannel[];
  /** Socket Mode: what apps.connections.open hands out. */
  socketUrl?: string;
}) {
  const calls: SlackCall[] = [];
  /** Bytes uploaded to files.getUploadURLExternal's URLs, by file id. */
  const uploads = new Map<string, Buffer>();
  let base = '';
  const app = express();
  app.use(express.urlencoded({ extended: false }), express.json());
  let ts = 1_700_000_000;
  const decode = (body: Record<string, unknown>) => {
    // The Web API client sends form fields; nested values (blocks, view) arrive as JSON text.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string' && /^[[{]/.test(v)) {
        try {
          out[k] = JSON.parse(v);
          continue;
        } catch {
          /* plain text that happens to start with a bracket */
        }
      }
      out[k] = v;
    }
    return out;
  };
  app.post('/api/:method', (req, res) => {
    const method = req.params.method;
    const body = decode(req.body as Record<string, unknown>);
    calls.push({ method, body, at: performance.now() });
    switch (method) {
      case 'auth.test':
        return res.json({ ok: true, user_id: 'UTEND', bot_id: 'BTEND', team_id: options.teamId, team: 'Test' });
      case 'users.info': {
        const user = options.users.find((u) => u.id === body.user);
        return user
          ? res.json({ ok: true, user: { ...user, profile: { email: user.email } } })
          : res.json({ ok: false, error: 'user_not_found' });
      }
      case 'conversations.info': {
        const channel = options.channels.find((c) => c.id === body.channel);
        return channel ? res.json({ ok: true, channel }) : res.json({ ok: false, error: 'channel_not_found' });
      }
      case 'conversations.members': {
        const channel = options.channels.find((c) => c.id === body.channel);
        if (!channel) return res.json({ ok: false, error: 'channel_not_found' });
        const members = channel.members ?? [];
        const from = Number(body.cursor || 0);
        const next = from + 2 < members.length ? String(from + 2) : '';
        return res.json({ ok: true, members: members.slice(from, from + 2), response_metadata: { next_cursor: next } });
      }
      case 'chat.postMessage':
        if (options.channels.find((c) => c.id === body.channel)?.botIsMember === false)
          return res.json({ ok: false, error: 'not_in_channel' });
        return res.json({ ok: true, channel: body.channel, ts: String(ts++) });
      case 'chat.update':
        return res.json({ ok: true, channel: body.channel, ts: String(ts++) });
      // A DM with one person: Slack answers the same D… id for the same person.
      case 'conversations.open':
        return res.json({ ok: true, channel: { id: `D${String(body.users)}` } });
      // Streamed answers: startStream opens the message, append and stop add to it.
      case 'chat.startStream':
        return res.json({ ok: true, channel: body.channel, ts: String(ts++) });
      case 'chat.appendStream':
      case 'chat.stopStream':
        return res.json({ ok: true, channel: body.channel, ts: body.ts });
      // File uploads: a URL to send the bytes to, then the upload is completed into a channel.
      case 'files.getUploadURLExternal':
        return res.json({ ok: true, upload_url: `${base}/upload/F${ts}`, file_id: `F${ts++}` });
      case 'files.completeUploadExternal':
        return res.json({ ok: true, files: (body.files as { id: string }[] | undefined) ?? [] });
      case 'apps.connections.open':
        return options.socketUrl
          ? res.json({ ok: true, url: options.socketUrl })
          : res.json({ ok: false, error: 'not_allowed' });
      case 'chat.postEphemeral':
        return res.json({ ok: true, message_ts: String(ts++) });
      default:
        return res.json({ ok: true });
    }
  });
  app.post('/upload/:id', express.raw({ type: () => true, limit: '10mb' }), (req, res) => {
    const bytes = Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0);
    calls.push({
      method: `upload:${req.params.id}`,
      body: { bytes: bytes.length, png: bytes.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47])) },
      at: performance.now(),
    });
    uploads.set(String(req.params.id), bytes);
    res.send('OK');
  });
  app.post('/response/:id', (req, res) => {
    calls.push({
      method: `response_url:${req.params.id}`,
      body: req.body as Record<string, unknown>,
      at: performance.now(),
    });
    res.json({ ok: true });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id: string) => `${base}/response/${id}`,
    calls,
    uploads,
    /** Calls made after `mark` (an index into calls), by method. */
    since: (mark: number, method?: string) =>
      calls.slice(mark).filter((c) => !method || c.method === method || c.method.startsWith(`${method}:`)),
    async waitFor(mark: number, method: string, count = 1, timeoutMs = 10_000): Promise<SlackCall[]> {
      const started = Date.now();
      for (;;) {
        const found = calls.slice(mark).filter((c) => c.method === method || c.method.startsWith(`${method}:`));
        if (found.length >= count) return found;
        if (Date.now() - started > timeoutMs)
          throw new Error(
            `no ${method} within ${timeoutMs} ms; calls: ${calls
              .slice(mark)
              .map((c) => c.method)
              .join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** Posts to Tend as Slack does: `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  options: { contentType: 'json' | 'form'; timestamp?: number; retryNum?: number; signature?: string },
): Promise<{ status: number; text: string; ms: number }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature ?? `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

export const slashCommandBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const interactionBody = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
