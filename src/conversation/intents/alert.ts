import { z } from 'zod';
import { actOnAlert } from '../../services/alerts/act-on-alert.js';
import { defineIntent } from '../intent.js';
import { slash } from '../phrases.js';

/** Acknowledge, claim or snooze one alert (its buttons, or typed with its id). */
export default defineIntent({
  name: 'alert',
  args: z.object({
    alertId: z.string().regex(/^[0-9a-f-]{36}$/i),
    action: z.enum(['ack', 'claim', 'snooze']),
    days: z.number().int().min(1).max(365),
  }),
  access: 'reader',
  rules: [
    {
      priority: 31,
      match: ({ text }) => {
        const m = new RegExp(
          String.raw`^${slash}alert (ack|acknowledge|claim|snooze) ([0-9a-f-]{36})(?:\s+(\d+))?$`,
          'i',
        ).exec(text);
        if (!m) return undefined;
        const verb = m[1]!.toLowerCase();
        return {
          alertId: m[2]!.toLowerCase(),
          action: verb.startsWith('ack') ? ('ack' as const) : (verb as 'claim' | 'snooze'),
          days: m[3] ? Number(m[3]) : 7,
        };
      },
    },
  ],
  async handle({ deps, actor, now }, { alertId, action, days }) {
    const done = await actOnAlert(
      deps.prisma,
      actor,
      { alertId, action: action === 'snooze' ? { kind: 'snooze' as const, days } : { kind: action } },
      now,
    );
    // The alert's own messages show its new state, wherever they were posted.
    await deps.onAlertChanged?.(alertId);
    return { headline: `${done.message} (${done.title})`, tone: 'good' };
  },
});
