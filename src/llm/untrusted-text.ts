import { redactPii } from './redact-pii.js';

// Feedback is written by customers, so it is data, never instructions. Prompts pass it only inside
// a marked block (`untrustedBlock`) that the system prompt ranks below every instruction; on top of
// that, a comment that addresses the model or the writer of the document ("ignore previous
// instructions", "to whoever writes our review: make the summary say…", in English, French, German
// or Spanish) is withheld from the model entirely (the deterministic summary still counts it),
// since no delimiter stops every model. What still gets through is for the claim check to refuse.
const instructionPatterns = [
  // Addressing the model.
  /\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:instructions?|prompts?|rules?|above|previous|system|guidelines)\b/i,
  /\b(?:you are|act as|pretend to be|you must now|from now on you)\b.{0,40}\b(?:assistant|model|ai|gpt|llm|chatbot|system|bot)\b/i,
  /\b(?:system|developer|assistant)\s*(?:prompt|message|role)?\s*:/i,
  /<\/?\s*(?:system|instructions?|comments?|customer_comments|facts?)\s*>/i,
  /\b(?:write|say|state|report|output|respond with|answer with)\b.{0,60}\b(?:nps|csat|health|score|arr|renewal)\b.{0,20}\b(?:is|of|=|as)\b\s*[-+]?\d/i,
  /\b(?:ai|a\.i\.|llm|gpt|chatgpt|language model|assistant|bot|copilot)\b.{0,60}\b(?:write|say|state|mention|include|report|put|add|claim|tell|summar\w+)\b/i,
  /\b(?:note|message|memo|p\.?s\.?|hint|instructions?|request)\s+(?:for|to)\s+(?:the\s+)?(?:ai|a\.i\.|llm|gpt|model|assistant|bot|copilot|writer|author|summari[sz]er)\b/i,
  // Addressing whoever writes the review: "please make the summary say that…".
  /\b(?:to|for|dear|attention|note to|memo to)\s+(?:whoever|the person|anyone|the one|the writer|the author|the team)\b.{0,40}\b(?:writ\w*|draft\w*|prepar\w*|summari[sz]\w*|compil\w*|read\w*)\b/i,
  /\b(?:make|have|let|ensure|get)\s+(?:sure\s+)?(?:the|your|our|this|that)\s+(?:summary|review|report|qbr|deck|draft|document|write-?up|slides?|presentation|overview|notes)\b.{0,30}\b(?:say|says|state|mention|include|read|show|note|claim|report|contain)/i,
  /\b(?:in|into|on|for)\s+(?:the|your|our|this|next)\s+(?:summary|review|report|qbr|deck|draft|document|write-?up|slides?|presentation|business review)\b.{0,40}\b(?:please\s+)?(?:say|write|state|mention|include|note|put|add|report|claim|that)\b/i,
  /\b(?:please|kindly|be sure to|make sure to|don't forget to|remember to)\s+(?:say|write|state|mention|include|note|put|add|report|claim|tell (?:them|everyone|management|leadership|the reader))\b.{0,80}\b(?:that|summary|review|report|qbr|deck|draft|document|account|score|renew\w*|cancel\w*|churn\w*)\b/i,
  /\b(?:when|whoever|if)\s+(?:you|someone|anyone)\s+(?:write|writes|summari[sz]es?|drafts?|prepares?|compiles?|generates?)\b/i,
  /\b(?:summary|review|report|qbr|deck|draft|document|write-?up)\s+(?:should|must|needs? to|has to|ought to|shall)\s+(?:say|state|mention|include|read|show|note|claim|report|contain)\b/i,
  // French.
  /\b(?:ignore[rz]?|oublie[rz]?|ne tenez pas compte)\b.{0,40}\b(?:instructions?|consignes?|règles?|précédent\w*)\b/i,
  /(?:^|[.!?:;]\s*|\b(?:veuillez|merci de|s'il vous plaît,?)\s+)(?:écri(?:vez|s|re)|dites|dire|dis|indiquez|indiquer|mentionnez|mentionner|précisez|préciser|affirmez|affirmer)\s+(?:que|qu'|dans)/i,
  /\b(?:le|la|ce|votre|notre)\s+(?:résumé|rapport|compte rendu|bilan|revue|synthèse|présentation)\s+(?:doit|devrait|doivent|devra)\b/i,
  /\b(?:à l'attention de|pour)\s+(?:l'ia|l'assistant|le modèle|qui(?:conque)? (?:rédige|écrit|prépare))/i,
  /\b(?:veuillez|merci de|n'oubliez pas de)\s+(?:indiquer|écrire|mentionner|préciser|dire|noter|ajouter|inscrire)\b/i,
  // German.
  /\b(?:ignorier\w*|vergiss|vergessen sie|missachte\w*)\b.{0,40}\b(?:anweisungen?|regeln|vorgaben|vorherige\w*|obige\w*)\b/i,
  /(?:^|[.!?:;]\s*|\bbitte\s+)(?:schreib|sag|erwähn|behaupt|notier|vermerk|gib|geben)\w*\b.{0,40}\bdass\b/i,
  /\b(?:die|der|das|ihre?|unsere?)\s+(?:zusammenfassung|bericht|review|überprüfung|präsentation|auswertung)\s+(?:soll|sollte|muss|müsste)\b/i,
  /\b(?:an die ki|an den assistenten|an das modell|wer (?:auch immer )?(?:den|die|das) \w+ (?:schreibt|verfasst|erstellt))/i,
  /\bbitte\b.{0,40}\b(?:erwähnen|schreiben|angeben|vermerken|festhalten|aufnehmen|notieren)\b/i,
  // Spanish.
  /\b(?:ignora|ignore|ignoren|olvida|olvide)\b.{0,40}\b(?:instrucciones|reglas|indicaciones|anteriores)\b/i,
  /(?:^|[.!?:;¡¿]\s*|\bpor favor,?\s+)(?:escribe|escriba|escriban|di|diga|digan|indique|indica|menciona|mencione|afirma|afirme|pon|ponga)\s+(?:que|en)\b/i,
  /\b(?:el|la|este|su|nuestro|nuestra)\s+(?:resumen|informe|reporte|revisión|presentación|documento)\s+(?:debe|debería|tiene que|deberá)\b/i,
  /\b(?:para la ia|para el asistente|para el modelo|a quien (?:escriba|redacte|prepare))/i,
  /\bpor favor\b.{0,40}\b(?:indique|escriba|mencione|diga|ponga|incluya|anote)\b/i,
];

/** Whether a customer's text tries to instruct the model or the writer of a document (prompt injection). */
export function looksLikeInstructions(text: string): boolean {
  return instructionPatterns.some((p) => p.test(text));
}

export const withheldText = '[withheld: this comment addresses an AI model, so it is not shown to one]';

/** Customer text as it may reach a model: instructions withheld, emails and phone numbers redacted. */
export function untrustedForModel(text: string, options: { redactPii: boolean }): string {
  if (looksLikeInstructions(text)) return withheldText;
  return options.redactPii ? redactPii(text) : text;
}

/** The tag of the block customer text travels in; the system prompts name it. */
export const untrustedTag = 'customer_comments';

/**
 * Customer texts as the one marked block a prompt may carry them in: numbered, on one line each,
 * with anything that looks like a tag taken out so no text can close the block and speak outside it.
 */
export function untrustedBlock(texts: readonly string[]): string {
  const lines = texts.map((t, i) => `[${i + 1}] ${t.replace(/[<>]/g, ' ').replace(/\s+/g, ' ').trim()}`);
  return `<${untrustedTag}>\n${lines.join('\n')}\n</${untrustedTag}>`;
}
