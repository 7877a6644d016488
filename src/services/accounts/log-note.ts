import { withoutNul } from '../../core/text/without-nul.js';
import type { PrismaClient } from '../../db/client.js';
import { assertCanWrite, type Actor } from '../access/actor.js';
import { InputError } from './input-error.js';

export const noteMaxLength = 3000;

/**
 * A CSM's note on an account, kept as an activity (it counts as a touchpoint for cadences); or a
 * milestone reached (onboarding complete, go-live), which surveys can follow.
 */
export async function logNote(
  prisma: PrismaClient,
  actor: Actor,
  input: { accountId: string; text: string; via: string; kind?: 'note' | 'milestone' },
  now: Date,
): Promise<{ id: string; accountName: string }> {
  assertCanWrite(actor);
  const text = withoutNul(input.text).trim();
  if (!text)
    throw new InputError(
      input.kind === 'milestone'
        ? 'Name the milestone, e.g. onboarding complete.'
        : 'The note is empty; write what happened.',
      'text',
    );
  if (text.length > noteMaxLength)
    throw new InputError(`The note is ${text.length} characters; keep it under ${noteMaxLength}.`, 'text');
  const account = await prisma.account.findUnique({ where: { id: input.accountId }, select: { name: true } });
  if (!account) throw new InputError('That account no longer exists.');
  const firstLine = text.split('\n')[0]!;
  const saved = await prisma.activity.create({
    data: {
      accountId: input.accountId,
      kind: input.kind ?? 'note',
      occurredAt: now,
      title: firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine,
      details: { text, via: input.via },
      authorId: actor.userId ?? null,
    },
    select: { id: true },
  });
  return { id: saved.id, accountName: account.name };
}
