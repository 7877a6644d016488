import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LineRuleType,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { QbrDraft } from './draft-qbr.js';
import { defaultDeckBrand, type DeckBrand } from './deck-brand.js';
import { qbrOutline, type TableRows } from './qbr-outline.js';

// The QBR as a Word document for the client's managers: the deck's client outline as prose and
// tables, with the weekly scores as a table. Nothing internal: that is the prep brief's.

const cellText = (v: string | number | null) => (v === null ? '—' : String(v));

function table(rows: TableRows, brand: DeckBrand): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: rows.map(
      (row, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: row.map(
            (v) =>
              new TableCell({
                ...(i === 0 ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: brand.colors.primary } } : {}),
                children: [
                  new Paragraph({
                    children: [
                      new TextRun({
                        text: cellText(v),
                        bold: i === 0,
                        size: 18,
                        font: brand.fonts.body,
                        ...(i === 0 ? { color: 'FFFFFF' } : { color: brand.colors.text }),
                      }),
                    ],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

const text = (t: string, brand: DeckBrand, options: { italic?: boolean; size?: number } = {}) =>
  new Paragraph({
    spacing: { after: 160 },
    children: [
      new TextRun({
        text: t,
        font: brand.fonts.body,
        size: options.size ?? 22,
        italics: options.italic ?? false,
        color: brand.colors.text,
      }),
    ],
  });

const heading = (
  t: string,
  brand: DeckBrand,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1,
) =>
  new Paragraph({
    heading: level,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text: t, font: brand.fonts.heading, color: brand.colors.primary, bold: true })],
  });

/** The document as a .docx file. */
export async function buildQbrDocument(draft: QbrDraft, brand: DeckBrand = defaultDeckBrand): Promise<Buffer> {
  const outline = qbrOutline(draft);
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.LEFT,
      // Its own size and spacing: the Title style's fixed line height lets a large name run into the next line.
      spacing: { after: 240, line: 240, lineRule: LineRuleType.AUTO },
      children: [
        new TextRun({
          size: 48,
          text: draft.facts.account.name,
          font: brand.fonts.heading,
          color: brand.colors.primary,
          bold: true,
        }),
      ],
    }),
    text(outline.subtitle, brand, { size: 28 }),
    text(outline.asOfLine, brand, { size: 20 }),
    text(`${outline.preparedLine}.`, brand, { italic: true, size: 18 }),
  ];
  for (const section of outline.sections) {
    body.push(heading(section.title, brand), text(section.text, brand));
    const dims = draft.facts.health.dimensions.filter((d) => d.score !== null);
    if (section.key === 'health' && dims.length)
      body.push(
        table(
          [
            ['Area', draft.facts.quarter.running ? 'Score so far' : "Score at the quarter's end", 'Band'],
            ...dims.map((d) => [d.label, d.score, d.band?.label ?? null]),
          ],
          brand,
        ),
        text('', brand),
      );
    if (section.key === 'health' && draft.facts.health.trend.length)
      body.push(
        table(
          [['Week of', 'Health score (0 to 100)'], ...draft.facts.health.trend.map((p) => [p.date, p.score])],
          brand,
        ),
      );
    if (section.table?.length) body.push(table(section.table, brand));
    for (const q of section.quotes ?? [])
      body.push(text(`“${q.text}”${q.by ? ` (${q.by})` : ''}`, brand, { italic: true }));
    for (const b of section.bullets ?? [])
      body.push(
        new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: b, font: brand.fonts.body, size: 22 })] }),
      );
  }
  const doc = new Document({
    creator: 'Tend',
    title: outline.title,
    styles: { default: { document: { run: { font: brand.fonts.body } } } },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(doc);
}
