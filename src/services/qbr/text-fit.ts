// Text sized to its box before the deck is written: an office suite does not shrink text the same
// way everywhere, so the deck picks a font size at which every line fits, measured with a
// conservative average glyph width of the sans-serif fonts decks use (Liberation Sans, Arial,
// Calibri are narrower than this on average text).

/** Average advance of a character, in ems; wide enough for capitals and digits. */
const glyphEm = 0.56;
/** Line height, in ems, as office suites lay out single-spaced text. */
const lineEm = 1.25;

/** How many lines `text` takes at `fontPt` in a box `widthIn` inches wide (word wrap). */
export function linesOf(text: string, fontPt: number, widthIn: number): number {
  const perLine = Math.max(1, Math.floor((widthIn * 72) / (fontPt * glyphEm)));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const need = word.length + (line ? 1 : 0);
      if (line + need <= perLine) line += need;
      else if (word.length <= perLine) {
        lines++;
        line = word.length;
      } else {
        // A word longer than a line breaks across lines.
        lines += Math.ceil((line + need) / perLine) - 1;
        line = (line + need) % perLine;
      }
    }
  }
  return lines;
}

/** Height in inches of `lines` lines at `fontPt`. */
export const heightOf = (lines: number, fontPt: number) => (lines * fontPt * lineEm) / 72;

/** Inner margins of a text box or table cell, inches (pptxgenjs and office suites: 0.1 each side). */
export const inset = 0.1;

/**
 * The largest font size from `maxPt` down to `minPt` at which `paragraphs` fit a box of `w` by `h`
 * inches (with its margins), or undefined when none does.
 */
export function fittingSize(
  paragraphs: string[],
  box: { w: number; h: number },
  maxPt: number,
  minPt: number,
  spaceAfterPt = 0,
): number | undefined {
  for (let pt = maxPt; pt >= minPt; pt -= 0.5) {
    const lines = paragraphs.reduce((n, p) => n + linesOf(p, pt, box.w - 2 * inset), 0);
    if (heightOf(lines, pt) + (spaceAfterPt * paragraphs.length) / 72 <= box.h - 2 * inset) return pt;
  }
  return undefined;
}

/** Cuts text to fit at the smallest size, ending it with an ellipsis: the full text is in the brief. */
export function cutToFit(text: string, box: { w: number; h: number }, pt: number): string {
  if (fittingSize([text], box, pt, pt)) return text;
  const words = text.split(/\s+/);
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fittingSize([`${words.slice(0, mid).join(' ')} …`], box, pt, pt)) lo = mid;
    else hi = mid - 1;
  }
  return `${words.slice(0, lo).join(' ')} …`;
}
