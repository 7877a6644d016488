import { z } from 'zod';
import { startPlay } from '../../services/plays/start-play.js';
import { findPlay } from '../../services/plays/find-play.js';
import { intentButton } from '../../replies/reply.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { taskLine } from '../play-replies.js';
import { stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'start play {play} for {account}',
  'run the {play} play on {account}',
  'kick off {play} for {account}',
  'begin the {play} playbook at {account}',
  'open a {play} play for {account}',
  'launch {play} on {account}',
  'start the {play} play with {account}',
  'put {account} on the {play} play',
  'trigger the {play} playbook for {account}',
  'start {play} for {account}',
  'I want to run {play} on {account}',
  'please start play {play} at {account}',
  'can you start the {play} play for {account}',
  'let us run {play} with {account}',
  'start a play for {account}',
];

const verbs = String.raw`^(?:\/tend\s+)?(?:start|run|begin|open|kick off|launch|trigger)(?: the| a)?`;
const playFor = (text: string) => {
  const m =
    new RegExp(String.raw`${verbs} play (.+?) (?:for|on|at|with) (.+?)[.!?]?$`, 'i').exec(text) ??
    new RegExp(String.raw`${verbs} (.+?) (?:play|playbook) (?:for|on|at|with) (.+?)[.!?]?$`, 'i').exec(text);
  return m ? { play: m[1]!.trim(), account: stripAccount(m[2]!) } : undefined;
};

/** "start play low-usage for Acme", or the Start play button of an alert or a next-steps answer. */
export default defineIntent({
  name: 'start_play',
  examples: examples.map((e) => e.replaceAll('{play}', 'low-usage')),
  fromText: (phrase) => playFor(phrase.text),
  args: z.object({ play: z.string().trim().min(1).max(120), account: accountText }),
  verbs: ['start'],
  access: 'writer',
  help: { group: 'Record', order: 45, line: 'start play <play> for <account>: open its tasks (tend plays list)' },
  rules: [
    {
      priority: 39,
      match: ({ text }) => playFor(text),
    },
  ],
  async handle(context, args) {
    const { deps, actor, now } = context;
    const found = await accountOrReply(
      context,
      args.account,
      sameRequestFor('start_play', `start play ${args.play} for`, { play: args.play }),
    );
    if (found.reply) return found.reply;
    const { account } = found;
    const match = await findPlay(deps.prisma, args.play);
    if (match.kind === 'none')
      return {
        headline: `No play "${args.play}".${match.suggestions.length ? ` Did you mean ${match.suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`,
        tone: 'error',
        buttons: match.suggestions.map((s) =>
          intentButton(s, `start play ${s} for ${account.name}`, 'start_play', { play: s, account: account.name }),
        ),
      };
    if (match.kind === 'ambiguous')
      return {
        headline: `Which play for ${account.name}?`,
        tone: 'info',
        buttons: match.plays.map((p) =>
          intentButton(p.name.slice(0, 60), `start play ${p.id} for ${account.name}`, 'start_play', {
            play: p.id,
            account: account.name,
          }),
        ),
      };
    const run = await startPlay(deps.prisma, actor, { accountId: account.id, play: match.play }, now);
    // Redraw the alerts that offered this play, so their Start play button gives way to "(running)".
    if (run.created) for (const id of run.alertIds) await deps.onAlertChanged?.(id);
    return {
      headline: run.created
        ? `Started ${match.play.name} for ${account.name}: ${run.tasks.length} steps`
        : `${match.play.name} is already running for ${account.name}`,
      tone: run.created ? 'good' : 'info',
      sections: [{ lines: run.tasks.map((t) => taskLine(t, now)) }],
      suggestions: [`what should I do about ${account.name}`, 'my tasks'],
    };
  },
});
