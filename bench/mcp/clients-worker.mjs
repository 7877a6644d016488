// The assistants of bench/mcp/run.ts, in their own thread: their JSON and HTTP work must not be
// counted as Tend's (real assistants run elsewhere).
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const { url, tokens, names, seconds, intervalMs } = workerData;
const sessions = await Promise.all(
  tokens.map(async (token, i) => {
    const client = new Client({ name: `bench-${i}`, version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    return client;
  }),
);
const latencies = [];
let errors = 0;
const until = performance.now() + seconds * 1000;
await Promise.all(
  sessions.map(async (client, i) => {
    // Paced clients start spread over one interval, as independent people would.
    if (intervalMs > 0) await new Promise((r) => setTimeout(r, (i * intervalMs) / sessions.length));
    let n = i;
    while (performance.now() < until) {
      const account = names[(n * 7919) % names.length];
      n += sessions.length;
      const started = performance.now();
      try {
        const result = await client.callTool({ name: 'account_health', arguments: { account } });
        if (result.isError) errors++;
      } catch {
        errors++;
      }
      const took = performance.now() - started;
      latencies.push(took);
      // Paced like an assistant: a model writes for a while between tool calls. 0 = back to back.
      if (intervalMs > 0) await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - took)));
    }
  }),
);
for (const c of sessions) await c.close();
parentPort.postMessage({ latencies, errors });
