import { z } from 'zod';
import { actOnAlert } from '../../services/alerts/act-on-alert.js';
import { defineIntent } from '../intent.js';
import { slash } from '../phrases.js';

/** Hand an alert to a colleague: "alert assign <id> to sam@example.com". */
export default defineIntent({
  name: 'alert_assign',
  args: z.object({ alertId: z.string().regex(/^[0-9a-f-]{36}$/i), email: z.string().min(3).max(320) }),
  access: 'reader',
  rules: [
    {
      priority: 30,
      match: ({ text }) => {
        const m = new RegExp(String.raw`^${slash}alert assign ([0-9a-f-]{36}) (?:to )?(\S+@\S+)$`, 'i').exec(text);
        return m ? { alertId: m[1]!.toLowerCase(), email: m[2]! } : undefined;
      },
    },
  ],
  async handle({ deps, actor, now }, { alertId, email }) {
    const done = await actOnAlert(
      deps.prisma,
      actor,
      { alertId, action: { kind: 'assign', email } },
      now,
      deps.notifiers,
    );
    await deps.onAlertChanged?.(alertId);
    return { headline: `${done.message} (${done.title})`, tone: 'good' };
  },
});
