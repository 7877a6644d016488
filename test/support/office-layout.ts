import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';

// Where LibreOffice puts every word of a deck or a document, to find text that spills out of its
// box or runs over other text: the file is converted to PDF as an office suite renders it, the
// words are read back with their positions (pdftotext -bbox), and each is compared with the boxes
// the file declares (every shape, table and chart of the slide and its layout and master).

/** Whether poppler's pdftotext is installed. */
export const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface Word extends Box {
  text: string;
}
export interface RenderedPage {
  width: number;
  height: number;
  words: Word[];
}

/** Converts an office file to PDF with LibreOffice headless (its own profile, so several can run). */
export function pdfOf(file: string): string {
  const out = mkdtempSync(join(tmpdir(), 'tend-pdf-'));
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, file],
    { stdio: 'ignore', timeout: 180_000 },
  );
  return join(out, basename(file).replace(/\.\w+$/, '.pdf'));
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (m, e: string) => entities[e] ?? m);

/** Every word of every page of a PDF with its box, in points from the page's top left. */
export function renderedPages(pdf: string): RenderedPage[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: RenderedPage[] = [];
  for (const page of html.split(/<page /).slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
    const words = [
      ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((m) => ({ x0: +m[1]!, y0: +m[2]!, x1: +m[3]!, y1: +m[4]!, text: decode(m[5]!) }));
    pages.push({ width: +size[1]!, height: +size[2]!, words });
  }
  return pages;
}

const emuPerPt = 12_700;

/** The boxes a part declares: every shape, picture, table and chart frame's position and size, in points. */
function boxesIn(xml: string): Box[] {
  return [...xml.matchAll(/<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => {
    const [x, y, w, h] = [m[1], m[2], m[3], m[4]].map((v) => Number(v) / emuPerPt) as [number, number, number, number];
    return { x0: x, y0: y, x1: x + w, y1: y + h };
  });
}

/** Per slide, in order: the boxes of the slide with those of its layout and master. */
export async function slideBoxes(pptx: string): Promise<Box[][]> {
  const zip = await JSZip.loadAsync(readFileSync(pptx));
  const read = (p: string) => zip.file(p)?.async('string') ?? Promise.resolve('');
  const slides = Object.keys(zip.files)
    .filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const shared = [
    ...(await Promise.all(
      Object.keys(zip.files)
        .filter((p) => /^ppt\/(slideLayouts|slideMasters)\/[^/]+\.xml$/.test(p))
        .map(read),
    )),
  ].flatMap(boxesIn);
  return Promise.all(slides.map(async (p) => [...boxesIn(await read(p)), ...shared]));
}

const inside = (w: Box, b: Box, slack: number) =>
  w.x0 >= b.x0 - slack && w.y0 >= b.y0 - slack && w.x1 <= b.x1 + slack && w.y1 <= b.y1 + slack;

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/** Words that overlap other words by more than a fifth of the smaller one: text running over text. */
export function overlappingWords(words: Word[]): [Word, Word][] {
  const out: [Word, Word][] = [];
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i]!;
      const b = words[j]!;
      const area = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
      if (area > 0 && overlap(a, b) > 0.2 * area) out.push([a, b]);
    }
  return out;
}

/**
 * What is wrong with how a deck renders: per slide, words outside every box the slide declares
 * (text spilling out of its box), outside the page, or over other words.
 */
export async function deckLayoutProblems(pptx: string): Promise<string[]> {
  const pages = renderedPages(pdfOf(pptx));
  const boxes = await slideBoxes(pptx);
  const problems: string[] = [];
  if (pages.length !== boxes.length) problems.push(`${boxes.length} slides rendered as ${pages.length} pages`);
  pages.forEach((page, i) => {
    const slide = boxes[i] ?? [];
    for (const w of page.words) {
      if (w.x0 < 0 || w.y0 < 0 || w.x1 > page.width || w.y1 > page.height)
        problems.push(`slide ${i + 1}: "${w.text}" is off the page`);
      else if (!slide.some((b) => inside(w, b, 2))) problems.push(`slide ${i + 1}: "${w.text}" is outside its box`);
    }
    for (const [a, b] of overlappingWords(page.words))
      problems.push(`slide ${i + 1}: "${a.text}" runs over "${b.text}"`);
  });
  return problems;
}

/** What is wrong with how a document renders: words off the page or over other words. */
export function documentLayoutProblems(docx: string): { pages: number; problems: string[] } {
  const pages = renderedPages(pdfOf(docx));
  const problems: string[] = [];
  pages.forEach((page, i) => {
    for (const w of page.words)
      if (w.x0 < 0 || w.y0 < 0 || w.x1 > page.width || w.y1 > page.height)
        problems.push(`page ${i + 1}: "${w.text}" is off the page`);
    for (const [a, b] of overlappingWords(page.words))
      problems.push(`page ${i + 1}: "${a.text}" runs over "${b.text}"`);
  });
  return { pages: pages.length, problems };
}
