import { ConnectorError } from './connector.js';

// SDKs report HTTP failures in their own shapes; these read the status and Retry-After from any of
// them, so retries and the auth-failure stop work the same for every vendor.

interface HttpishError {
  statusCode?: number;
  status?: number;
  code?: number | string;
  errorCode?: string;
  headers?: Record<string, unknown> | { get?(name: string): string | null };
  response?: { status?: number; statusCode?: number; headers?: Record<string, unknown> };
  raw?: { statusCode?: number; headers?: Record<string, unknown> };
}

export function statusOf(error: unknown): number | undefined {
  const e = (error ?? {}) as HttpishError;
  // jsforce names failures by Salesforce's error code, not the status; its API limit comes as a 403.
  if (e.errorCode === 'REQUEST_LIMIT_EXCEEDED') return 429;
  if (e.errorCode === 'INVALID_SESSION_ID' || e.errorCode === 'INVALID_AUTH_HEADER') return 401;
  // OAuth token endpoints name refused credentials (RFC 6749 section 5.2).
  const name = (error as { name?: string } | null)?.name;
  if (name === 'invalid_client' || name === 'invalid_grant' || name === 'unauthorized_client') return 401;
  const http = /^ERROR_HTTP_(\d{3})$/.exec(e.errorCode ?? '');
  if (http) return Number(http[1]);
  const candidates = [e.statusCode, e.status, e.response?.status, e.response?.statusCode, e.raw?.statusCode, e.code];
  for (const c of candidates) if (typeof c === 'number' && c >= 100 && c < 600) return c;
  return undefined;
}

export function retryAfterOf(error: unknown): number | undefined {
  const e = (error ?? {}) as HttpishError;
  for (const headers of [e.headers, e.response?.headers, e.raw?.headers]) {
    if (!headers) continue;
    const value =
      typeof (headers as { get?: unknown }).get === 'function'
        ? (headers as { get(n: string): string | null }).get('retry-after')
        : ((headers as Record<string, unknown>)['retry-after'] ?? (headers as Record<string, unknown>)['Retry-After']);
    const seconds = Number(Array.isArray(value) ? value[0] : value);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  }
  return undefined;
}

/** The error as a ConnectorError, with a message free of credentials. */
export function classify(vendor: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const status = statusOf(error);
  if (status === 401 || status === 403)
    return new ConnectorError(`${vendor} refused the credentials (${status}); renew them`, 'auth');
  if (status === 429) {
    const after = retryAfterOf(error);
    return new ConnectorError(
      `${vendor} rate limit (429)${after !== undefined ? `, retry after ${after} s` : ''}`,
      'rate_limit',
      after,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError(
    `${vendor}: ${status ? `HTTP ${status}: ` : ''}${message.split('\n')[0]!.slice(0, 200)}`,
    'other',
  );
}

/**
 * Runs one vendor call, waiting out rate limits the vendor names (up to `maxWaitSeconds` each, a few
 * times); other failures are classified and thrown.
 */
export async function callVendor<T>(
  vendor: string,
  call: () => Promise<T>,
  options: { attempts?: number; maxWaitSeconds?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const classified = classify(vendor, error);
      const wait = classified.retryAfterSeconds ?? 1;
      if (classified.reason !== 'rate_limit' || attempt >= attempts || wait > (options.maxWaitSeconds ?? 60))
        throw classified;
      await sleep(wait * 1000);
    }
  }
}
