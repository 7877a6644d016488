import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { QbrFacts } from '../../src/core/qbr/qbr-facts.js';
import { InputError } from '../../src/services/accounts/input-error.js';
import { brandFromPptx, defaultDeckBrand } from '../../src/services/qbr/deck-brand.js';
import type { QbrDraft } from '../../src/services/qbr/draft-qbr.js';
import { buildQbrDeck } from '../../src/services/qbr/qbr-deck.js';
import { templateNarrative } from '../../src/services/qbr/qbr-template.js';

const facts = JSON.parse(
  readFileSync(new URL('../fixtures/qbr-facts-acme-2026q3.json', import.meta.url), 'utf8'),
) as QbrFacts;
const draft: QbrDraft = {
  id: 'draft-1',
  facts,
  narrative: templateNarrative(facts),
  markdown: '',
  source: { kind: 'template', reason: 'no LLM is configured' },
  note: 'template draft: no LLM is configured',
  sources: [],
  preparedAt: new Date('2026-09-14T09:00:00Z'),
  prompt: { system: '', user: '' },
};
// A 2x1 PNG: the logo keeps its shape on the slides.
const logo = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAe/gL+FV1GmQAAAABJRU5ErkJggg==',
  'base64',
);

/** A company template as PowerPoint saves one: its theme's colours and fonts, a logo on the master. */
async function companyTemplate(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await buildQbrDeck(draft));
  const theme = (await zip.file('ppt/theme/theme1.xml')!.async('string'))
    .replace(/<a:dk2>[\s\S]*?<\/a:dk2>/, '<a:dk2><a:srgbClr val="7A1F3D"/></a:dk2>')
    .replace(/<a:accent2>[\s\S]*?<\/a:accent2>/, '<a:accent2><a:srgbClr val="F2A900"/></a:accent2>')
    .replace(/<a:majorFont>\s*<a:latin typeface="[^"]*"/, '<a:majorFont><a:latin typeface="Georgia"')
    .replace(/<a:minorFont>\s*<a:latin typeface="[^"]*"/, '<a:minorFont><a:latin typeface="Verdana"');
  zip.file('ppt/theme/theme1.xml', theme);
  zip.file('ppt/media/company-logo.png', logo);
  const relsPath = 'ppt/slideMasters/_rels/slideMaster1.xml.rels';
  const rels = (await zip.file(relsPath)!.async('string')).replace(
    '</Relationships>',
    '<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/company-logo.png"/></Relationships>',
  );
  zip.file(relsPath, rels);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('a company look for QBR decks', () => {
  it('takes colours, fonts and the logo from a company .pptx template and uses them', async () => {
    const brand = await brandFromPptx(await companyTemplate(), 'Initech brand.pptx');
    expect(brand).toMatchObject({
      name: 'Initech brand.pptx',
      colors: { primary: '7A1F3D', accent: 'F2A900' },
      fonts: { heading: 'Georgia', body: 'Verdana' },
      logo: { mime: 'image/png', aspect: 2 },
    });
    const deck = await JSZip.loadAsync(await buildQbrDeck(draft, brand));
    const slides = await Promise.all(
      Object.keys(deck.files)
        .filter((p) => /^ppt\/(slides|slideLayouts)\/[^/]+\.xml$/.test(p))
        .map((p) => deck.file(p)!.async('string')),
    );
    const xml = slides.join('\n');
    expect(xml).toContain('7A1F3D');
    expect(xml).toContain('typeface="Georgia"');
    const media = Object.keys(deck.files).filter((p) => p.startsWith('ppt/media/') && !p.endsWith('/'));
    const images = await Promise.all(media.map((p) => deck.file(p)!.async('nodebuffer')));
    expect(images.some((b) => b.equals(logo))).toBe(true);
  });

  it('refuses a file that is not a PowerPoint template, saying what it is', async () => {
    await expect(brandFromPptx(Buffer.from('not a zip'), 'logo.png')).rejects.toThrow(InputError);
    await expect(brandFromPptx(Buffer.from('not a zip'), 'logo.png')).rejects.toThrow(
      'logo.png is not a PowerPoint file (.pptx)',
    );
    const empty = await new JSZip().generateAsync({ type: 'nodebuffer' });
    await expect(brandFromPptx(empty, 'empty.pptx')).rejects.toThrow('has no theme');
  });

  it('has a clean default without a template', async () => {
    const deck = await JSZip.loadAsync(await buildQbrDeck(draft));
    expect(await deck.file('ppt/slides/slide1.xml')!.async('string')).toContain(defaultDeckBrand.colors.primary);
  });
});
