import type { Reply } from '../replies/reply.js';
import type { SourceStatus } from '../services/ingest/sources.js';
import type { DataGap } from '../services/scoring/data-gaps.js';
import { timeAgo } from './time-ago.js';

const when = (d: Date | null, now: Date) => (d ? timeAgo(Math.floor((now.getTime() - d.getTime()) / 60_000)) : 'never');

/** Each data source: state, last success, rows in the last day, errors; stale and stopped ones first. */
export function sourcesReply(
  sources: SourceStatus[],
  now: Date,
  gaps: DataGap[] = [],
  failures: { name: string; error: string }[] = [],
): Reply {
  const gapSection = [
    ...(failures.length
      ? [
          {
            title: `Could not be scored (${failures.length})`,
            lines: [
              ...failures.slice(0, 10).map((f) => `${f.name}: ${f.error}`),
              'Fix or delete the bad values at their source; the rest of the portfolio is scored.',
            ],
          },
        ]
      : []),
    ...(gaps.length
      ? [
          {
            title: `Not enough data to score (${gaps.length})`,
            lines: [
              ...gaps.slice(0, 10).map((g) => `${g.name}: newest data ${g.newestData ?? 'never'}`),
              ...(gaps.length > 10 ? [`... and ${gaps.length - 10} more`] : []),
            ],
          },
        ]
      : []),
  ];
  if (sources.length === 0)
    return {
      headline: 'No data sources yet: Tend knows what was imported or seeded.',
      tone: 'info',
      sections: [
        {
          lines: [
            'An admin connects one with `tend sources keys create <name>` (the ingest API, or Segment with `--kind segment`).',
          ],
        },
        ...gapSection,
      ],
    };
  const troubled = sources.filter((s) => s.state !== 'active' || s.stale || s.lastError);
  const order = [...sources].sort((a, b) => Number(troubled.includes(b)) - Number(troubled.includes(a)));
  return {
    headline: `${sources.length} data source(s)${troubled.length ? `, ${troubled.length} needing attention` : ', all fresh'}`,
    tone: troubled.some((s) => s.state === 'stopped') ? 'critical' : troubled.length ? 'warning' : 'good',
    ...(gapSection.length ? { sections: gapSection } : {}),
    table: {
      columns: ['Source', 'State', 'Last success', 'Rows (24 h)', 'Errors'],
      rows: order.map((s) => [
        `${s.name} (${s.kind})`,
        s.state === 'active' && s.stale ? `stale (> ${s.staleAfterHours} h)` : s.state,
        when(s.lastSuccessAt, now),
        String(s.rowsLast24h),
        s.lastError
          ? `${when(s.lastErrorAt, now)}: ${s.lastError}`
          : s.batchesRejectedLast24h
            ? `${s.batchesRejectedLast24h} batch(es) rejected`
            : '',
      ]),
    },
  };
}
