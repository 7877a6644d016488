import pptxgen from 'pptxgenjs';
import type { QbrFacts } from '../../core/qbr/qbr-facts.js';
import type { QbrDraft } from './draft-qbr.js';
import { defaultDeckBrand, type DeckBrand } from './deck-brand.js';
import { qbrFigureNotes, qbrOutline } from './qbr-outline.js';

// The QBR as a PowerPoint deck a CSM presents: the same outline as the document (qbr-outline.ts),
// native charts a CSM can restyle, and speaker notes with where each figure comes from.

// The package's types describe its CommonJS build; Node loads its ES build, whose default is the class.
const PptxGenJS = pptxgen as unknown as typeof pptxgen.default;
type PptxGenJS = InstanceType<typeof PptxGenJS>;

const wide = { w: 13.333, h: 7.5 };

type Slide = ReturnType<PptxGenJS['addSlide']>;

function addTitle(slide: Slide, brand: DeckBrand, title: string) {
  slide.addText(title, {
    x: 0.5,
    y: 0.35,
    w: wide.w - 2.5,
    h: 0.8,
    fontFace: brand.fonts.heading,
    fontSize: 26,
    bold: true,
    color: brand.colors.primary,
  });
}

function addTable(slide: Slide, brand: DeckBrand, rows: (string | number | null)[][], y: number, h?: number) {
  const [head, ...body] = rows;
  if (!head || !body.length) return;
  const cell = (v: string | number | null) => (v === null ? '—' : String(v));
  slide.addTable(
    [
      head.map((v) => ({
        text: cell(v),
        options: { bold: true, color: 'FFFFFF', fill: { color: brand.colors.primary } },
      })),
      ...body.map((r) => r.map((v) => ({ text: cell(v) }))),
    ],
    {
      x: 0.5,
      y,
      w: wide.w - 1,
      ...(h ? { h } : {}),
      fontFace: brand.fonts.body,
      fontSize: 11,
      color: brand.colors.text,
      border: { type: 'solid', pt: 0.5, color: 'BFBFBF' },
      autoPage: false,
    },
  );
}

function healthChart(pptx: PptxGenJS, slide: Slide, brand: DeckBrand, facts: QbrFacts) {
  const trend = facts.health.trend;
  if (trend.length >= 2) {
    slide.addChart(
      pptx.ChartType.line,
      [{ name: 'Health score', labels: trend.map((p) => p.date), values: trend.map((p) => p.score) }],
      {
        x: 0.5,
        y: 2.3,
        w: 7.4,
        h: 4.6,
        chartColors: [brand.colors.primary],
        valAxisMinVal: 0,
        valAxisMaxVal: 100,
        showLegend: false,
        showTitle: true,
        title: `Weekly health score, ${facts.quarter.label}`,
        titleFontFace: brand.fonts.heading,
        titleFontSize: 13,
        catAxisLabelFontSize: 9,
        lineDataSymbol: 'circle',
        lineDataSymbolSize: 6,
      },
    );
  } else {
    slide.addText('Not enough weekly scores this quarter for a trend chart.', {
      x: 0.5,
      y: 3.5,
      w: 7.4,
      h: 0.6,
      fontFace: brand.fonts.body,
      fontSize: 13,
      italic: true,
      color: brand.colors.text,
    });
  }
  const dims = facts.health.dimensions.filter((d) => d.score !== null);
  if (dims.length)
    slide.addChart(
      pptx.ChartType.bar,
      [{ name: 'Score', labels: dims.map((d) => d.label), values: dims.map((d) => d.score!) }],
      {
        x: 8.1,
        y: 2.3,
        w: 4.7,
        h: 4.6,
        barDir: 'bar',
        chartColors: [brand.colors.accent],
        valAxisMinVal: 0,
        valAxisMaxVal: 100,
        showValue: true,
        dataLabelFontSize: 9,
        showTitle: true,
        title: 'Dimensions at quarter end',
        titleFontFace: brand.fonts.heading,
        titleFontSize: 13,
        catAxisLabelFontSize: 9,
      },
    );
}

/** The deck as a .pptx file. */
export async function buildQbrDeck(draft: QbrDraft, brand: DeckBrand = defaultDeckBrand): Promise<Buffer> {
  const { facts } = draft;
  const outline = qbrOutline(draft);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = outline.title;
  pptx.company = brand.name;
  pptx.theme = { headFontFace: brand.fonts.heading, bodyFontFace: brand.fonts.body };
  const logo = brand.logo
    ? [
        {
          image: {
            x: wide.w - 0.5 - Math.min(1.8, 0.6 * brand.logo.aspect),
            y: 0.3,
            w: Math.min(1.8, 0.6 * brand.logo.aspect),
            h: Math.min(1.8, 0.6 * brand.logo.aspect) / brand.logo.aspect,
            data: `${brand.logo.mime};base64,${brand.logo.base64}`,
          },
        },
      ]
    : [];
  pptx.defineSlideMaster({
    title: 'QBR',
    background: { color: brand.colors.background },
    objects: [...logo, { rect: { x: 0, y: wide.h - 0.15, w: wide.w, h: 0.15, fill: { color: brand.colors.primary } } }],
    slideNumber: { x: wide.w - 0.9, y: wide.h - 0.5, fontSize: 9, color: '808080' },
  });
  const notesOf = qbrFigureNotes(draft);

  const title = pptx.addSlide({ masterName: 'QBR' });
  title.addText(facts.account.name, {
    x: 0.8,
    y: 2.2,
    w: wide.w - 1.6,
    h: 1.2,
    fontFace: brand.fonts.heading,
    fontSize: 40,
    bold: true,
    color: brand.colors.primary,
  });
  title.addText(outline.subtitle, {
    x: 0.8,
    y: 3.4,
    w: wide.w - 1.6,
    h: 0.8,
    fontFace: brand.fonts.body,
    fontSize: 20,
    color: brand.colors.text,
  });
  title.addText(outline.preparedLine, {
    x: 0.8,
    y: 4.3,
    w: wide.w - 1.6,
    h: 0.6,
    fontFace: brand.fonts.body,
    fontSize: 12,
    color: '606060',
  });
  title.addNotes(notesOf.title);

  for (const section of outline.sections) {
    const slide = pptx.addSlide({ masterName: 'QBR' });
    addTitle(slide, brand, section.title);
    const hasBody = section.key === 'health' || section.table || section.quotes?.length || section.bullets?.length;
    slide.addText(section.text, {
      x: 0.5,
      y: 1.2,
      w: wide.w - 1,
      h: hasBody ? 1.0 : 4.5,
      fontFace: brand.fonts.body,
      fontSize: hasBody ? 14 : 18,
      color: brand.colors.text,
      valign: 'top',
      fit: 'shrink',
    });
    if (section.headline)
      slide.addText(section.headline, {
        x: 0.5,
        y: 2.3,
        w: wide.w - 1,
        h: 0.5,
        fontFace: brand.fonts.heading,
        fontSize: 16,
        bold: true,
        color: brand.colors.accent,
      });
    if (section.key === 'health') healthChart(pptx, slide, brand, facts);
    if (section.table) addTable(slide, brand, section.table, section.headline ? 2.9 : 2.4);
    if (section.quotes?.length)
      slide.addText(
        section.quotes.map((q) => ({
          text: `“${q.text}”${q.by ? ` (${q.by})` : ''}`,
          options: { bullet: false, breakLine: true, paraSpaceAfter: 10 },
        })),
        {
          x: 0.8,
          y: 2.4,
          w: wide.w - 1.6,
          h: 4.4,
          fontFace: brand.fonts.body,
          fontSize: 15,
          italic: true,
          color: brand.colors.text,
          valign: 'top',
          fit: 'shrink',
        },
      );
    if (section.bullets?.length)
      slide.addText(
        section.bullets.map((b) => ({ text: b, options: { bullet: true, breakLine: true } })),
        {
          x: 0.6,
          y: 2.4,
          w: wide.w - 1.2,
          h: 4.4,
          fontFace: brand.fonts.body,
          fontSize: 14,
          color: brand.colors.text,
          valign: 'top',
          fit: 'shrink',
        },
      );
    slide.addNotes(notesOf.sections[section.key] ?? notesOf.general);
  }
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}
