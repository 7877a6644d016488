import { closestMatches } from '../../core/text/closest-matches.js';
import type { PrismaClient } from '../../db/client.js';

export type PersonMatch =
  | { kind: 'found'; person: { id: string; name: string } }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'not_found'; suggestions: string[] };

/** A Tend user by what a person called them: full name, first name or email, in any case; typos get suggestions. */
export async function findPerson(prisma: PrismaClient, query: string): Promise<PersonMatch> {
  const q = query.trim().toLowerCase();
  const people = await prisma.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true } });
  const exact = people.filter((p) => p.name.toLowerCase() === q || p.email.toLowerCase() === q);
  const first = exact.length ? exact : people.filter((p) => p.name.toLowerCase().split(/\s+/)[0] === q);
  if (first.length === 1) return { kind: 'found', person: { id: first[0]!.id, name: first[0]!.name } };
  if (first.length > 1) return { kind: 'ambiguous', candidates: first.map((p) => p.name) };
  return {
    kind: 'not_found',
    suggestions: closestMatches(
      q,
      people.map((p) => p.name.split(/\s+/)[0]!),
    ),
  };
}
