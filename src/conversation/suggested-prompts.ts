import type { Actor } from '../services/access/actor.js';
import { activeAccountCount } from '../services/portfolio/portfolio-queries.js';
import { worstMover } from '../services/portfolio/worst-mover.js';
import type { ConversationDeps } from './conversation-deps.js';

export interface SuggestedPrompt {
  /** What the button says. */
  title: string;
  /** What it asks, as if typed. */
  message: string;
}

/**
 * Prompts chosen from the asker's own book: their worst mover first, then their renewals and risks;
 * managers also get the health score's track record. At most four (Slack shows four).
 */
export async function suggestedPrompts(deps: ConversationDeps, actor: Actor): Promise<SuggestedPrompt[]> {
  const prompts: SuggestedPrompt[] = [];
  if (actor.userId) {
    const mover = await worstMover(deps.prisma, actor.userId, deps.now());
    if (mover) prompts.push({ title: `Why did ${mover.name} drop?`, message: `why did ${mover.name} drop?` });
    prompts.push(
      { title: 'Renewals in the next 60 days', message: 'which of my accounts renew in the next 60 days?' },
      { title: 'My at-risk accounts', message: 'at-risk mine' },
    );
  } else
    prompts.push(
      { title: 'At-risk accounts', message: 'at-risk' },
      { title: 'Renewals in 60 days', message: 'renewals 60' },
    );
  if (actor.role === 'manager' || actor.role === 'admin')
    prompts.push({ title: 'How good is our health score?', message: 'how good is our health score?' });
  else prompts.push({ title: 'My portfolio', message: 'portfolio me' });
  return prompts.slice(0, 4);
}

/** What Tend says while it works on a slow answer ("is scoring 42 accounts…": the active book it reads). */
export async function workingStatus(deps: ConversationDeps, _actor: Actor, slow: boolean): Promise<string> {
  if (!slow) return 'is looking it up…';
  const accounts = await activeAccountCount(deps.prisma);
  return `is scoring ${accounts} account${accounts === 1 ? '' : 's'}…`;
}
