import { qbrFileStem } from '../../core/qbr/qbr-file-names.js';
import type { PrismaClient } from '../../db/client.js';
import type { Actor } from '../access/actor.js';
import { loadDeckBrand } from './deck-brand.js';
import { storedQbrDraft, type QbrDraft } from './draft-qbr.js';
import { buildQbrDeck } from './qbr-deck.js';
import { buildQbrDocument } from './qbr-document.js';

export type QbrFileFormat = 'pptx' | 'docx';

export interface QbrFile {
  name: string;
  title: string;
  mime: string;
  bytes: Buffer;
  /** One line to send with the file: the figures it is about and how it was worded. */
  summary: string;
}

const mimes: Record<QbrFileFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function qbrFileSummary(draft: QbrDraft): string {
  const f = draft.facts;
  const h = f.health;
  return [
    `${f.account.name}, ${f.quarter.label}: health ${h.end} (${h.band})`,
    ...(h.change === null ? [] : [`${h.change > 0 ? '+' : ''}${h.change} over the quarter`]),
    ...(f.renewal ? [`renewal ${f.renewal.date}`] : []),
    draft.source.kind === 'template'
      ? `Tend's template wording (${draft.source.reason})`
      : `worded by ${draft.source.model}, figures checked`,
  ].join('; ');
}

/** The deck or document of a draft, in the company's look. */
export async function qbrFile(prisma: PrismaClient, draft: QbrDraft, format: QbrFileFormat): Promise<QbrFile> {
  const brand = await loadDeckBrand(prisma);
  const bytes = format === 'pptx' ? await buildQbrDeck(draft, brand) : await buildQbrDocument(draft, brand);
  const f = draft.facts;
  return {
    name: `${qbrFileStem(f.account.name, f.quarter.label)}-qbr.${format}`,
    title: `${f.account.name}: QBR ${f.quarter.label}`,
    mime: mimes[format],
    bytes,
    summary: qbrFileSummary(draft),
  };
}

/** The file of a stored draft, rebuilt for the person who asked for it (undefined for anyone else). */
export async function storedQbrFile(
  prisma: PrismaClient,
  ref: { draftId: string; format: QbrFileFormat },
  actor: Actor,
): Promise<QbrFile | undefined> {
  const draft = await storedQbrDraft(prisma, ref.draftId, actor);
  return draft ? qbrFile(prisma, draft, ref.format) : undefined;
}
