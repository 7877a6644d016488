// What a client plans is not something Tend computes: no fact sheet says "Acme plans to cancel".
// A sentence that states a client's intention (to cancel, renew, sign, expand, cut budget, churn,
// leave, switch) is the model's invention, or a customer's words obeyed as an instruction, unless
// the fact sheet's own wording (its risks and recommendations) says it. Pure: no I/O.

/** Things a client may intend. "renews in 332 days" is a date, not an intention: see `volition`. */
const intentTerm =
  /\b(?:cancel\w*|terminat\w*|churn\w*|renew\w*|non-renewal|sign(?:s|ed|ing)?\s+(?:up|a|an|the|their|its|new)\b|expan\w*|expand\w*|upgrad\w*|downgrad\w*|budget\w*|leav(?:e|es|ing)|switch\w*|migrat\w*|replac\w*|competitor\w*|rfp|procurement|walk(?:s|ing)? away|purchas\w*|buy(?:s|ing)?|add(?:s|ing)? (?:more )?(?:seats|licen[cs]es|users)|reduc\w* (?:spend|seats|licen[cs]es)|cut(?:s|ting)? (?:spend|seats|licen[cs]es|the contract)|consolidat\w*|evaluat\w* (?:alternatives|other|competitors|options|vendors)|(?:give|giving|gave|serve[ds]?) notice|quit\w*|drop(?:s|ping)? (?:us|tend|the product|the platform)|roll(?:s|ed|ing)?[\s-]?out\w*|rollout|deploy\w*|extend\w*)/gi;
/** Intentions stated outright, with or without a plan word: "churn is certain", "budget was cut". */
const strongTerm =
  /\b(?:cancel\w*|terminat\w*|churn\w*|non-renewal|not (?:to )?renew|won't renew|walk(?:s|ing)? away|competitor\w*|budget\w*|switch\w* (?:to|vendors|providers|tools|away)|leav(?:e|es|ing) (?:us|tend|the platform|the product)|quit\w*|notice|evaluat\w* (?:alternatives|other|competitors|options|vendors))/gi;
/** A client's will or plan: "plans to", "will", "is considering", "has decided", "is likely to". */
const volition =
  /\b(?:plan(?:s|ned|ning)?|intend\w*|intention\w*|want\w*|wish\w*|will|won't|going to|consider\w*|thinking (?:about|of)|decid\w*|decision|expect\w* to|likely|unlikely|aim\w*|seek\w*|looking (?:to|at|into)|threat\w*|in talks|commit\w*|ready to|eager|keen|hop(?:e|es|ing) to|prepar(?:es|ing) to|about to|set to|poised|approv\w*|confirm\w*|promis\w*|guarantee\w*|sure to|certain(?:ly)?|next month|next year|soon|definitely|told us|has asked|asked to|sign(?:s|ed|ing)? off|sign-off)\b|\b(?:is|are|'s|'re|was|were)\s+(?:\w+\s+)?(?:leaving|cancel+ing|switching|churning|moving|expanding|renewing|downgrading|upgrading|terminating|migrating|quitting|signing|buying|purchasing|replacing|evaluating|consolidating|dropping)\b/gi;
/** The sentence is about what we (the account team) do, not what the client intends. */
const ourAction =
  /^\s*(?:we|our|you|your|the (?:account |success )?team|the csm|tend|let's|(?:prepare|schedule|discuss|review|plan|confirm|agree|align|book|run|hold|propose|explore|share|follow|set|build|engage|address|monitor|track|start|open|begin|use)\b)/i;

/** The first five letters of a term: "renewal" and "renews" are one term. */
const root = (term: string) =>
  term
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .slice(0, 5);

/**
 * The client intention a sentence states that the facts do not, as a short reason; undefined when
 * it states none. `factText` is the fact sheet's own wording (labels, risks, recommendations).
 */
export function unstatedIntention(sentence: string, factText: string): string | undefined {
  const terms = [...sentence.matchAll(intentTerm)].map((m) => m[0]);
  if (!terms.length) return undefined;
  const facts = factText.toLowerCase().replace(/[^a-z]+/g, ' ');
  const inFacts = (t: string) => facts.includes(` ${root(t)}`) || facts.startsWith(root(t));
  const willed = [...sentence.matchAll(volition)].map((m) => m[0]);
  const strong = [...sentence.matchAll(strongTerm)].map((m) => m[0]);
  if (ourAction.test(sentence) && willed.every((w) => /^(?:will|plan\w*|confirm\w*|set to|prepar\w* to)$/i.test(w)))
    return terms.every(inFacts) ? undefined : `names ${terms[0]} for an action the facts do not mention`;
  if (willed.length) return `states a client intention ("${willed[0]} … ${terms[0]}") that the facts do not`;
  const unstated = strong.find((t) => !inFacts(t));
  return unstated ? `states a client intention ("${unstated}") that the facts do not` : undefined;
}
