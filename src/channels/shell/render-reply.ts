import { sparkline } from '../../charts/sparkline.js';
import type { Reply } from '../../replies/reply.js';

const mark: Record<Reply['tone'], string> = { info: '•', good: '✓', warning: '!', critical: '‼', error: '×' };

function bar(score: number | null): string {
  if (score === null) return 'no data   ';
  const filled = Math.round(score / 10);
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

/** A neutral reply as terminal text. */
export function renderReplyAsText(reply: Reply, options: { numberedButtons?: boolean } = {}): string {
  const lines = [`${mark[reply.tone]} ${reply.headline}`];
  if (reply.facts?.length) {
    const width = Math.max(...reply.facts.map((f) => f.label.length));
    for (const f of reply.facts) lines.push(`  ${f.label.padEnd(width)}  ${f.value}`);
  }
  if (reply.bars?.length) {
    const width = Math.max(...reply.bars.map((b) => b.label.length));
    for (const b of reply.bars)
      lines.push(`  ${b.label.padEnd(width)}  ${bar(b.score)} ${b.score ?? ''}${b.note ? `  (${b.note})` : ''}`);
  }
  if (reply.table?.rows.length) {
    const { columns, rows } = reply.table;
    const widths = columns.map((c, i) => Math.min(48, Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length))));
    const fmt = (cells: string[]) =>
      `  ${cells.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
    lines.push(fmt(columns), `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`, ...rows.map(fmt));
  }
  for (const section of reply.sections ?? []) {
    if (section.title) lines.push('', `  ${section.title}:`);
    for (const line of section.lines) lines.push(`    ${line}`);
  }
  if (reply.buttons?.length) {
    lines.push(
      '',
      options.numberedButtons
        ? `  → ${reply.buttons.map((b, i) => `[${i + 1}] ${b.label}`).join('   ')}  (type the number)`
        : `  → ${reply.buttons.map((b) => `[${b.label}] type: ${b.command}`).join('   ')}`,
    );
  }
  if (reply.chart) lines.push('', `  Trend: ${sparkline(reply.chart)}`);
  if (reply.suggestions?.length) lines.push('', `  Try: ${reply.suggestions.map((s) => `"${s}"`).join(', ')}`);
  return lines.join('\n');
}
