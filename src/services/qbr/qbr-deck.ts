import pptxgen from 'pptxgenjs';
import type { QbrFacts } from '../../core/qbr/qbr-facts.js';
import type { QbrDraft } from './draft-qbr.js';
import { defaultDeckBrand, type DeckBrand } from './deck-brand.js';
import { qbrOutline, type OutlineSection, type TableRows } from './qbr-outline.js';
import { cutToFit, fittingSize, heightOf, inset, linesOf } from './text-fit.js';

// The QBR as a PowerPoint deck a CSM presents to the client: the client outline (qbr-outline.ts),
// native charts a CSM can restyle, and every text sized to its box so nothing spills in any office
// suite. Nothing internal is on a slide or in its notes: that is the prep brief's (qbr-brief.ts).

// The package's types describe its CommonJS build; Node loads its ES build, whose default is the class.
const PptxGenJS = pptxgen as unknown as typeof pptxgen.default;
type PptxGenJS = InstanceType<typeof PptxGenJS>;

const wide = { w: 13.333, h: 7.5 };
const margin = 0.5;
const contentW = wide.w - 2 * margin;
/** Where a slide's body (table, chart, list) goes, under its title and text. */
const body = { y: 2.6, bottom: 6.75 };

type Slide = ReturnType<PptxGenJS['addSlide']>;

/** A text box whose font is the largest that fits it, from `maxPt` down; cut with an ellipsis below `minPt`. */
function addFittedText(
  slide: Slide,
  text: string,
  box: { x: number; y: number; w: number; h: number },
  style: { fontFace: string; color: string; maxPt: number; minPt: number; bold?: boolean; italic?: boolean },
) {
  const size = fittingSize([text], box, style.maxPt, style.minPt);
  slide.addText(size ? text : cutToFit(text, box, style.minPt), {
    ...box,
    fontFace: style.fontFace,
    fontSize: size ?? style.minPt,
    color: style.color,
    bold: style.bold ?? false,
    italic: style.italic ?? false,
    valign: 'top',
    margin: inset * 72,
  });
}

function addTitle(slide: Slide, brand: DeckBrand, title: string) {
  addFittedText(
    slide,
    title,
    { x: margin, y: 0.35, w: contentW - 2, h: 0.8 },
    {
      fontFace: brand.fonts.heading,
      color: brand.colors.primary,
      maxPt: 26,
      minPt: 18,
      bold: true,
    },
  );
}

const cellText = (v: string | number | null) => (v === null ? '—' : String(v));

/** Column widths by content, and the font and row heights at which the whole table fits `maxH`. */
function layoutTable(rows: string[][], width: number, maxH: number) {
  const columns = rows[0]!.length;
  // Each column gets room for its longest word at least, then a share by its longest text.
  const longest = (c: number) => Math.max(...rows.map((r) => r[c]!.length));
  const longestWord = (c: number) => Math.max(...rows.map((r) => Math.max(...r[c]!.split(/\s+/).map((w) => w.length))));
  const weights = Array.from({ length: columns }, (_, c) => Math.max(longestWord(c) + 2, Math.min(longest(c), 40)));
  const total = weights.reduce((a, b) => a + b, 0);
  const colW = weights.map((w) => (w / total) * width);
  for (let pt = 12; pt >= 8; pt -= 0.5) {
    const rowH = rows.map((r) =>
      Math.max(...r.map((cell, c) => heightOf(linesOf(cell, pt, colW[c]! - 2 * inset), pt) + 2 * inset)),
    );
    const h = rowH.reduce((a, b) => a + b, 0);
    if (h <= maxH) return { colW, rowH, fontSize: pt, h };
  }
  return undefined;
}

function addTable(slide: Slide, brand: DeckBrand, table: TableRows, y: number, maxH: number) {
  const rows = table.map((r) => r.map(cellText));
  if (rows.length < 2) return;
  // Rows that do not fit the slide are left out, saying how many: the document has them all.
  const more = (n: number) => [`${n} more in the document`, ...rows[0]!.slice(1).map(() => '')];
  let shown = rows;
  let layout = layoutTable(shown, contentW, maxH);
  for (let kept = rows.length - 1; !layout && kept >= 2; kept--) {
    shown = [...rows.slice(0, kept), more(rows.length - kept)];
    layout = layoutTable(shown, contentW, maxH);
  }
  if (!layout) return;
  const [head, ...rest] = shown;
  slide.addTable(
    [
      head!.map((v) => ({ text: v, options: { bold: true, color: 'FFFFFF', fill: { color: brand.colors.primary } } })),
      ...rest.map((r) => r.map((v) => ({ text: v }))),
    ],
    {
      x: margin,
      y,
      w: contentW,
      h: layout.h,
      colW: layout.colW,
      rowH: layout.rowH,
      fontFace: brand.fonts.body,
      fontSize: layout.fontSize,
      color: brand.colors.text,
      border: { type: 'solid', pt: 0.5, color: 'BFBFBF' },
      margin: inset * 72,
      valign: 'top',
      autoPage: false,
    },
  );
}

/** "2026-07-06" as "6 Jul": short enough for a week's tick. */
const shortDay = (iso: string) =>
  `${Number(iso.slice(8, 10))} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(iso.slice(5, 7)) - 1]}`;

function healthCharts(pptx: PptxGenJS, slide: Slide, brand: DeckBrand, facts: QbrFacts) {
  const trend = facts.health.trend;
  const chartH = body.bottom - body.y;
  const axis = { fontFace: brand.fonts.body, color: brand.colors.text };
  if (trend.length >= 2) {
    slide.addChart(
      pptx.ChartType.line,
      [{ name: 'Health score', labels: trend.map((p) => shortDay(p.date)), values: trend.map((p) => p.score) }],
      {
        x: margin,
        y: body.y,
        w: 7.6,
        h: chartH,
        chartColors: [brand.colors.primary],
        valAxisMinVal: 0,
        valAxisMaxVal: 100,
        valAxisMajorUnit: 20,
        showLegend: false,
        showTitle: true,
        title: facts.quarter.running
          ? `Weekly health score so far, ${facts.quarter.label}`
          : `Weekly health score, ${facts.quarter.label}`,
        titleFontFace: brand.fonts.heading,
        titleFontSize: 13,
        showCatAxisTitle: true,
        catAxisTitle: 'Week of',
        catAxisTitleFontSize: 10,
        showValAxisTitle: true,
        valAxisTitle: 'Health score (0 to 100)',
        valAxisTitleFontSize: 10,
        catAxisLabelFontSize: 9,
        catAxisLabelFontFace: axis.fontFace,
        valAxisLabelFontSize: 9,
        lineDataSymbol: 'circle',
        lineDataSymbolSize: 6,
      },
    );
  } else {
    addFittedText(
      slide,
      'Fewer than two weekly scores this quarter: no trend to draw yet.',
      { x: margin, y: 3.5, w: 7.6, h: 0.8 },
      {
        fontFace: brand.fonts.body,
        color: brand.colors.text,
        maxPt: 13,
        minPt: 11,
        italic: true,
      },
    );
  }
  const dims = facts.health.dimensions.filter((d) => d.score !== null);
  if (dims.length)
    slide.addChart(
      pptx.ChartType.bar,
      [{ name: 'Score', labels: dims.map((d) => d.label), values: dims.map((d) => d.score!) }],
      {
        x: 8.3,
        y: body.y,
        w: wide.w - margin - 8.3,
        h: chartH,
        barDir: 'bar',
        // Each bar in its band's colour (two entries at least, or the package colours every bar alike).
        chartColors: dims
          .map((d) => d.band?.colour ?? brand.colors.accent)
          .concat(dims.length === 1 ? [brand.colors.accent] : []),
        valAxisMinVal: 0,
        valAxisMaxVal: 100,
        valAxisMajorUnit: 25,
        showValue: true,
        dataLabelFontSize: 10,
        dataLabelFormatCode: '0.0',
        showLegend: false,
        showTitle: true,
        title: facts.quarter.running ? 'Areas so far' : "Areas at the quarter's end",
        titleFontFace: brand.fonts.heading,
        titleFontSize: 13,
        showValAxisTitle: true,
        valAxisTitle: 'Score (0 to 100)',
        valAxisTitleFontSize: 10,
        catAxisLabelFontSize: 10,
        valAxisLabelFontSize: 9,
      },
    );
}

function addParagraphs(
  slide: Slide,
  brand: DeckBrand,
  paragraphs: string[],
  style: { bullet?: boolean; italic?: boolean },
  box: { x: number; y: number; w: number; h: number },
) {
  const spaceAfter = 8;
  // Bullets are indented: measure them in the narrower column they get.
  const column = { ...box, w: box.w - (style.bullet ? 0.4 : 0) };
  const fit = (ps: string[]) => fittingSize(ps, column, 16, 10, spaceAfter);
  // Too many to fit at the smallest size: the first ones that do; the document has them all.
  let shown = paragraphs;
  let size = fit(shown);
  while (!size && shown.length > 1) {
    shown = shown.slice(0, -1);
    size = fit(shown);
  }
  const texts = size ? shown : [cutToFit(shown[0]!, column, 10)];
  slide.addText(
    texts.map((p) => ({
      text: p,
      options: { bullet: style.bullet ?? false, breakLine: true, paraSpaceAfter: spaceAfter },
    })),
    {
      ...box,
      fontFace: brand.fonts.body,
      fontSize: size ?? 10,
      italic: style.italic ?? false,
      color: brand.colors.text,
      valign: 'top',
      margin: inset * 72,
    },
  );
}

function addSection(pptx: PptxGenJS, slide: Slide, brand: DeckBrand, facts: QbrFacts, section: OutlineSection) {
  addTitle(slide, brand, section.title);
  const hasBody =
    section.key === 'health' || (section.table?.length ?? 0) > 1 || section.quotes?.length || section.bullets?.length;
  addFittedText(
    slide,
    section.text,
    { x: margin, y: 1.2, w: contentW, h: hasBody ? body.y - 1.3 : body.bottom - 1.2 },
    {
      fontFace: brand.fonts.body,
      color: brand.colors.text,
      maxPt: hasBody ? 16 : 20,
      minPt: 10,
    },
  );
  const area = { x: margin, y: body.y, w: contentW, h: body.bottom - body.y };
  if (section.key === 'health') healthCharts(pptx, slide, brand, facts);
  if (section.table) addTable(slide, brand, section.table, body.y, area.h);
  if (section.quotes?.length)
    addParagraphs(
      slide,
      brand,
      section.quotes.map((q) => `“${q.text}”${q.by ? ` (${q.by})` : ''}`),
      { italic: true },
      area,
    );
  if (section.bullets?.length) addParagraphs(slide, brand, section.bullets, { bullet: true }, area);
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
  const logoW = brand.logo ? Math.min(1.8, 0.6 * brand.logo.aspect) : 0;
  const logo = brand.logo
    ? [
        {
          image: {
            x: wide.w - margin - logoW,
            y: 0.3,
            w: logoW,
            h: logoW / brand.logo.aspect,
            data: `${brand.logo.mime};base64,${brand.logo.base64}`,
          },
        },
      ]
    : [];
  pptx.defineSlideMaster({
    title: 'QBR',
    background: { color: brand.colors.background },
    objects: [...logo, { rect: { x: 0, y: wide.h - 0.15, w: wide.w, h: 0.15, fill: { color: brand.colors.primary } } }],
    slideNumber: { x: wide.w - 0.9, y: wide.h - 0.5, w: 0.5, h: 0.3, fontSize: 9, color: '808080' },
  });
  const footer = (slide: Slide) =>
    addFittedText(
      slide,
      outline.asOfLine,
      { x: margin, y: wide.h - 0.55, w: 9, h: 0.35 },
      {
        fontFace: brand.fonts.body,
        color: '606060',
        maxPt: 10,
        minPt: 8,
      },
    );
  const notes = `${outline.asOfLine} ${outline.preparedLine}.`;

  const title = pptx.addSlide({ masterName: 'QBR' });
  const text = { fontFace: brand.fonts.body, color: brand.colors.text };
  addFittedText(
    title,
    facts.account.name,
    { x: 0.8, y: 2.0, w: wide.w - 1.6, h: 1.2 },
    {
      fontFace: brand.fonts.heading,
      color: brand.colors.primary,
      maxPt: 40,
      minPt: 24,
      bold: true,
    },
  );
  addFittedText(
    title,
    outline.subtitle,
    { x: 0.8, y: 3.3, w: wide.w - 1.6, h: 0.8 },
    { ...text, maxPt: 20, minPt: 14 },
  );
  addFittedText(
    title,
    outline.asOfLine,
    { x: 0.8, y: 4.2, w: wide.w - 1.6, h: 0.5 },
    { ...text, maxPt: 14, minPt: 10 },
  );
  addFittedText(
    title,
    outline.preparedLine,
    { x: 0.8, y: 4.8, w: wide.w - 1.6, h: 0.5 },
    {
      ...text,
      color: '606060',
      maxPt: 12,
      minPt: 10,
    },
  );
  title.addNotes(notes);

  for (const section of outline.sections) {
    const slide = pptx.addSlide({ masterName: 'QBR' });
    addSection(pptx, slide, brand, facts, section);
    footer(slide);
    slide.addNotes(notes);
  }
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}
