import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasLibreOffice, officeParts, pdfPagesOf } from '../support/office-files.js';
import { runTend } from '../support/run-tend.js';

// The deck and the document as a CSM and a manager open them: written by the real CLI, opened and
// converted to PDF by LibreOffice, their figures compared with `tend score --json`.
const dir = mkdtempSync(join(tmpdir(), 'tend-qbr-'));
const env = { TEND_DATA_DIR: join(dir, 'db'), LOG_LEVEL: 'warn' };
const now = '2026-09-14T09:00:00Z';

async function run(args: string[]) {
  const p = runTend(args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

if (!hasLibreOffice) console.warn('LibreOffice (soffice) is not installed: the QBR deck e2e test is skipped.');

describe.skipIf(!hasLibreOffice)('QBR decks and documents', () => {
  it('opens in an office suite with a native chart, and states the figures tend score gives', async () => {
    expect((await run(['seed', '--demo', '--accounts', '30', '--today', '2026-09-14'])).code).toBe(0);
    const pptx = join(dir, 'acme-q3.pptx');
    const docx = join(dir, 'acme-q3.docx');
    const made = await run(['qbr', 'Acme', '--quarter', '2026Q3', '--now', now, '--pptx', pptx, '--docx', docx]);
    expect(made.code, made.output).toBe(0);
    expect(made.output).toContain(`Wrote ${pptx}, ${docx} (template draft: no LLM is configured)`);
    const score = JSON.parse((await run(['score', '--account', 'Acme', '--json', '--now', now])).output);

    const deck = await officeParts(pptx, /^ppt\/slides\/slide\d+\.xml$/);
    expect(deck.parts.filter((p) => /^ppt\/charts\/chart\d+\.xml$/.test(p)).length).toBeGreaterThanOrEqual(1);
    expect(deck.texts).toHaveLength(9);
    const [title, summary] = deck.texts;
    expect(title).toContain(score.account.name);
    expect(summary).toContain(`${score.overall} (${score.band.label})`);
    expect(summary).toContain(score.account.renewalDate);
    const notes = await officeParts(pptx, /^ppt\/notesSlides\/notesSlide\d+\.xml$/);
    expect(notes.texts[0]).toContain("Tend's template, not a model (no LLM is configured)");
    expect(notes.texts[1]).toMatch(/health score: [\d.]+ score \[health\.end\]/);
    expect(pdfPagesOf(pptx)).toBe(9);

    const doc = await officeParts(docx, /^word\/document\.xml$/);
    expect(doc.texts[0]).toContain(score.account.name);
    expect(doc.texts[0]).toContain(`${score.overall} (${score.band.label})`);
    expect(doc.texts[0]).toContain(score.account.renewalDate);
    expect(pdfPagesOf(docx)).toBeGreaterThanOrEqual(2);
  });

  it('writes one deck per active account with --all, each to its own file', async () => {
    // Three demo accounts renamed: two names that read the same as a file name, and a 3,000-character one.
    const csv = join(dir, 'lookalikes.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      csv,
      'external_id,name,segment,tier,lifecycle_stage,arr,currency,status\n' +
        'acc-0002,Zeta Corp,standard,professional,adoption,50000,USD,active\n' +
        'acc-0003,"Zeta, Corp.",standard,professional,adoption,60000,USD,active\n' +
        `acc-0004,${'Very Long Name '.repeat(200).trim()},standard,professional,adoption,70000,USD,active\n`,
    );
    const imported = await run(['import', csv, '--kind', 'accounts']);
    expect(imported.code, imported.output).toBe(0);
    const out = join(dir, 'decks');
    const all = await run(['qbr', '--all', '--quarter', '2026Q3', '--now', now, '--pptx', out]);
    expect(all.code, all.output).toBe(0);
    expect(all.output).toMatch(/Wrote QBRs for \d+ of \d+ active accounts, 2026Q3/);
    const [, written, total] = /Wrote QBRs for (\d+) of (\d+)/.exec(all.output)!;
    expect(Number(written)).toBeGreaterThan(0);
    expect(Number(written)).toBeLessThanOrEqual(Number(total));
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(out).filter((f) => f.endsWith('.pptx'));
    expect(files, all.output).toHaveLength(Number(written));
    expect(files).toEqual(expect.arrayContaining(['zeta-corp-2026q3-acc-0002.pptx', 'zeta-corp-2026q3-acc-0003.pptx']));
    expect(files.find((f) => f.startsWith('very-long-name'))).toMatch(/^very-long-name[a-z-]+-2026q3\.pptx$/);
    expect(Math.max(...files.map((f) => f.length))).toBeLessThan(100);
  });
});
