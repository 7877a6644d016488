import { playsForAlert } from '../../core/plays/plays-for-alert.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { loadPlayCatalogue } from './play-catalogue.js';
import { startPlayRun } from './start-play-run.js';

/**
 * Opens the runs of the plays that start with these alerts (`auto` starts), in the transaction that
 * opened the alerts: an alert and its play's tasks exist together or not at all.
 */
export async function startPlaysForAlerts(
  db: DbClient,
  alerts: readonly { id: string; accountId: string; kind: string }[],
  now: Date,
): Promise<number> {
  if (!alerts.length) return 0;
  const { plays } = await loadPlayCatalogue(db);
  let started = 0;
  for (const alert of alerts)
    for (const { play, auto } of playsForAlert(alert.kind, plays)) {
      if (!auto) continue;
      const run = await startPlayRun(
        db,
        { accountId: alert.accountId, play, startedBy: alert.kind, alertId: alert.id },
        now,
      );
      if (run.created) started++;
    }
  return started;
}
