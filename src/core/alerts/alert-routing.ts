import { z } from 'zod';
import type { AlertSeverity } from './health-alerts.js';

// Where alerts go, as data: every rule whose conditions all match adds its destinations. Without
// rules, an alert goes to the account owner's DM (and the channel in TEND_ALERT_SLACK_CHANNEL).

const severities = ['INFO', 'WARNING', 'CRITICAL'] as const;

const destinationSchema = z.union([
  z.literal('owner'),
  z.strictObject({ slack: z.string().regex(/^[CGDU][A-Z0-9]+$/, 'a Slack channel or user id such as C0123ABCD') }),
  z.strictObject({ teams: z.string().min(1, 'a Teams conversation id') }),
]);

export const alertRoutingSchema = z.strictObject({
  rules: z.array(
    z.strictObject({
      when: z
        .strictObject({
          segment: z.string().optional(),
          tier: z.string().optional(),
          region: z.string().optional(),
          /** The owner's email. */
          owner: z.string().email().optional(),
          minSeverity: z.enum(severities).optional(),
          /** Alert kinds or prefixes: at_risk, sharp_drop, signal:, renewal:, touchpoint_overdue. */
          kinds: z.array(z.string().min(1)).optional(),
        })
        .default({}),
      send: z.array(destinationSchema).min(1),
    }),
  ),
  /** Also send every alert to the owner's DM, whatever the rules say (default true). */
  alwaysOwner: z.boolean().default(true),
});
export type AlertRouting = z.infer<typeof alertRoutingSchema>;
export type Destination = { channel: 'SLACK' | 'TEAMS'; destination: string };

export interface RoutedAlert {
  kind: string;
  severity: AlertSeverity;
  account: { segment: string; tier: string; region: string | null };
  owner?: { email: string; slackUserId: string | null; teamsConversation?: string | null };
}

/** Kinds that go to the owner only, unless a rule names them: a data gap is the owner's to fix, not channel news. */
const ownerOnlyKinds = new Set(['data_gap']);

/** The destinations of one alert, without duplicates. */
export function routeAlert(alert: RoutedAlert, routing: AlertRouting): Destination[] {
  const out = new Map<string, Destination>();
  const add = (d: Destination) => out.set(`${d.channel}:${d.destination}`, d);
  const toOwner = () => {
    if (alert.owner?.slackUserId) add({ channel: 'SLACK', destination: alert.owner.slackUserId });
    if (alert.owner?.teamsConversation) add({ channel: 'TEAMS', destination: alert.owner.teamsConversation });
  };
  if (routing.alwaysOwner) toOwner();
  const ownerOnly = ownerOnlyKinds.has(alert.kind);
  for (const rule of routing.rules) {
    const w = rule.when;
    if (ownerOnly && !w.kinds?.includes(alert.kind)) continue;
    const matches =
      (!w.segment || w.segment.toLowerCase() === alert.account.segment.toLowerCase()) &&
      (!w.tier || w.tier.toLowerCase() === alert.account.tier.toLowerCase()) &&
      (!w.region || w.region.toLowerCase() === (alert.account.region ?? '').toLowerCase()) &&
      (!w.owner || w.owner.toLowerCase() === alert.owner?.email.toLowerCase()) &&
      (!w.minSeverity || severities.indexOf(alert.severity) >= severities.indexOf(w.minSeverity)) &&
      (!w.kinds || w.kinds.some((k) => alert.kind === k || (k.endsWith(':') && alert.kind.startsWith(k))));
    if (!matches) continue;
    for (const d of rule.send) {
      if (d === 'owner') toOwner();
      else if ('slack' in d) add({ channel: 'SLACK', destination: d.slack });
      else add({ channel: 'TEAMS', destination: d.teams });
    }
  }
  return [...out.values()];
}
