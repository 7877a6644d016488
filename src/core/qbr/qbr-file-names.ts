import { slug } from './qbr-fact-ids.js';

/** File names stay well under file-system (255 bytes) and chat-upload limits, with room for a suffix. */
export const maxNameSlugLength = 60;
const maxIdSlugLength = 24;

/** A name as a file-name part: lower-case words joined by '-', at most `max` characters, never empty. */
function cappedSlug(text: string, max: number): string {
  return slug(text).slice(0, max).replace(/-+$/, '');
}

/** The file stem of one account's QBR, e.g. `acme-corp-2026q3` (its name capped at 60 characters). */
export function qbrFileStem(accountName: string, quarterLabel: string): string {
  return `${cappedSlug(accountName, maxNameSlugLength) || 'account'}-${quarterLabel.toLowerCase()}`;
}

/**
 * A distinct file stem for each account's QBR in one folder. Names that read the same as a file name
 * ("Zeta Corp" and "Zeta, Corp.") get their external id added, and the account id if even that
 * collides, so no deck overwrites another. Stable: the same accounts get the same names every run.
 */
export function qbrFileStems(
  accounts: readonly { id: string; name: string; externalId: string }[],
  quarterLabel: string,
): Map<string, string> {
  const byStem = new Map<string, number>();
  const plain = accounts.map((a) => qbrFileStem(a.name, quarterLabel));
  for (const stem of plain) byStem.set(stem, (byStem.get(stem) ?? 0) + 1);
  const withIds = accounts.map((a, i) =>
    byStem.get(plain[i]!)! > 1 ? `${plain[i]}-${cappedSlug(a.externalId, maxIdSlugLength) || 'id'}` : plain[i]!,
  );
  const seen = new Map<string, number>();
  for (const stem of withIds) seen.set(stem, (seen.get(stem) ?? 0) + 1);
  return new Map(
    accounts.map((a, i) => {
      const stem = withIds[i]!;
      return [a.id, seen.get(stem)! > 1 ? `${stem}-${cappedSlug(a.id, 12)}` : stem];
    }),
  );
}
