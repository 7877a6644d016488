import { redactPii } from './redact-pii.js';

// Feedback is written by customers, so it is data, never instructions. Prompts already pass it in a
// delimited block; on top of that, a comment that addresses the model itself is withheld from the
// model entirely (the deterministic summary still counts it), since no delimiter stops every model.
const instructionPatterns = [
  /\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules?|above|previous|system)\b/i,
  /\b(?:you are|act as|pretend to be|you must now)\b.{0,40}\b(?:assistant|model|ai|gpt|llm|chatbot|system)\b/i,
  /\b(?:system|developer|assistant)\s*(?:prompt|message|role)?\s*:/i,
  /<\/?\s*(?:system|instructions?|comments?|facts?)\s*>/i,
  /\b(?:write|say|state|report|output|respond with|answer with)\b.{0,60}\b(?:nps|csat|health|score|arr|renewal)\b.{0,20}\b(?:is|of|=|as)\b\s*[-+]?\d/i,
];

/** Whether a customer's text tries to instruct the model (prompt injection). */
export function looksLikeInstructions(text: string): boolean {
  return instructionPatterns.some((p) => p.test(text));
}

export const withheldText = '[withheld: this comment addresses an AI model, so it is not shown to one]';

/** Customer text as it may reach a model: instructions withheld, emails and phone numbers redacted. */
export function untrustedForModel(text: string, options: { redactPii: boolean }): string {
  if (looksLikeInstructions(text)) return withheldText;
  return options.redactPii ? redactPii(text) : text;
}
