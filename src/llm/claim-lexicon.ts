// The words the claim check reads a clause by: which way a thing moved ("jumped", "plunged",
// "higher than at its start"), by how much as a multiple ("doubled"), whether a figure is a
// quarter's start or end, which measures a clause names (by meaning: "seats" are users, "logins"
// are login frequency), and what states a client's intention ("plans to cancel").

/** Moves upwards, in any tense: the clause says its figure's change is positive. */
export const upWords =
  /\b(?:rose|rise[sn]?|rising|increas(?:e|es|ed|ing)|grew|grow(?:n|s|ing)?|climb(?:s|ed|ing)?|(?<!\b(?:follow|followed|following|set|sign|signed|back|line|lined|catch|check|speak|open|clean|wrap|show|shows|look|looking|bring|brought|come|came|keep|kept|stand|stood|hold|held) )up|gain(?:s|ed|ing)?|higher|jump(?:s|ed|ing)?|surg(?:e|es|ed|ing)|soar(?:s|ed|ing)?|spik(?:e|es|ed|ing)|rebound(?:s|ed|ing)?|advanc(?:e|es|ed|ing)|expand(?:s|ed|ing)|ticked up|edged up|picked up|went up|cre(?:pt|eps|eping) up|above (?:the |its |where it )?(?:start|beginning|began|started|opening|previous|last)|more than at|boost(?:s|ed)?|doubled|tripled|quadrupled|upward|upturn|growth)\b/gi;
/** Moves downwards. */
export const downWords =
  /\b(?:fell|fall(?:s|en|ing)?|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|down|lower|slipp(?:ed|ing)|slips?|lost|los(?:e|es|ing)|shr(?:ank|unk|inks?)|plung(?:e|es|ed|ing)|dipp(?:ed|ing)|dips?|eas(?:e|es|ed|ing)|halved|sli(?:d|des|ding)|sank|sink(?:s|ing)?|tumbl(?:e|es|ed|ing)|slump(?:s|ed|ing)?|contract(?:s|ed|ing)|edged down|ticked down|went down|c(?:ame|ome|omes|oming) down|soften(?:s|ed|ing)?|below (?:the |its |where it )?(?:start|beginning|began|started|opening|previous|last)|less than at|reduc(?:e|es|ed|ing)|cut|downward|downturn|dropoff)\b/gi;
/** Better or worse: up or down depending on whether the measure is better higher or lower. */
export const betterWords =
  /\b(?:improv(?:e|es|ed|ing|ement)|better|strengthen(?:s|ed|ing)?|recover(?:s|ed|ing|y)?)\b/gi;
export const worseWords =
  /\b(?:worsen(?:s|ed|ing)?|worse|deteriorat(?:e|es|ed|ing)|weaken(?:s|ed|ing)?|regress(?:ed|ing)?)\b/gi;
/** Did not move. */
export const flatWords = /\b(?:unchanged|flat|held steady|steady|stable|did not move|no change|level with)\b/gi;
/** Multiples: the end over the start. */
export const multiples: Record<string, number> = { doubled: 2, tripled: 3, quadrupled: 4, halved: 0.5 };
export const multipleWords = /\b(?:doubled|tripled|quadrupled|halved)\b/gi;

/** Measures better when lower: a fall in resolution time is an improvement. */
export const lowerIsBetter =
  /\b(?:time|tickets?|escalations?|backlog|churn|incidents?|outages?|bugs?|defects?|cost)\b/i;

/** Just before a figure: the quarter's start ("from 78.3", "began at") or its end ("to 80.8", "ended at"). */
export const startBefore =
  /(?:\bfrom|\b(?:began|begun|started|starting|opened|opening|was initially)(?:\s+\w+){0,4}\s+at|\bat the (?:start|beginning) of the quarter,?(?:\s+\w+){0,4}\s+(?:at|of))\s*$/i;
export const endBefore =
  /(?:\bto|\b(?:ended|ends|ending|closed|closes|closing|finished|finishes|finishing)(?:\s+\w+){0,4}\s+(?:at|on)|\b(?:now|currently)(?:\s+\w+){0,2}\s+(?:at|is|are)|\bstands? at)\s*$/i;
/** Just after a figure: "78.3 at the start of the quarter". */
export const startAfter = /^\s*%?\s*(?:[^\s,;.]+\s+){0,3}(?:at|in) the (?:start|beginning|outset)\b/i;
export const endAfter = /^\s*%?\s*(?:[^\s,;.]+\s+){0,3}(?:at|by) the (?:end|close) of the quarter\b/i;

/** Words that name no measure: stop, time and filler words, the way moves are said, band names. */
export const genericWords = new Set(
  'score scored scores rate level metric figure number share total average percentage point the this that its their customer client user account healthy risk critical over month week'.split(
    ' ',
  ),
);

/** Words a clause may use for a measure, mapped to a word of the fact sheet's labels. */
export const synonyms: Record<string, string> = {
  seat: 'user',
  licence: 'user',
  license: 'user',
  logins: 'login',
  logged: 'login',
  renew: 'renewal',
  renews: 'renewal',
  renewing: 'renewal',
  feedback: 'comment',
  response: 'comment',
  remark: 'comment',
  customer: 'customer',
  escalated: 'escalation',
  resolve: 'resolution',
  resolving: 'resolution',
  meeting: 'meeting',
  call: 'meeting',
  touchpoint: 'meeting',
  mood: 'sentiment',
  tone: 'sentiment',
  return: 'roi',
  revenue: 'arr',
  health: 'health',
  confidence: 'coverage',
  tickets: 'ticket',
  efficient: 'efficiency',
  adopted: 'adoption',
  advocate: 'advocacy',
  satisfied: 'satisfaction',
};

/**
 * Measures a QBR may name that no fact sheet label has: a clause naming one of these states a
 * figure Tend did not compute ("Executive sponsor approval stands at 56.6%", "NPS of 100").
 */
export const measureWords = new Set(
  'nps promoter csat satisfaction approval sponsor executive adoption usage seat licence license login user ticket escalation resolution response uptime availability revenue arr mrr nrr grr churn retention engagement advocacy meeting sentiment health roi efficiency renewal comment coverage expansion readiness target achievement spend budget utilisation utilization activity activation onboarding training certification integration invoice payment cost saving productivity growth pipeline upsell discount price pricing margin'.split(
    ' ',
  ),
);

/** A light stem: "escalations" and "escalation", "renews" and "renew", "logins" and "login". */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** A word as the claim check compares it: stemmed, then mapped to the fact sheet's word. */
export const canonical = (word: string) => {
  const s = stem(word);
  return synonyms[s] ?? synonyms[word.toLowerCase()] ?? s;
};

/** The health bands a sentence may call the account, with the colours people use for them. */
export const bandWords: Record<string, string[]> = {
  healthy: ['healthy', 'green'],
  'at risk': ['at risk', 'amber', 'yellow'],
  critical: ['critical', 'red'],
};
/** "is at risk", "moved to Healthy"; group 1 is "was" or "from" when the claim is about the quarter's start. */
export const bandClaim =
  /\b(?:(was|moved from|from)|is|are|now|remains?|stays?|moved (?:from|to)|to|in the|into the|marked(?: as)?|rated|flagged(?: as)?)\s+(?:an? |the )?(green|amber|yellow|red|healthy|critical|at risk)\b(?!\s+(?:for|to)\b)/gi;
