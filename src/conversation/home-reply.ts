import { AccessDenied, assertCanRead, type Actor } from '../services/access/actor.js';
import { bookOf } from '../services/portfolio/portfolio-queries.js';
import { openTasksOf } from '../services/plays/play-views.js';
import { taskLine } from './play-replies.js';
import { intentButton, type Reply } from '../replies/reply.js';
import type { ConversationDeps } from './conversation-deps.js';
import { appendTo } from '../core/collections/append-to.js';

/** A person's home: their book by band, open alerts and renewals due in 90 days. */
export async function homeReply(deps: ConversationDeps, actor: Actor): Promise<Reply> {
  try {
    assertCanRead(actor);
  } catch (error) {
    if (error instanceof AccessDenied) return { headline: error.message, tone: 'info' };
    throw error;
  }
  if (!actor.userId)
    return {
      headline: 'You have no accounts in Tend.',
      tone: 'info',
      sections: [
        {
          lines: [
            'Your Tend admin links you by email when you are imported as a user (users.csv); until then you can still ask about any account.',
          ],
        },
      ],
      suggestions: ['at-risk', 'renewals 90', 'portfolio all'],
    };
  const [book, tasks] = await Promise.all([
    bookOf(deps.prisma, { ownerId: actor.userId, now: deps.now(), renewalDays: 90 }),
    openTasksSection(deps, actor),
  ]);
  const byBand = new Map<string, string[]>();
  for (const a of book.accounts) {
    const band = a.bandLabel ?? (a.insufficientData ? 'Not enough data to score' : 'Not scored yet');
    appendTo(byBand, band, `${a.name} ${a.overall ?? ''}`.trim());
  }
  const atRisk = book.accounts.filter((a) => a.atRisk).length;
  return {
    headline: `Your book: ${book.accounts.length} accounts, ${atRisk} at risk`,
    tone: atRisk ? 'warning' : 'good',
    sections: [
      ...(tasks ? [tasks] : []),
      ...[...byBand].map(([band, names]) => ({ title: `${band} (${names.length})`, lines: [names.join(', ')] })),
      {
        title: `Open alerts (${book.openAlerts.length})`,
        lines: book.openAlerts.length
          ? book.openAlerts.map((a) => `${a.severity.toLowerCase()}: ${a.accountName}, ${a.title}`)
          : ['None.'],
      },
      {
        title: `Renewals in the next 90 days (${book.renewals.length})`,
        lines: book.renewals.length
          ? book.renewals.map((r) =>
              `${r.name}: ${r.renewalDate!.toISOString().slice(0, 10)} (${r.daysToRenewal} days), health ${r.overall ?? '?'} ${r.bandLabel ?? ''}`.trim(),
            )
          : ['None.'],
      },
    ],
    buttons: [
      intentButton('My at-risk accounts', 'at-risk mine', 'at_risk', { filter: { mine: true } }),
      intentButton('My renewals', 'renewals 90 mine', 'renewals', { days: 90, mine: true }),
      intentButton('Portfolio', 'portfolio me', 'portfolio', { scope: 'me' }),
      ...(tasks ? [intentButton('My tasks', 'my tasks', 'my_tasks', {})] : []),
    ],
  };
}

/** A person's open play tasks (the five soonest), for their home and their personal chat's greeting. */
export async function openTasksSection(
  deps: ConversationDeps,
  actor: Actor,
): Promise<{ title: string; lines: string[] } | undefined> {
  if (!actor.userId || actor.external || actor.place === 'shared_channel' || actor.role === 'none') return undefined;
  const now = deps.now();
  const { tasks, total } = await openTasksOf(deps.prisma, actor.userId, now, { limit: 5 });
  if (!total) return undefined;
  return {
    title: `Your open tasks (${total})`,
    lines: [
      ...tasks.map((t) => taskLine(t, now, { account: true })),
      ...(total > tasks.length ? [`… and ${total - tasks.length} more: ask "my tasks"`] : []),
    ],
  };
}
