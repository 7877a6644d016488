import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChatTool } from '../llm/llm-client.js';
import type { IntentCall, Reply } from '../replies/reply.js';
import type { IntentDefinition, IntentRule } from './intent.js';
import { phraseOf } from './phrases.js';

// Every file in intents/ is one intent: this module finds them, so adding one is adding a file.
// The parser, the model's tool list, help and the slow flag are all built from them.

const directory = new URL('./intents/', import.meta.url);
const files = readdirSync(fileURLToPath(directory))
  .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
  .sort();
const modules = (await Promise.all(
  files.map((f) => import(pathToFileURL(fileURLToPath(new URL(f, directory))).href)),
)) as {
  default?: IntentDefinition;
}[];

/** Every intent by name. */
export const intents: ReadonlyMap<string, IntentDefinition> = new Map(
  modules.map((m, i) => {
    const intent = m.default;
    if (!intent?.name || typeof intent.handle !== 'function')
      throw new Error(`src/conversation/intents/${files[i]} must export default defineIntent({...})`);
    return [intent.name, intent];
  }),
);
if (intents.size !== files.length)
  throw new Error('Two files in src/conversation/intents declare the same intent name');

/** All rules of all intents, in the order they are tried (priority, then intent name for a stable order). */
const rules: { intent: string; rule: IntentRule<Record<string, unknown>> }[] = [...intents.values()]
  .flatMap((intent) => intent.rules.map((rule) => ({ intent: intent.name, rule })))
  .sort((a, b) => a.rule.priority - b.rule.priority || a.intent.localeCompare(b.intent));

/** The deterministic reading of a message: the first rule that matches, else `unknown`. */
export function parseCall(raw: string): IntentCall {
  const phrase = phraseOf(raw);
  for (const { intent, rule } of rules) {
    const args = rule.match(phrase);
    if (args) return { intent, args };
  }
  return { intent: 'unknown', args: { text: phrase.text } };
}

const explicit = new RegExp(
  `^(?:\\/tend\\s+)?(${[...intents.values()].flatMap((i) => i.verbs ?? []).join('|')})\\b`,
  'i',
);

/** A message that starts with a command word is read by the rules alone, never by the model. */
export function isExplicitCommand(text: string): boolean {
  return explicit.test(text.replace(/<@[^>]+>/g, ' ').trim());
}

/** Read-only tools the model may choose; intents that change data have none. */
export function modelTools(): ChatTool[] {
  return [...intents.values()]
    .filter((i) => i.tool)
    .sort((a, b) => (a.name === 'help' ? 1 : b.name === 'help' ? -1 : (a.help?.order ?? 99) - (b.help?.order ?? 99)))
    .map((i) => ({ name: i.tool!.name, description: i.tool!.description, parameters: i.tool!.parameters }));
}

/** The model's tool choice as an intent call, if the tool exists and its arguments fit the intent. */
export function callFromTool(choice: { name: string; arguments: Record<string, unknown> }): IntentCall | undefined {
  const intent = [...intents.values()].find((i) => i.tool?.name === choice.name);
  if (!intent) return undefined;
  const params = intent.tool!.parameters.safeParse(choice.arguments);
  if (!params.success) return undefined;
  const args = intent.args.safeParse(intent.tool!.toArgs(params.data));
  return args.success ? { intent: intent.name, args: args.data } : undefined;
}

/** Is this intent slow enough that channels should show progress first? */
export const isSlow = (call: IntentCall): boolean => intents.get(call.intent)?.slow === true;

/** A question about the book (what a model may route to), as opposed to a write or a survey answer: worth rating. */
export const answersQuestion = (call: IntentCall): boolean => intents.get(call.intent)?.tool !== undefined;

const groups = ['Ask me', 'Record', 'Customer voice'] as const;

const examples = [
  'how is Acme doing?',
  'why did Globex drop?',
  'which renewals are at risk this quarter?',
  'at-risk enterprise EMEA',
  'portfolio',
];

/** What Tend can do: each intent's help line, grouped. */
export function helpReply(): Reply {
  const withHelp = [...intents.values()].filter((i) => i.help);
  return {
    headline: 'I answer questions about your accounts from their health scores.',
    tone: 'info',
    sections: groups.map((group) => ({
      title: group,
      lines: withHelp
        .filter((i) => i.help!.group === group)
        .sort((a, b) => a.help!.order - b.help!.order)
        .map((i) => i.help!.line),
    })),
    suggestions: examples,
  };
}
