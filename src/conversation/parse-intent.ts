// A deterministic reading of commands and plain questions, used offline (and as the fallback when
// an LLM is configured). It recognises what is asked; use cases decide the answer.

export type Intent =
  | { kind: 'health'; account: string }
  | { kind: 'why'; account: string }
  | { kind: 'at_risk'; filter: { segment?: string; tier?: string; region?: string; mine?: boolean } }
  | { kind: 'renewals'; days: number; mine?: boolean; atRiskOnly?: boolean }
  | { kind: 'portfolio'; scope: 'me' | 'team' | 'all' }
  | { kind: 'plan'; account: string }
  | { kind: 'note'; account: string; text?: string }
  /** A milestone reached ("milestone Acme: onboarding complete"); surveys may follow it. */
  | { kind: 'milestone'; account: string; text?: string }
  | {
      kind: 'goal';
      account: string;
      goal?: { title: string; kpi: string; baseline?: string; target?: string; dueDate?: string };
    }
  | { kind: 'snooze'; account: string; days: number }
  | { kind: 'recompute'; account?: string }
  | { kind: 'whoami' }
  | { kind: 'alerts'; account?: string }
  | { kind: 'alert'; alertId: string; action: 'ack' | 'claim' | 'snooze'; days: number }
  | { kind: 'alert_assign'; alertId: string; email: string }
  | { kind: 'feedback'; account?: string; days: number }
  | { kind: 'nps'; account?: string; days: number }
  /** `survey` absent: NPS, unless the account's last word names a survey (custom keys are data). */
  | { kind: 'survey_send'; account: string; survey?: string; slackChannel?: string }
  | { kind: 'survey_answer'; requestId: string; score: number }
  | { kind: 'survey_comment'; requestId: string; text: string }
  | { kind: 'survey_optout'; requestId: string }
  | { kind: 'qbr'; account?: string; quarter?: string }
  | { kind: 'help' }
  | { kind: 'unknown'; text: string };

const regions = ['emea', 'na', 'apac', 'latam', 'amer', 'americas'];
const tiers = ['enterprise', 'professional', 'essential', 'starter'];
const segments = ['strategic', 'standard'];

const clean = (s: string) =>
  s
    .replace(/<@[^>]+>/g, ' ') // Slack/Teams mentions of the bot
    .replace(/[?!.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The account name out of a phrase: "the account Acme's score today" -> "Acme". */
function stripAccount(phrase: string): string {
  let s = phrase.replace(/^(the\s+)?account\s+/i, '').trim();
  for (;;) {
    const next = s
      .replace(/\s+(account|doing|looking|today|now|lately|this week|score|health|health score)$/i, '')
      .replace(/['’]s$/i, '')
      .trim();
    if (next === s) return s;
    s = next;
  }
}

export function parseIntent(raw: string): Intent {
  // A survey comment is the customer's words: kept verbatim, punctuation and all.
  const comment = /^survey comment ([0-9a-f-]{36}):\s*([\s\S]*)$/i.exec(raw.trim());
  if (comment) return { kind: 'survey_comment', requestId: comment[1]!.toLowerCase(), text: comment[2]!.trim() };
  const text = clean(raw);
  const lower = text.toLowerCase();
  if (!lower || /^(help|\/tend help|what can you do|commands)$/.test(lower)) return { kind: 'help' };

  const assign = /^(?:\/tend\s+)?alert assign ([0-9a-f-]{36}) (?:to )?(\S+@\S+)$/i.exec(text);
  if (assign) return { kind: 'alert_assign', alertId: assign[1]!.toLowerCase(), email: assign[2]! };
  const alert = /^(?:\/tend\s+)?alert (ack|acknowledge|claim|snooze) ([0-9a-f-]{36})(?:\s+(\d+))?$/i.exec(text);
  if (alert)
    return {
      kind: 'alert',
      alertId: alert[2]!.toLowerCase(),
      action: alert[1]!.toLowerCase().startsWith('ack') ? 'ack' : (alert[1]!.toLowerCase() as 'claim' | 'snooze'),
      days: alert[3] ? Number(alert[3]) : 7,
    };

  const answer = /^survey answer ([0-9a-f-]{36}) (\d{1,2})$/i.exec(text);
  if (answer) return { kind: 'survey_answer', requestId: answer[1]!.toLowerCase(), score: Number(answer[2]) };
  const optout = /^survey optout ([0-9a-f-]{36})$/i.exec(text);
  if (optout) return { kind: 'survey_optout', requestId: optout[1]!.toLowerCase() };
  // "survey Acme csat in <#C123|acme-shared>" (a channel link) or "in C0123ABCD" (its id). Case
  // matters: Slack ids are upper case, and "survey acme in cologne" is an account name.
  const send =
    /^(?:\/tend\s+)?survey\s+(.+?)(?:\s+(nps|csat|ces))?(?:\s+in\s+(?:<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|([CG](?=[A-Z]*\d)[A-Z0-9]{8,})))?$/i.exec(
      text,
    );
  if (send?.[4] && send[4] !== send[4].toUpperCase())
    return { kind: 'survey_send', account: stripAccount(`${send[1]} in ${send[4]}`) };
  if (send)
    return {
      kind: 'survey_send',
      account: stripAccount(send[1]!),
      ...(send[2] ? { survey: send[2].toLowerCase() } : {}),
      ...((send[3] ?? send[4]) ? { slackChannel: (send[3] ?? send[4])! } : {}),
    };

  const nps = /^(?:\/tend\s+)?nps(?:\s+(.*))?$/i.exec(text);
  if (nps) {
    const { rest, days } = trailingPeriod(nps[1]?.trim() ?? '');
    return {
      kind: 'nps',
      days: days ?? 90,
      ...(rest && rest.toLowerCase() !== 'all' ? { account: stripAccount(rest) } : {}),
    };
  }

  const history = /^(?:\/tend\s+)?(?:alerts|alert history)(?:\s+(?:for\s+)?(.+))?$/i.exec(text);
  if (history) return { kind: 'alerts', ...(history[1] ? { account: stripAccount(history[1]) } : {}) };

  const write = writeIntent(text);
  if (write) return write;

  let m =
    /^what (?:are|do|did|have) (?:customers|clients|people|users|they)(?: been)? (?:saying|said|think|thought)(?: about| of)? (.+)$/i.exec(
      text,
    );
  if (m) return { kind: 'feedback', account: stripAccount(m[1]!), days: 90 };

  m =
    /^why (?:did|has|is|was) (.+?) (?:drop|dropped|fall|fallen|fell|decline|declined|go down|gone down|move|moved|change|changed|improve|improved|rise|risen|go up|gone up)\b/i.exec(
      text,
    );
  if (m) return { kind: 'why', account: stripAccount(m[1]!) };
  m = /^why (?:is|are) (.+?) (?:at[- ]risk|red|yellow|critical|low|so low|unhealthy|healthy)$/i.exec(text);
  if (m) return { kind: 'why', account: stripAccount(m[1]!) };
  m = /^(?:how(?:'s| is| are)|what(?:'s| is) the (?:health|score) of|health of|status of|show(?: me)?) (.+)$/i.exec(
    text,
  );
  if (m && !/\b(renew|renewal|at[- ]risk|portfolio|accounts)\b/i.test(m[1]!))
    return { kind: 'health', account: stripAccount(m[1]!.replace(/\s+doing$/i, '')) };

  // Slash-command form: "/tend health acme" or "health acme".
  const command =
    /^(?:\/tend\s+)?(health|why|at-risk|atrisk|renewals|portfolio|plan|feedback|qbr|help|recompute|whoami)\b\s*(.*)$/i.exec(
      text,
    );
  if (command) {
    const verb = command[1]!.toLowerCase();
    const rest = command[2]!.trim();
    switch (verb) {
      case 'health':
        return rest ? { kind: 'health', account: stripAccount(rest) } : { kind: 'help' };
      case 'why':
        return rest ? { kind: 'why', account: stripAccount(rest) } : { kind: 'help' };
      case 'at-risk':
      case 'atrisk':
        return { kind: 'at_risk', filter: filterFrom(rest.toLowerCase()) };
      case 'renewals':
        return {
          kind: 'renewals',
          days: Number(/\d+/.exec(rest)?.[0] ?? 90),
          ...(/\b(me|my|mine)\b/i.test(rest) ? { mine: true } : {}),
        };
      case 'portfolio':
        return { kind: 'portfolio', scope: rest === 'me' || rest === 'team' ? rest : rest === '' ? 'me' : 'all' };
      case 'plan':
        return rest ? { kind: 'plan', account: stripAccount(rest) } : { kind: 'help' };
      case 'recompute':
        return rest && rest.toLowerCase() !== 'all'
          ? { kind: 'recompute', account: stripAccount(rest) }
          : { kind: 'recompute' };
      case 'whoami':
        return { kind: 'whoami' };
      case 'feedback': {
        const days = /\s(\d+)\s*(?:days?|d)?$/i.exec(` ${rest}`);
        const account = stripAccount(days ? rest.slice(0, rest.length - days[0].length + 1).trim() : rest);
        return {
          kind: 'feedback',
          days: days ? Number(days[1]) : 90,
          ...(account && account !== 'all' ? { account } : {}),
        };
      }
      case 'qbr': {
        const quarter = /\s((?:\d{4}\s?-?\s?Q[1-4])|(?:Q[1-4]\s?-?\s?\d{4}))$/i.exec(` ${rest}`);
        const account = stripAccount(quarter ? rest.slice(0, rest.length - quarter[0].length + 1).trim() : rest);
        return {
          kind: 'qbr',
          ...(account ? { account } : {}),
          ...(quarter ? { quarter: quarter[1]!.replace(/\s|-/g, '') } : {}),
        };
      }
      case 'help':
        return { kind: 'help' };
    }
  }

  if (/\brenew(al|als|s|ing)?\b/i.test(lower)) {
    const days = /(\d+)\s*days?/i.exec(lower)?.[1];
    const months = /(\d+)\s*months?/i.exec(lower)?.[1];
    const quarter = /this quarter|next quarter|quarter/i.test(lower) ? 90 : undefined;
    return {
      kind: 'renewals',
      days: days ? Number(days) : months ? Number(months) * 30 : (quarter ?? 90),
      ...(/\b(my|mine|me)\b/i.test(lower) ? { mine: true } : {}),
      ...(/\bat[- ]?risk\b/i.test(lower) ? { atRiskOnly: true } : {}),
    };
  }
  if (/\bat[- ]?risk\b|\bin (the )?red\b|\bcritical accounts\b|\bunhealthy\b/i.test(lower)) {
    return { kind: 'at_risk', filter: filterFrom(lower) };
  }
  if (/\bportfolio\b|\bmy (accounts|book)\b|\bsummary\b/i.test(lower)) {
    return {
      kind: 'portfolio',
      scope: /\b(team|my team)\b/.test(lower) ? 'team' : /\b(all|everyone|company)\b/.test(lower) ? 'all' : 'me',
    };
  }
  m = /\b(?:qbr|quarterly business review)\b(?: (?:for|of|with) (.+))?$/i.exec(text);
  if (m) return { kind: 'qbr', ...(m[1] ? { account: stripAccount(m[1]) } : {}) };
  return { kind: 'unknown', text };
}

/**
 * Commands that change data: "note Acme: called the CFO", "log a note for Acme: ...",
 * "goal Acme: Cut tickets | tickets per month | 40 | 20 | 2027-03-31", "snooze Acme 14",
 * "snooze alerts for Acme for 14 days". Without the text after the colon, the channel offers a form.
 */
function writeIntent(text: string): Intent | undefined {
  let m = /^(?:\/tend\s+)?(?:note|log (?:a )?note (?:for|on|about))\s+([^:]+?)\s*(?::\s*([\s\S]*))?$/i.exec(text);
  if (m) return { kind: 'note', account: stripAccount(m[1]!), ...(m[2]?.trim() ? { text: m[2].trim() } : {}) };
  m = /^(?:\/tend\s+)?milestone\s+([^:]+?)\s*(?::\s*([\s\S]*))?$/i.exec(text);
  if (m) return { kind: 'milestone', account: stripAccount(m[1]!), ...(m[2]?.trim() ? { text: m[2].trim() } : {}) };
  m = /^(?:\/tend\s+)?(?:goal|set (?:a )?goal (?:for|on))\s+([^:]+?)\s*(?::\s*(.*))?$/i.exec(text);
  if (m) {
    const parts = (m[2] ?? '').split('|').map((p) => p.trim());
    const [title, kpi, baseline, target, dueDate] = parts;
    return {
      kind: 'goal',
      account: stripAccount(m[1]!),
      ...(title
        ? {
            goal: {
              title,
              kpi: kpi ?? '',
              ...(baseline ? { baseline } : {}),
              ...(target ? { target } : {}),
              ...(dueDate ? { dueDate } : {}),
            },
          }
        : {}),
    };
  }
  m =
    /^(?:\/tend\s+)?snooze\s+(?:(?:the\s+)?alerts\s+(?:for|on)\s+)?(.+?)(?:\s+alerts)?(?:\s+(?:for\s+)?(\d+)(?:\s*days?)?)?$/i.exec(
      text,
    );
  if (m) return { kind: 'snooze', account: stripAccount(m[1]!), days: m[2] ? Number(m[2]) : 7 };
  return undefined;
}

function filterFrom(lower: string): Extract<Intent, { kind: 'at_risk' }>['filter'] {
  const words = lower.split(/[^a-z0-9-]+/);
  const region = words.find((w) => regions.includes(w));
  const tier = words.find((w) => tiers.includes(w));
  const segment = words.find((w) => segments.includes(w));
  return {
    ...(region ? { region: region.toUpperCase() } : {}),
    ...(tier ? { tier } : {}),
    ...(segment ? { segment } : {}),
    ...(/\b(my|mine)\b/.test(lower) ? { mine: true } : {}),
  };
}

const periodUnitDays: Record<string, number> = { d: 1, w: 7, m: 30, q: 90, y: 365 };

/**
 * A rolling period at the end of a request ("30", "30 days", "12 weeks", "last 6 months", "quarter",
 * "past year") in days, and the words before it.
 */
function trailingPeriod(text: string): { rest: string; days?: number } {
  const match =
    /(?:^|\s+)(?:(?:over\s+|in\s+)?(?:the\s+)?(?:last|past)\s+)?(?:(\d+)\s*(days?|d|weeks?|w|months?|mo|quarters?|q|years?|y)?|(day|week|month|quarter|year))$/i.exec(
      text,
    );
  if (!match) return { rest: text };
  const count = match[1] ? Number(match[1]) : 1;
  const unit = (match[2] ?? match[3] ?? 'd').toLowerCase();
  const days = count * periodUnitDays[unit.startsWith('mo') ? 'm' : unit[0]!]!;
  return days > 0 ? { rest: text.slice(0, match.index).trim(), days } : { rest: text };
}
