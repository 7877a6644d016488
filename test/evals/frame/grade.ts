import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { renderReplyAsText } from '../../../src/channels/shell/render-reply.js';
import { handleMessage, type ConversationDeps } from '../../../src/conversation/handle-message.js';
import type { Reply } from '../../../src/replies/reply.js';
import type { Role } from '../../../src/services/access/actor.js';

// The question-answer eval of issue 37 (format: FRAME_EVAL_FORMAT.md, shared with the writer of
// heldout.jsonl): every line asked through the real handleMessage path by its demo person, graded on
// the reply's text. WRONG is an answer for another scope; NOT ANSWERED is a miss, never a wrong one.

export const evalLine = z.object({
  id: z.string().min(1),
  thread: z.string().min(1).optional(),
  turn: z.number().int().min(1).optional(),
  asker: z.string().min(3),
  question: z.string().min(1),
  style: z.string().optional(),
  expect: z.object({
    kind: z.enum(['answer', 'cannot-apply', 'clarify']),
    mustContain: z.array(z.string()).optional(),
    mustNotContain: z.array(z.string()).optional(),
    mustName: z.array(z.string()).optional(),
    note: z.string().optional(),
  }),
});
export type EvalLine = z.output<typeof evalLine>;
export type Grade = 'RIGHT' | 'WRONG' | 'NOT ANSWERED';

/** The lines of a JSONL file, each checked; a bad line fails loudly with its number. */
export function readEvalFile(path: string): EvalLine[] | undefined {
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((l, i) => ({ l: l.trim(), n: i + 1 }))
    .filter(({ l }) => l && !l.startsWith('//'));
  const parsed = lines.map(({ l, n }) => {
    const result = evalLine.safeParse(JSON.parse(l));
    if (!result.success) throw new Error(`${path}:${n}: ${z.prettifyError(result.error)}`);
    return result.data;
  });
  const ids = new Set<string>();
  for (const line of parsed) {
    if (ids.has(line.id)) throw new Error(`${path}: id ${line.id} is used twice`);
    ids.add(line.id);
  }
  return parsed;
}

/** "a|b": any of the alternatives, case-insensitive. */
const holds = (text: string, wanted: string) =>
  wanted.split('|').some((alternative) => text.includes(alternative.toLowerCase()));

/** A reply that asks back rather than answers: a question with choices and no figures. */
export function isClarification(reply: Reply): boolean {
  return (
    !reply.table &&
    !reply.facts?.length &&
    !reply.bars?.length &&
    /\?|did you mean|which one|one of these/i.test(reply.headline)
  );
}

export function grade(line: EvalLine, reply: Reply): Grade {
  const text = renderReplyAsText(reply).toLowerCase();
  const { kind, mustContain = [], mustNotContain = [], mustName = [] } = line.expect;
  if (mustNotContain.some((s) => holds(text, s))) return 'WRONG';
  if (kind === 'clarify') return isClarification(reply) ? 'RIGHT' : 'WRONG';
  const contains = mustContain.every((s) => holds(text, s));
  if (kind === 'answer') return contains ? 'RIGHT' : 'NOT ANSWERED';
  return contains && mustName.every((s) => holds(text, s)) ? 'RIGHT' : 'NOT ANSWERED';
}

export interface GradedLine {
  line: EvalLine;
  grade: Grade;
  reply: string;
}

/**
 * Asks every line through handleMessage: a thread's lines in turn order in one conversation (its
 * thread id), each other line in a conversation of its own. The asker is the demo person with that email.
 */
export async function runEval(deps: ConversationDeps, lines: EvalLine[]): Promise<GradedLine[]> {
  const people = new Map(
    (await deps.prisma.user.findMany({ select: { id: true, email: true, role: true } })).map((u) => [u.email, u]),
  );
  const ordered = [...lines].sort((a, b) => (a.thread && a.thread === b.thread ? (a.turn ?? 0) - (b.turn ?? 0) : 0));
  const results: GradedLine[] = [];
  for (const line of ordered) {
    const person = people.get(line.asker);
    if (!person) throw new Error(`line ${line.id}: no demo person has the email ${line.asker}`);
    const reply = await handleMessage(deps, {
      text: line.question,
      channel: 'slack',
      conversationKey: `eval:${line.thread ?? line.id}`,
      actor: {
        role: person.role.toLowerCase() as Role,
        userId: person.id,
        chatIdentity: `eval-${person.email}`,
        external: false,
        place: 'dm',
      },
    });
    results.push({ line, grade: grade(line, reply), reply: renderReplyAsText(reply) });
  }
  return results;
}

/** RIGHT / WRONG / NOT ANSWERED counts, and every line that was not right with what Tend said. */
export function report(name: string, results: GradedLine[]): string {
  const count = (g: Grade) => results.filter((r) => r.grade === g).length;
  const pct = (n: number) => `${Math.round((n / Math.max(1, results.length)) * 1000) / 10} %`;
  const misses = results
    .filter((r) => r.grade !== 'RIGHT')
    .map(
      (r) =>
        `${r.grade.padEnd(12)} ${r.line.id} [${r.line.asker}] ${r.line.question}\n    expected: ${JSON.stringify(r.line.expect)}\n    reply: ${r.reply.split('\n').slice(0, 4).join(' | ').slice(0, 400)}`,
    );
  return [
    `${name}: RIGHT ${count('RIGHT')} (${pct(count('RIGHT'))}), WRONG ${count('WRONG')}, NOT ANSWERED ${count('NOT ANSWERED')} of ${results.length}`,
    ...misses,
  ].join('\n');
}
