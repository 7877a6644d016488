import type { ButtonPayload } from '../render-blocks.js';
import type { SlackSpeaker } from '../slack-actor.js';

/** Where a button was pressed: a message (with response_url) or the App Home (without). */
export interface ActionBody {
  user: { id: string; team_id?: string };
  team?: { id: string } | null;
  enterprise?: { id: string } | null;
  channel?: { id: string };
  container?: { channel_id?: string; is_ephemeral?: boolean };
  response_url?: string;
  trigger_id: string;
}

/** The Enterprise Grid organisation an event or command payload names, if any. */
export function enterpriseOf(body: unknown): { enterpriseId?: string } {
  const b = body as { enterprise_id?: string | null; enterprise?: { id?: string } | null };
  const id = b.enterprise_id ?? b.enterprise?.id;
  return id ? { enterpriseId: id } : {};
}

export function speakerOf(body: ActionBody): SlackSpeaker {
  const channelId = body.channel?.id ?? body.container?.channel_id;
  return {
    userId: body.user.id,
    teamId: body.team?.id ?? body.user.team_id ?? '',
    ...(body.user.team_id ? { userTeamId: body.user.team_id } : {}),
    ...enterpriseOf(body),
    ...(channelId ? { channelId } : {}),
  };
}

/** A button's value, or undefined when it is not one of Tend's. */
export function payloadOf(value: string | undefined): ButtonPayload | undefined {
  try {
    const p = JSON.parse(value ?? '') as ButtonPayload;
    return typeof p.command === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
}
