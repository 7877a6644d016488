import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// The shape of every credential Tend issues (ingest API keys, assistant tokens): `<prefix>_<id>_<secret>`.
// The id finds the row, the secret is checked against its SHA-256 (a 256-bit random secret needs no
// slow hash). The whole credential is shown once, at creation; only the hash is stored.

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new id (12 lower-case letters and digits), its secret, and the hash to store. */
export function newBearerSecret(): { id: string; secret: string; secretHash: string } {
  const id = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, secretHash: sha256(secret) };
}

/** Whether a presented secret is the one whose hash was stored, in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(sha256(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
