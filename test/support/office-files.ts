import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';

/** Whether LibreOffice (Debian's libreoffice-impress / -writer) is installed to open decks and documents. */
export const hasLibreOffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

/** Converts an office file to PDF with LibreOffice headless, as a person's office suite would open it; returns its page count. */
export function pdfPagesOf(file: string): number {
  const out = mkdtempSync(join(tmpdir(), 'tend-pdf-'));
  // Its own profile: a second LibreOffice at the same time would otherwise refuse to start.
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, file],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const pdf = readFileSync(join(out, basename(file).replace(/\.\w+$/, '.pdf'))).toString('latin1');
  return pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e]!);

/** The parts of a zipped office file, and the text of the XML parts matching `pattern`, in order. */
export async function officeParts(file: string, pattern: RegExp): Promise<{ parts: string[]; texts: string[] }> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = Object.keys(zip.files);
  const matching = parts
    .filter((p) => pattern.test(p))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1] ?? 0) - Number(/(\d+)\.xml$/.exec(b)?.[1] ?? 0));
  const texts = await Promise.all(
    matching.map(async (p) =>
      [...(await zip.file(p)!.async('string')).matchAll(/<(?:a|w):t(?:\s[^>]*)?>([^<]*)<\/(?:a|w):t>/g)]
        .map((m) => decodeXml(m[1]!))
        .join(' '),
    ),
  );
  return { parts, texts };
}
