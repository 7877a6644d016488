import type { Play } from '../../core/plays/play-schema.js';
import { closestMatches } from '../../core/text/closest-matches.js';
import { loadPlayCatalogue } from './play-catalogue.js';
import type { DbClient } from '../../db/repositories/db-client.js';

export type PlayMatch =
  { kind: 'found'; play: Play } | { kind: 'ambiguous'; plays: Play[] } | { kind: 'none'; suggestions: string[] };

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A play as people name it: its id, the end of its id ("low-usage"), or words of its name. */
export async function findPlay(db: DbClient, query: string): Promise<PlayMatch> {
  const { plays } = await loadPlayCatalogue(db);
  const q = words(query);
  const exact = plays.find((p) => p.id === query.trim().toLowerCase() || words(p.id) === q);
  if (exact) return { kind: 'found', play: exact };
  const partial = plays.filter((p) => ` ${words(p.id)} `.includes(` ${q} `) || words(p.name).includes(q));
  if (partial.length === 1) return { kind: 'found', play: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', plays: partial.slice(0, 5) };
  return {
    kind: 'none',
    suggestions: closestMatches(
      query,
      plays.map((p) => p.id),
    ),
  };
}
