import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasLibreOffice, officeParts } from '../support/office-files.js';
import { deckLayoutProblems, documentLayoutProblems, hasPdftotext } from '../support/office-layout.js';
import { runTend } from '../support/run-tend.js';

// The client deck and document as a CSM and the client's executive open them: written by the real
// CLI for a healthy, an at-risk and a new account of one seeded demo, rendered once by LibreOffice,
// every text run read back. What the account team alone should read is in the brief, not here.
const dir = mkdtempSync(join(tmpdir(), 'tend-qbr-'));
const env = { TEND_DATA_DIR: join(dir, 'db'), LOG_LEVEL: 'warn' };
const today = '2026-12-07';
const now = `${today}T10:00:00Z`;

async function run(args: string[]) {
  const p = runTend(args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

const accounts = {
  healthy: { name: 'Acme Corp', quarter: '2026Q3', asOf: "Figures as of the quarter's end, 2026-09-30." },
  atRisk: { name: 'Copperleaf Networks', quarter: '2026Q3', asOf: "Figures as of the quarter's end, 2026-09-30." },
  // Its contract started this quarter: by default the review is of the quarter it has data for, so far.
  new: {
    name: 'Tailspin Systems',
    quarter: '2026Q4',
    asOf: `The quarter is still running: figures are so far, as of ${today}.`,
  },
};
type Which = keyof typeof accounts;

interface Rendered {
  /** Every text run of the slides and their notes, and of the document. */
  deckText: string;
  docText: string;
  charts: number;
  deckProblems: string[];
  docProblems: string[];
  docTables: string[][][];
}

/** The tables of a Word document, as rows of cell texts. */
async function docxTables(file: string): Promise<string[][][]> {
  const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
  const text = (s: string) => [...s.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!)),
    ),
  );
}

const rendered = {} as Record<Which, Rendered>;
let brief = '';

// Internal wording a client must never read: play and trigger language, severities, fact ids, raw
// metric keys, and how the text was made.
const internal = [
  /\bplays?\b/i,
  /\btrigger/i,
  /\((?:High|Medium|Low)\)/,
  /\bseverity\b/i,
  /\b(?:template|LLM|fact sheet|draft)\b/i,
  /\bmodel\b/i,
  /\b[a-z]+\.[a-z][\w-]*(?:\.[\w-]+)*\b/, // fact ids: health.end, goals.0.progress
  /\b[a-z]+_[a-z_]+\b/, // raw keys: dau_pct
  /\[|\]/,
  /\b(?:now|today|currently)\b/i,
];
/** The client's own words (quotes) are theirs: checked for nothing. */
const withoutQuotes = (text: string) => text.replace(/“[^”]*”/g, '');

if (!hasLibreOffice || !hasPdftotext)
  console.warn(
    'LibreOffice (soffice) or pdftotext (poppler-utils) is not installed: the QBR deck e2e test is skipped.',
  );

describe.skipIf(!hasLibreOffice || !hasPdftotext)('QBR client decks and documents, and the internal brief', () => {
  beforeAll(async () => {
    expect((await run(['seed', '--demo', '--accounts', '30', '--today', today])).code).toBe(0);
    for (const [which, account] of Object.entries(accounts) as [Which, (typeof accounts)[Which]][]) {
      const pptx = join(dir, `${which}.pptx`);
      const docx = join(dir, `${which}.docx`);
      const made = await run(['qbr', account.name, '--now', now, '--pptx', pptx, '--docx', docx]);
      expect(made.code, made.output).toBe(0);
      const deck = await officeParts(pptx, /^ppt\/(?:slides\/slide|notesSlides\/notesSlide)\d+\.xml$/);
      const doc = await officeParts(docx, /^word\/document\.xml$/);
      const layout = documentLayoutProblems(docx);
      rendered[which] = {
        deckText: deck.texts.join('\n'),
        docText: doc.texts.join('\n'),
        charts: deck.parts.filter((p) => /^ppt\/charts\/chart\d+\.xml$/.test(p)).length,
        deckProblems: await deckLayoutProblems(pptx),
        docProblems: layout.problems,
        docTables: await docxTables(docx),
      };
    }
    brief = (await run(['qbr', accounts.atRisk.name, '--now', now, '--brief'])).output;
  }, 900_000);

  it('holds no play, trigger, severity, fact id, model or template wording, and none of the brief’s risks', () => {
    const internalLines = brief
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2));
    const risks = brief.split('## Risks as Tend sees them')[1]!.split('## Recommendations')[0]!;
    expect(risks).toMatch(/- .+/); // the at-risk account has risks, so the check below checks something
    for (const which of Object.keys(accounts) as Which[]) {
      for (const text of [rendered[which].deckText, rendered[which].docText]) {
        const client = withoutQuotes(text);
        for (const pattern of internal) expect(client, `${which}: ${pattern}`).not.toMatch(pattern);
        for (const line of internalLines.filter((l) => !l.startsWith('Raise with the client')))
          expect(client, which).not.toContain(line);
      }
    }
  });

  it('states every figure as of the quarter’s end, or so far for the running quarter, saying which', async () => {
    for (const which of Object.keys(accounts) as Which[]) {
      const { name, quarter, asOf } = accounts[which];
      expect(rendered[which].deckText).toContain(`${name}`);
      expect(rendered[which].deckText).toContain(`Quarterly business review, ${quarter}`);
      expect(rendered[which].deckText).toContain(asOf);
      expect(rendered[which].docText).toContain(asOf);
    }
    // The health the deck states is the score at the quarter's end, not today's.
    const atEnd = JSON.parse(
      (await run(['score', '--account', accounts.atRisk.name, '--json', '--now', '2026-09-30T23:59:59Z'])).output,
    );
    const todays = JSON.parse((await run(['score', '--account', accounts.atRisk.name, '--json', '--now', now])).output);
    expect(atEnd.overall).not.toBe(todays.overall);
    expect(rendered.atRisk.deckText).toContain(`${atEnd.overall} out of 100 (${atEnd.band.label})`);
    expect(rendered.atRisk.deckText).not.toContain(`${todays.overall} out of 100`);
  });

  it('gives every goal a status that agrees with its progress', () => {
    const goals = rendered.atRisk.docTables.find((t) => t[0]?.[0] === 'Goal');
    expect(goals, 'the at-risk account has a success plan').toBeDefined();
    expect(goals![0]).toEqual(['Goal', 'KPI', 'Baseline', 'Target', 'At quarter end', 'Progress', 'Status', 'Due']);
    for (const [, , , , value, progress, status] of goals!.slice(1)) {
      if (progress === '—') {
        expect(status).toBe('not measured');
        continue;
      }
      expect(value).not.toBe('—');
      const p = Number(progress!.replace('\u2212', '-').replace('%', ''));
      if (p >= 100) expect(status).toBe('achieved');
      else if (status !== 'missed') expect(status).toBe(p < 0 ? 'moving away from target' : 'in progress');
    }
  });

  it('renders every slide and page with no text outside its box or over other text, and draws the weekly trend', () => {
    for (const which of Object.keys(accounts) as Which[]) {
      expect(rendered[which].deckProblems, which).toEqual([]);
      expect(rendered[which].docProblems, which).toEqual([]);
      // The weekly health trend and the areas' bars.
      expect(rendered[which].charts, which).toBe(2);
    }
  });

  it('prints the internal brief: talking points, the risks as Tend sees them, plays and sources', () => {
    expect(brief).toContain(`# QBR prep: ${accounts.atRisk.name}, 2026Q3`);
    expect(brief).toContain('Internal: for the account team, not the client.');
    for (const section of ['## Talking points', '## Risks as Tend sees them', '## Plays', '## Sources'])
      expect(brief).toContain(section);
    expect(brief).toMatch(/Renewal on \d{4}-\d{2}-\d{2}: in \d+ days from today \(2026-12-07\)/);
    expect(brief).toMatch(/- health score: [\d.]+ score \[health\.end\]/);
    expect(brief).toContain("Tend's template, not a model (no LLM is configured)");
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
    const [, written, total] = /Wrote QBRs for (\d+) of (\d+) active accounts, 2026Q3/.exec(all.output)!;
    expect(Number(written)).toBeGreaterThan(0);
    expect(Number(written)).toBeLessThanOrEqual(Number(total));
    const files = readdirSync(out).filter((f) => f.endsWith('.pptx'));
    expect(files, all.output).toHaveLength(Number(written));
    expect(files).toEqual(expect.arrayContaining(['zeta-corp-2026q3-acc-0002.pptx', 'zeta-corp-2026q3-acc-0003.pptx']));
    expect(files.find((f) => f.startsWith('very-long-name'))).toMatch(/^very-long-name[a-z-]+-2026q3\.pptx$/);
    expect(Math.max(...files.map((f) => f.length))).toBeLessThan(100);
  });
});
