import JSZip from 'jszip';
import { z } from 'zod';
import type { DbClient } from '../../db/repositories/db-client.js';
import { readSetting, writeSetting } from '../../db/repositories/settings.js';
import { InputError } from '../accounts/input-error.js';

// A company's look for QBR decks and documents, taken from its own PowerPoint template: the theme's
// colours and fonts and the logo on its slide master. Kept in settings, so every replica uses it.

const hex = z.string().regex(/^[0-9A-Fa-f]{6}$/, 'a colour as six hex digits, e.g. 1F4E79');

export const deckBrandSchema = z.object({
  name: z.string().min(1).max(200),
  colors: z.object({ primary: hex, accent: hex, text: hex, background: hex }),
  fonts: z.object({ heading: z.string().min(1).max(100), body: z.string().min(1).max(100) }),
  logo: z
    .object({ mime: z.enum(['image/png', 'image/jpeg']), base64: z.string().max(2_000_000), aspect: z.number() })
    .optional(),
});
export type DeckBrand = z.infer<typeof deckBrandSchema>;

/** Tend's own look when no company template is set. */
export const defaultDeckBrand: DeckBrand = {
  name: 'Tend default',
  colors: { primary: '1F3A5F', accent: '2E8B57', text: '222222', background: 'FFFFFF' },
  fonts: { heading: 'Liberation Sans', body: 'Liberation Sans' },
};

const settingKey = 'qbr.deckBrand';

const attr = (xml: string, element: RegExp) => element.exec(xml)?.[1];

/** Width over height of a PNG or JPEG, so a logo keeps its shape; 1 when unreadable. */
function aspectOf(bytes: Buffer, mime: string): number {
  if (mime === 'image/png' && bytes.length > 24) return bytes.readUInt32BE(16) / bytes.readUInt32BE(20) || 1;
  for (let i = 2; i + 9 < bytes.length;) {
    if (bytes[i] !== 0xff) break;
    const marker = bytes[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc3) return bytes.readUInt16BE(i + 7) / bytes.readUInt16BE(i + 5) || 1;
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return 1;
}

/**
 * The brand in a .pptx template: theme colours (dk2 or accent1 as primary, accent2 as accent, dk1
 * text, lt1 background), the theme's heading and body fonts, and the first picture on the slide
 * master as the logo. Refuses a file that is not a PowerPoint presentation, saying so.
 */
export async function brandFromPptx(bytes: Buffer, name: string): Promise<DeckBrand> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new InputError(`${name} is not a PowerPoint file (.pptx): it is not a zip archive.`);
  }
  const themePath = Object.keys(zip.files)
    .filter((p) => /^ppt\/theme\/theme\d+\.xml$/.test(p))
    .sort()[0];
  if (!themePath)
    throw new InputError(`${name} has no theme (ppt/theme/theme1.xml); save it from PowerPoint as .pptx.`);
  const theme = await zip.file(themePath)!.async('string');
  const colour = (slot: string) =>
    attr(theme, new RegExp(`<a:${slot}>\\s*<a:(?:srgbClr val|sysClr[^>]*lastClr)="([0-9A-Fa-f]{6})"`));
  const font = (kind: 'major' | 'minor') => attr(theme, new RegExp(`<a:${kind}Font>\\s*<a:latin typeface="([^"]+)"`));
  const brand: DeckBrand = {
    name,
    colors: {
      primary: (colour('dk2') ?? colour('accent1') ?? defaultDeckBrand.colors.primary).toUpperCase(),
      accent: (colour('accent2') ?? colour('accent1') ?? defaultDeckBrand.colors.accent).toUpperCase(),
      text: (colour('dk1') ?? defaultDeckBrand.colors.text).toUpperCase(),
      background: (colour('lt1') ?? defaultDeckBrand.colors.background).toUpperCase(),
    },
    fonts: {
      heading: font('major') || defaultDeckBrand.fonts.heading,
      body: font('minor') || defaultDeckBrand.fonts.body,
    },
  };
  const relsPath = 'ppt/slideMasters/_rels/slideMaster1.xml.rels';
  const rels = await zip.file(relsPath)?.async('string');
  const image = rels && /Target="\.\.\/media\/([^"]+\.(png|jpe?g))"/i.exec(rels);
  if (image) {
    const bytesOfLogo = await zip.file(`ppt/media/${image[1]}`)?.async('nodebuffer');
    if (bytesOfLogo) {
      const mime = image[2]!.toLowerCase() === 'png' ? 'image/png' : 'image/jpeg';
      brand.logo = { mime, base64: bytesOfLogo.toString('base64'), aspect: aspectOf(bytesOfLogo, mime) };
    }
  }
  return deckBrandSchema.parse(brand);
}

export async function loadDeckBrand(db: DbClient): Promise<DeckBrand> {
  const stored = await readSetting(db, settingKey);
  const parsed = deckBrandSchema.safeParse(stored);
  return parsed.success ? parsed.data : defaultDeckBrand;
}

/** Sets the company look, or with none goes back to Tend's default. */
export async function saveDeckBrand(db: DbClient, brand: DeckBrand | undefined): Promise<void> {
  if (brand) await writeSetting(db, settingKey, deckBrandSchema.parse(brand));
  else await db.setting.deleteMany({ where: { key: settingKey } });
}
