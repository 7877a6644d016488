import type { Reply } from './reply.js';

/** Alerts past a channel's daily cap, as one message. */
export function rollupReply(titles: string[]): Reply {
  return {
    headline: `${titles.length} more alert(s) today`,
    tone: 'warning',
    sections: [
      { lines: titles.slice(0, 30) },
      ...(titles.length > 30 ? [{ lines: [`... and ${titles.length - 30} more`] }] : []),
      {
        lines: ["This channel reached today's alert cap (TEND_ALERT_DAILY_CAP); these are rolled up into one message."],
      },
    ],
  };
}
