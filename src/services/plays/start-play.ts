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
): Promise<{ created: boolean; runId: string; tasks: TaskView[] }> {
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
  return { ...started, tasks: run?.tasks ?? [] };
}
