import type { Request } from 'express';

/**
 * The API key a request presents: `Authorization: Bearer <key>`, or HTTP Basic with the key as the
 * user name (how Segment's HTTP API and many webhook destinations send a write key).
 */
export function presentedKey(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme!.toLowerCase() === 'bearer') return value;
  if (scheme!.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const user = decoded.split(':')[0];
    return user || undefined;
  }
  return undefined;
}
