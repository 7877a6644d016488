import type { Reply } from './reply.js';

// A neutral reply as Markdown, for streamed answers (Slack's chat.startStream / appendStream and
// Teams' streaming take text, not blocks). The same reply always renders to the same text.

const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The reply in parts, each a piece that can be sent as soon as it is ready. `plain`: no HTML
 * entities, for readers that take the text as it is (an assistant's model), not a chat renderer.
 */
export function replyMarkdownParts(reply: Reply, options: { plain?: boolean } = {}): string[] {
  const escape = options.plain ? (s: string) => s : htmlEscape;
  const parts: string[] = [`**${escape(reply.headline)}**\n`];
  if (reply.facts?.length)
    parts.push(reply.facts.map((f) => `- **${escape(f.label)}:** ${escape(f.value)}`).join('\n') + '\n');
  if (reply.bars?.length)
    parts.push(
      reply.bars
        .map((b) => `- ${escape(b.label)}: ${b.score ?? 'no data'}${b.note ? ` (${escape(b.note)})` : ''}`)
        .join('\n') + '\n',
    );
  if (reply.table?.rows.length) {
    const { columns, rows } = reply.table;
    parts.push(
      [
        `| ${columns.map(escape).join(' | ')} |`,
        `| ${columns.map(() => '---').join(' | ')} |`,
        ...rows.map((r) => `| ${r.map((c) => escape(c).replace(/\|/g, '/')).join(' | ')} |`),
      ].join('\n') + '\n',
    );
  }
  for (const section of reply.sections ?? [])
    parts.push(
      `${section.title ? `**${escape(section.title)}**\n` : ''}${section.lines.map((l) => `- ${escape(l)}`).join('\n')}\n`,
    );
  if (reply.suggestions?.length) parts.push(`_Try: ${reply.suggestions.map((s) => `“${escape(s)}”`).join(', ')}_\n`);
  return parts.map((p, i) => (i === 0 ? p : `\n${p}`));
}

export const replyMarkdown = (reply: Reply, options: { plain?: boolean } = {}): string =>
  replyMarkdownParts(reply, options).join('');
