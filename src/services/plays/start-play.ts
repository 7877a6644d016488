import type { Play } from '../../core/plays/play-schema.js';
import type { PrismaClient } from '../../db/client.js';
import { assertCanWrite, type Actor } from '../access/actor.js';
import { openRunsOf, type TaskView } from './play-views.js';
import { startPlayRun } from './start-play-run.js';

/** A person starts a play on an account (chat, a button, MCP): the run's tasks, new or already open. */
export async function startPlay(
  prisma: PrismaClient,
  actor: Actor,
  input: { accountId: string; play: Play; alertId?: string },
  now: Date,
): Promise<{ created: boolean; runId: string; tasks: TaskView[]; alertIds: string[] }> {
  assertCanWrite(actor);
  const started = await prisma.$transaction((tx) =>
    startPlayRun(
      tx,
      {
        accountId: input.accountId,
        play: input.play,
        startedBy: 'manual',
        startedById: actor.userId ?? null,
        alertId: input.alertId ?? null,
      },
      now,
    ),
  );
  const run = (await openRunsOf(prisma, input.accountId)).find((r) => r.id === started.runId);
  // The account's open alerts: their messages offer "Start play" until they are drawn again.
  const alerts = await prisma.alert.findMany({
    where: { accountId: input.accountId, state: { not: 'RESOLVED' } },
    select: { id: true },
  });
  return { ...started, tasks: run?.tasks ?? [], alertIds: alerts.map((a) => a.id) };
}
