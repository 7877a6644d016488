/**
 * The accounts feedback is read from, as a filter on the feedback's (or survey's) account: a segment
 * ("strategic") or a region ("EMEA"), matched in any case; nothing for one account or everyone.
 */
export function accountWhere(scope: { segment?: string; region?: string }) {
  if (!scope.segment && !scope.region) return {};
  return {
    account: {
      ...(scope.segment ? { segment: scope.segment } : {}),
      ...(scope.region ? { region: { equals: scope.region, mode: 'insensitive' as const } } : {}),
    },
  };
}
