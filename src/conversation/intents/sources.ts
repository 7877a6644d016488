import { z } from 'zod';
import { sourceStatuses } from '../../services/ingest/sources.js';
import { dataGaps, scoringFailuresOf } from '../../services/scoring/data-gaps.js';
import { defineIntent } from '../intent.js';
import { afterVerb } from '../phrases.js';
import { sourcesReply } from '../source-replies.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'data sources',
  'where does the data come from',
  'how fresh is our data',
  'which sources are connected',
  'is the sync working',
  'when did data last arrive',
  'status of the data feeds',
  'source health',
  'is the CRM connected',
  'data freshness',
  'are the integrations running',
  'last sync time',
  'which systems feed Tend',
  'is the data stale',
  'connector status',
];

/** "sources": where account data comes from, and whether each source is fresh. For managers and admins. */
export default defineIntent({
  name: 'sources',
  examples,
  fromText: () => ({}),
  args: z.object({}),
  verbs: ['sources'],
  access: 'manager',
  help: {
    group: 'Ask me',
    order: 85,
    line: 'sources: each data source, its last success, rows in the last day and errors (managers)',
  },
  rules: [
    { priority: 60, match: (phrase) => (afterVerb(phrase, 'sources') === '' ? {} : undefined) },
    {
      priority: 52,
      match: ({ lower }) =>
        /^(?:how fresh is (?:our|the) data|is (?:our|the) data (?:fresh|up to date)|(?:data )?sources? status|which data sources? (?:are|is) (?:stale|failing))$/.test(
          lower,
        )
          ? {}
          : undefined,
    },
  ],
  async handle({ deps, now }) {
    const [sources, gaps, failures] = await Promise.all([
      sourceStatuses(deps.prisma, now),
      dataGaps(deps.prisma),
      scoringFailuresOf(deps.prisma),
    ]);
    return sourcesReply(sources, now, gaps, failures);
  },
});
