import type { PrismaClient } from '../../db/client.js';
import { newBearerSecret, secretMatches } from '../access/bearer-secrets.js';
import { ensureSource, sourceRecordSelect, type SourceKind, type SourceRecord } from './sources.js';

// Keys look like `tend_<id>_<secret>` (bearer-secrets.ts): shown once, only the secret's hash stored.

const keyPattern = /^tend_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface CreatedKey {
  id: string;
  key: string;
  source: string;
}

export async function createSourceKey(
  prisma: PrismaClient,
  input: { source: string; kind?: SourceKind; label?: string },
): Promise<CreatedKey> {
  const source = await ensureSource(prisma, input.source, input.kind ?? 'api');
  const { id, secret, secretHash } = newBearerSecret();
  await prisma.sourceApiKey.create({
    data: { id, sourceId: source.id, secretHash, ...(input.label ? { label: input.label } : {}) },
  });
  return { id, key: `tend_${id}_${secret}`, source: source.name };
}

export interface KeyListing {
  id: string;
  source: string;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listSourceKeys(prisma: PrismaClient, source?: string): Promise<KeyListing[]> {
  const rows = await prisma.sourceApiKey.findMany({
    where: source ? { source: { name: source } } : {},
    include: { source: { select: { name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    source: r.source.name,
    label: r.label,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/** Revokes a key at once; true if it was active. */
export async function revokeSourceKey(prisma: PrismaClient, id: string, now: Date): Promise<boolean> {
  const done = await prisma.sourceApiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return done.count === 1;
}

export interface VerifiedKey {
  keyId: string;
  source: SourceRecord;
}

/** The source a presented key belongs to, or undefined for a malformed, unknown or revoked key. */
export async function verifySourceKey(
  prisma: PrismaClient,
  presented: string,
  now: Date,
): Promise<VerifiedKey | undefined> {
  const match = keyPattern.exec(presented.trim());
  if (!match) return undefined;
  const [, id, secret] = match;
  const row = await prisma.sourceApiKey.findUnique({
    where: { id: id! },
    include: {
      source: { select: sourceRecordSelect },
    },
  });
  if (!row || row.revokedAt) return undefined;
  if (!secretMatches(secret!, row.secretHash)) return undefined;
  // Last use is for people auditing keys; a minute's precision is enough and saves a write per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await prisma.sourceApiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { keyId: row.id, source: row.source as SourceRecord };
}
