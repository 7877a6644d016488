import { playsForAlert } from '../../core/plays/plays-for-alert.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { loadPlayCatalogue } from './play-catalogue.js';
import { startPlayRuns } from './start-play-run.js';

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
  const starting = alerts.flatMap((alert) =>
    playsForAlert(alert.kind, plays)
      .filter((p) => p.auto)
      .map(({ play }) => ({ accountId: alert.accountId, play, startedBy: alert.kind, alertId: alert.id })),
  );
  // The same play twice for one account in one batch (two alerts naming it): the first opens it.
  const seen = new Set<string>();
  const unique = starting.filter(
    (s) => !seen.has(`${s.accountId}:${s.play.id}`) && seen.add(`${s.accountId}:${s.play.id}`),
  );
  const runs = await startPlayRuns(db, unique, now);
  return runs.filter((r) => r.created).length;
}
