import type { WebClient } from '@slack/web-api';
import type { PlatformStanding } from '../../services/access/identity.js';

/** What Slack says of a person (users.info): their standing in the organisation, and the email it verified. */
export interface SlackUserFacts {
  standing: PlatformStanding;
  email?: string;
  /** Why Slack would not say (standing `unknown`). */
  error?: string;
}

/**
 * Guests (is_restricted, is_ultra_restricted), strangers, bots, deactivated accounts and people of
 * another workspace (Slack Connect) are outsiders; another workspace is inside only within the same
 * Enterprise Grid organisation as the installation. Without `installation` (a proactive message,
 * where only the person is known) the workspace is not compared. A failed lookup is `unknown`.
 */
export async function slackStanding(
  client: WebClient,
  userId: string,
  installation?: { teamId: string; enterpriseId?: string },
): Promise<SlackUserFacts> {
  let u: Awaited<ReturnType<WebClient['users']['info']>>['user'];
  try {
    u = (await client.users.info({ user: userId })).user;
  } catch (error) {
    return { standing: 'unknown', error: String(error) };
  }
  const otherWorkspace =
    installation !== undefined &&
    u?.team_id !== undefined &&
    u.team_id !== installation.teamId &&
    !(installation.enterpriseId !== undefined && u.enterprise_user?.enterprise_id === installation.enterpriseId);
  const outsider =
    !u ||
    u.deleted === true ||
    u.is_bot === true ||
    u.is_restricted === true ||
    u.is_ultra_restricted === true ||
    u.is_stranger === true ||
    otherWorkspace;
  return {
    standing: outsider ? 'outsider' : 'member',
    ...(u?.profile?.email ? { email: u.profile.email.toLowerCase() } : {}),
  };
}
